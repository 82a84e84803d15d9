import { CalendarStore } from '../../libs/persistence/src';
import { HYPOTHETICAL_2027 } from '../../libs/calendar/test/fixtures/hypothetical-2027';
import { calendarChangedSignal } from '../src/definitions';
import { WorkflowHarness } from './support/harness';
import { actions } from './support/route';

const officeMorning = (day: string) => Date.parse(`${day}T09:00:00+08:00`);

/**
 * A deadline past the official holiday data (which covers up to 2026 here) is provisional; when the bureau
 * loads the next year's arrangement the API signals the workflow, which counts it again.
 */
describe('application workflow: provisional deadlines recomputed on a calendar change', () => {
  const h = new WorkflowHarness('calendar');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('a 10-working-day investigation from 24 December is provisional, then fixed by the 2027 arrangement', async () => {
    // The test server's clock starts at the real now (late 2026): move it to the morning of 24 December.
    const target = Date.parse('2026-12-24T10:00:00+08:00');
    const now = await h.env.currentTimeMs();
    if (now > target)
      throw new Error(
        'this test assumes the clock starts before 24 December 2026 (official data through 2026)',
      );
    await h.env.sleep(target - now);

    const handle = await h.startCase();
    const other = await h.startCase(); // acceptance due within 2026: certain, untouched by the change
    let s = await h.act(handle, actions.accept);
    expect(s.currentStep).toBe('INVESTIGATION');
    // Counted on weekends alone, 1 January 2027 is a working day: 2027-01-07, marked provisional.
    expect(s.statutoryDue).toMatchObject({ dueDate: '2027-01-07', provisional: true });
    expect(s.allowedActionsByRole.SYSTEM).toContain('RecomputeDeadline');
    const otherDue = (await h.summary(other)).statutoryDue!;
    expect(otherDue.provisional).toBe(false);

    await new CalendarStore(h.dataSource).recordYearArrangement({
      year: 2027,
      entries: HYPOTHETICAL_2027.entries,
      reference: HYPOTHETICAL_2027.reference,
      reason: '国务院办公厅公布2027年节假日安排（测试数据）',
      actor: { id: 'adm-liang', role: 'ADMINISTRATOR' },
    });
    await handle.signal(calendarChangedSignal);
    await other.signal(calendarChangedSignal);

    s = await h.waitFor(
      handle,
      (x) => x.statutoryDue?.provisional === false,
      'the deadline to be recomputed',
    );
    expect(s.statutoryDue).toMatchObject({ dueDate: '2027-01-08', provisional: false }); // 元旦 1 January is off
    const open = await h.openStep(handle, 'INVESTIGATION');
    expect(s.statutoryDue!.dueDate).toBe((await h.workingDaysFrom(open.clockStartedAt, 10)).dueDate);
    const recomputed = (await h.eventStore.read(s.caseId)).filter((e) => e.type === 'DeadlineRecomputed');
    expect(recomputed.map((e) => e.data)).toEqual([
      expect.objectContaining({
        step: 'INVESTIGATION',
        previousDueDate: '2027-01-07',
        dueDate: '2027-01-08',
        provisional: false,
      }),
    ]);
    expect((await h.summary(other)).statutoryDue).toEqual(otherDue);
    expect(await h.eventTypes(other)).not.toContain('DeadlineRecomputed');

    // Reminders follow the recomputed due: noon of the old due day is neither DUE nor overdue.
    await h.env.sleep(officeMorning('2027-01-07') + 3 * 3600_000 - (await h.env.currentTimeMs()));
    const kinds = async () =>
      (await h.eventStore.read(s.caseId))
        .filter((e) => e.type === 'ReminderIssued' && (e.data as { step: string }).step === 'INVESTIGATION')
        .map((e) => (e.data as { kind: string }).kind);
    s = await h.waitFor(handle, () => true);
    expect(await kinds()).toEqual(['OPENED', 'BEFORE_DUE']);
    await h.env.sleep('1 day');
    s = await h.waitFor(handle, () => true);
    expect(await kinds()).toEqual(['OPENED', 'BEFORE_DUE', 'DUE']);
    expect(s.urgesByStep).toEqual({});
    await h.recordHistory(handle, 'calendar-recompute');
  });
});
