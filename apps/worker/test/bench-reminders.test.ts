import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCalendar } from '../../../libs/calendar/src';
import { benchReminderOverride } from '../src/activities/bench-reminders';
import { createCalendarActivities } from '../src/activities/calendar.activities';

/** The bench-only reminder instant (npm run bench:timers): off by default, and only ever a later instant. */
describe('JIUZHU_BENCH_REMINDER_FILE', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reminders-'));
  const file = path.join(dir, 'reminder-at');
  const after = '2025-09-26T02:00:00.000Z';
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is off unless the variable is set', () => {
    expect(benchReminderOverride({})).toBeNull();
    expect(benchReminderOverride({ JIUZHU_BENCH_REMINDER_FILE: ' ' })).toBeNull();
  });

  it('gives the file instant while it is later than the last reminder, else nothing', () => {
    const override = benchReminderOverride({ JIUZHU_BENCH_REMINDER_FILE: file })!;
    fs.rmSync(file, { force: true });
    expect(override(after, 0)).toBeNull(); // no file yet: the calendar plans
    fs.writeFileSync(file, '2025-09-26T02:01:00Z\n');
    expect(override(after, 0)).toBe('2025-09-26T02:01:00.000Z');
    // The reminder after it is planned from the calendar again.
    expect(override('2025-09-26T02:01:00.000Z', 0)).toBeNull();
  });

  it("adds the case's offset in the minute, unless the file says `exact`", () => {
    const override = benchReminderOverride({ JIUZHU_BENCH_REMINDER_FILE: file })!;
    fs.writeFileSync(file, '2025-09-26T02:01:00Z');
    expect(override(after, 41_250)).toBe('2025-09-26T02:01:41.250Z');
    fs.writeFileSync(file, '2025-09-26T02:01:00Z exact');
    expect(override(after, 41_250)).toBe('2025-09-26T02:01:00.000Z');
  });

  it('refuses a relative path or a file without an instant, naming the variable', () => {
    expect(() => benchReminderOverride({ JIUZHU_BENCH_REMINDER_FILE: 'x' })).toThrow(
      /JIUZHU_BENCH_REMINDER_FILE must be an absolute/,
    );
    fs.writeFileSync(file, 'soon');
    const override = benchReminderOverride({ JIUZHU_BENCH_REMINDER_FILE: file })!;
    expect(() => override(after, 0)).toThrow(/JIUZHU_BENCH_REMINDER_FILE/);
    fs.writeFileSync(file, '2025-09-26T02:01:00Z later');
    expect(() => override(after, 0)).toThrow(/JIUZHU_BENCH_REMINDER_FILE/);
  });

  it('is what planNextReminder plans while the file holds a later instant', async () => {
    const calendar = createCalendar();
    const plan = { dueDate: '2025-10-16', leadDays: 2, after } as const;
    const fromCalendar = { kind: 'BEFORE_DUE', at: '2025-10-14T01:00:00.000Z' };
    fs.writeFileSync(file, '2025-09-26T02:01:00Z');
    const off = createCalendarActivities({ calendar: async () => calendar, env: {} });
    expect(await off.planNextReminder(plan)).toEqual(fromCalendar);
    const on = createCalendarActivities({
      calendar: async () => calendar,
      env: { JIUZHU_BENCH_REMINDER_FILE: file },
    });
    expect(await on.planNextReminder(plan)).toEqual({ kind: 'BEFORE_DUE', at: '2025-09-26T02:01:00.000Z' });
    expect(await on.planNextReminder({ ...plan, after: '2025-09-26T02:01:00.000Z' })).toEqual(fromCalendar);
  });
});
