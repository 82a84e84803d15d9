import { createCalendar } from '../../../libs/calendar/src';
import { createCalendarActivities, nextReminder } from '../src/activities/calendar.activities';
import { REMINDER_SPREAD_MS, reminderOffsetMs } from '../src/activities/reminder-spread';

const calendar = createCalendar();
const activities = createCalendarActivities({ calendar: async () => calendar });
// 2025-09-26 10:00 Asia/Shanghai
const acceptedAt = '2025-09-26T02:00:00.000Z';

describe('calendar activities', () => {
  it('computes a 10-working-day investigation due date across National Day (DOMAIN example)', async () => {
    expect(
      await activities.computeDeadline({
        trigger: acceptedAt,
        period: { unit: 'workingDays', count: 10 },
        extendOverHoliday: true,
      }),
    ).toEqual({ dueDate: '2025-10-16', dueAt: '2025-10-16T15:59:59.999Z', provisional: false });
  });

  it('extends a 5-day notice ending in the holiday to the first working day (Civil Code Art. 203)', async () => {
    const posted = '2025-09-30T03:00:00.000Z';
    const extended = await activities.computeDeadline({
      trigger: posted,
      period: { unit: 'calendarDays', count: 5 },
      extendOverHoliday: true,
    });
    const literal = await activities.computeDeadline({
      trigger: posted,
      period: { unit: 'calendarDays', count: 5 },
      extendOverHoliday: false,
    });
    expect(literal.dueDate).toBe('2025-10-05');
    expect(extended.dueDate).toBe('2025-10-09');
  });

  it('flags a deadline past the known calendar as provisional', async () => {
    const late = await activities.computeDeadline({
      trigger: '2026-12-20T02:00:00.000Z',
      period: { unit: 'workingDays', count: 10 },
      extendOverHoliday: true,
    });
    expect(late.provisional).toBe(true);
  });

  it('plans reminders: lead days before, on the due day, then every working day overdue', async () => {
    const due = '2025-10-16'; // Thursday
    const plan = (after: string) => activities.planNextReminder({ dueDate: due, leadDays: 2, after });
    expect(await plan(acceptedAt)).toEqual({ kind: 'BEFORE_DUE', at: '2025-10-14T01:00:00.000Z' });
    expect(await plan('2025-10-14T01:00:00.000Z')).toEqual({ kind: 'DUE', at: '2025-10-16T01:00:00.000Z' });
    expect(await plan('2025-10-16T01:00:00.000Z')).toEqual({
      kind: 'OVERDUE',
      at: '2025-10-17T01:00:00.000Z',
    });
    // Friday's 催办 is followed by Monday's: the weekend is skipped.
    expect(await plan('2025-10-17T01:00:00.000Z')).toEqual({
      kind: 'OVERDUE',
      at: '2025-10-20T01:00:00.000Z',
    });
  });

  it("spreads a morning's reminders over its first minute by case, the same place every day", () => {
    const offsets = Array.from({ length: 2_000 }, (_, i) =>
      reminderOffsetMs(`JZ-${i.toString(16).padStart(12, '0')}`),
    );
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(REMINDER_SPREAD_MS);
    // About a sixth of them in each 10-second slice of the minute: no burst at 09:00:00.
    for (let slice = 0; slice < 6; slice++) {
      const inSlice = offsets.filter((o) => Math.floor(o / 10_000) === slice).length;
      expect(inSlice).toBeGreaterThan(250);
      expect(inSlice).toBeLessThan(420);
    }
    expect(reminderOffsetMs('JZ-0000000000AB')).toBe(reminderOffsetMs('JZ-0000000000AB'));
    // The offset moves every reminder of the case; "strictly after" compares offset instants.
    const plan = (after: string) =>
      nextReminder(calendar, { dueDate: '2025-10-16', leadDays: 2, after, offsetMs: 41_250 });
    expect(plan(acceptedAt)).toEqual({ kind: 'BEFORE_DUE', at: '2025-10-14T01:00:41.250Z' });
    expect(plan('2025-10-14T01:00:41.250Z')).toEqual({ kind: 'DUE', at: '2025-10-16T01:00:41.250Z' });
    expect(plan('2025-10-16T01:00:41.250Z')).toEqual({ kind: 'OVERDUE', at: '2025-10-17T01:00:41.250Z' });
  });
});
