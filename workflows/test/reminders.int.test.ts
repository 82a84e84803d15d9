import { reminderOffsetMs } from '../../apps/worker/src/activities/reminder-spread';
import type { StoredEvent } from '../../libs/persistence/src';
import { WorkflowHarness, caseworker } from './support/harness';
import { actions, caseAt } from './support/route';

const HOUR = 3600_000;
const officeMorning = (day: string) => Date.parse(`${day}T09:00:00+08:00`);

/**
 * 督查督办 / 限时办结: a caseworker sits on a home investigation. The workflow reminds when the step opens, before
 * it is due (policy: 2 working days), on the due day, and every working day after it with a 催办 that is
 * counted, escalated to the supervisor, and flags the assignee at the third.
 */
describe('application workflow: reminders and 催办 when a caseworker is late', () => {
  const h = new WorkflowHarness('reminders');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('reminds before and on the due day, then urges every working day; the third 催办 flags the assignee', async () => {
    // The home investigation: its 10 working days are set by the measures (Art. 15(2)).
    const { handle, summary: first } = await caseAt(h, 'INVESTIGATION');
    const due = first.statutoryDue!;
    const calendar = await h.calendar();
    const beforeDue = calendar.addWorkingDays(due.dueDate, -2).dueDate;
    const overdueDays = [calendar.nextWorkingDay(due.dueDate)];
    for (let i = 1; i < 4; i++) overdueDays.push(calendar.nextWorkingDay(overdueDays[i - 1]!));
    const reminders = async (step = 'INVESTIGATION') =>
      (await h.eventStore.read(first.caseId)).filter(
        (e) => e.type === 'ReminderIssued' && (e.data as { step: string }).step === step,
      );
    const kinds = (events: StoredEvent[]) => events.map((e) => (e.data as { kind: string }).kind);
    expect(kinds(await reminders())).toEqual(['OPENED']);

    // An hour past the third overdue morning.
    await h.env.sleep(officeMorning(overdueDays[2]!) + HOUR - (await h.env.currentTimeMs()));
    let s = await h.waitFor(handle, (x) => x.urgesByStep.INVESTIGATION === 3, 'the third 催办');
    expect(s.flaggedAssignees).toEqual(['cw-li']);
    const sent = await reminders();
    expect(kinds(sent)).toEqual(['OPENED', 'BEFORE_DUE', 'DUE', 'OVERDUE', 'OVERDUE', 'OVERDUE']);
    // Each at the office morning it was planned for (09:00 Asia/Shanghai plus the case's own place in
    // that first minute), in workflow time.
    const offset = reminderOffsetMs(first.caseId);
    const planned = [beforeDue, due.dueDate, ...overdueDays.slice(0, 3)].map(
      (d) => officeMorning(d) + offset,
    );
    sent.slice(1).forEach((e, i) => {
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(planned[i]!);
      expect(Date.parse(e.at)).toBeLessThan(planned[i]! + 60_000);
    });

    let events = await h.eventStore.read(s.caseId);
    const urges = events
      .filter((e) => e.type === 'UrgeIssued')
      .map((e) => e.data as { countForStep: number; countForAssignee: number });
    expect(urges.map((u) => [u.countForStep, u.countForAssignee])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const escalations = events.filter((e) => e.type === 'EscalatedToSupervisor');
    expect(escalations.map((e) => e.data)).toEqual(
      [1, 2, 3].map((countForStep) =>
        expect.objectContaining({ step: 'INVESTIGATION', town: s.town, countForStep }),
      ),
    );
    const flagged = events.findIndex((e) => e.type === 'AssigneeFlagged');
    expect(events[flagged]?.data).toMatchObject({ assignee: { id: 'cw-li' }, urgeCount: 3, threshold: 3 });
    expect(events[flagged - 1]?.type).toBe('EscalatedToSupervisor'); // in the same decision as the third 催办

    // A fourth working day: one more 催办, but flagged only once.
    await h.env.sleep(officeMorning(overdueDays[3]!) + HOUR - (await h.env.currentTimeMs()));
    s = await h.waitFor(handle, (x) => x.urgesByStep.INVESTIGATION === 4, 'the fourth 催办');
    events = await h.eventStore.read(s.caseId);
    expect(events.filter((e) => e.type === 'AssigneeFlagged')).toHaveLength(1);

    // The late investigation is on the timeline as not on time; the next step starts its own reminders.
    s = await h.act(handle, actions.investigate);
    expect(s.timeline[1]).toMatchObject({
      step: 'INVESTIGATION',
      statutoryDueDate: due.dueDate,
      onTime: false,
    });
    expect(s.urgesByStep).toEqual({ INVESTIGATION: 4 });
    expect(kinds(await reminders('TOWN_REVIEW'))).toEqual(['OPENED']);
    await h.recordHistory(handle, 'reminders-urges');
  });

  it("a deadline that is only the bureau's parameter is reminded, never urged or flagged (issue 12)", async () => {
    // Acceptance: the measures set no period (Art. 15(1)); 5 working days is the bureau's choice.
    const handle = await h.startCase();
    const first = await h.summary(handle);
    const calendar = await h.calendar();
    let day = first.statutoryDue!.dueDate;
    for (let i = 0; i < 3; i++) day = calendar.nextWorkingDay(day);
    await h.env.sleep(officeMorning(day) + HOUR - (await h.env.currentTimeMs()));
    await h.waitFor(handle, () => true);
    const events = await h.eventStore.read(first.caseId);
    const overdue = events.filter(
      (e) => e.type === 'ReminderIssued' && (e.data as { kind: string }).kind === 'OVERDUE',
    );
    expect(overdue.length).toBe(3);
    expect(events.filter((e) => e.type === 'UrgeIssued' || e.type === 'AssigneeFlagged')).toEqual([]);
    expect((await h.summary(handle)).urgesByStep).toEqual({});
  });

  it('a step done on time is never reminded again: its timers die with it', async () => {
    const handle = await h.startCase();
    const s = await h.act(handle, { ...actions.accept, actor: caseworker });
    expect(s.timeline[0]).toMatchObject({ step: 'ACCEPTANCE', onTime: true });
    await h.env.sleep('20 days'); // the investigation, left alone, is reminded and urged meanwhile
    await h.waitFor(handle, (x) => (x.urgesByStep.INVESTIGATION ?? 0) > 0, 'the investigation to be urged');
    const acceptance = (await h.eventStore.read(s.caseId)).filter(
      (e) => e.type === 'ReminderIssued' && (e.data as { step: string }).step === 'ACCEPTANCE',
    );
    expect(acceptance.map((e) => (e.data as { kind: string }).kind)).toEqual(['OPENED']);
  });
});
