import type { DataSource } from 'typeorm';
import { evolve, initialState, type CaseCommand } from '../../../libs/domain/src';
import { actors, submitData } from '../../../libs/domain/test/support';
import { CalendarStore, CaseProjector, EventStore, createDataSource } from '../../../libs/persistence/src';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { createRecordActionActivities } from '../src/activities/record-action.activities';

/**
 * One durable write per action (issue 13), against a real database: the action and what it implies land in
 * one append, and a retried workflow task that stamped a new time gets the stored events back instead of a
 * conflict (a worker killed after the commit, before the workflow task completed).
 */
describe('recordAction', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let activities: ReturnType<typeof createRecordActionActivities>;
  let eventStore: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('record_action');
    dataSource = await createDataSource(db.url).initialize();
    eventStore = new EventStore(dataSource, [new CaseProjector()]);
    const calendars = new CalendarStore(dataSource);
    activities = createRecordActionActivities({ calendar: () => calendars.calendar(), eventStore });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const submit = (at: string): CaseCommand =>
    ({ type: 'SubmitApplication', actor: actors.caseworker, at, data: submitData() }) as CaseCommand;
  const input = (command: CaseCommand) => ({
    caseId: 'XH-2019-0001',
    state: initialState,
    firstSequence: 1,
    command,
    at: command.at,
    extendOverHoliday: true,
    reminderLeadDays: 2,
    reminderPlan: null,
  });

  it('appends the action with its deadline and opening reminder in one write, then converges on a retry', async () => {
    const first = await activities.recordAction(input(submit('2019-03-01T09:00:00+08:00')));
    expect(first.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['ApplicationSubmitted', 'StepOpened', 'DeadlineSet', 'ReminderIssued']),
    );
    expect(first.reminderPlan).toMatchObject({ step: 'ACCEPTANCE' });
    expect((await eventStore.read('XH-2019-0001')).length).toBe(first.events.length);

    const retried = await activities.recordAction(input(submit('2019-03-01T09:00:07+08:00')));
    // The stored events come back (their first time, not the retry's), and nothing is appended twice.
    const instants = (events: Array<{ at: string }>) => events.map((e) => Date.parse(e.at));
    expect(instants(retried.events)).toEqual(instants(first.events));
    expect((await eventStore.read('XH-2019-0001')).length).toBe(first.events.length);
  });

  it('after a reminder that fired days late (a worker outage), plans the next after now: no burst of missed 催办', async () => {
    const caseId = 'XH-2019-0002';
    const first = await activities.recordAction({ ...input(submit('2019-03-01T09:00:00+08:00')), caseId });
    const state = first.events.reduce(evolve, initialState);
    const planned = first.reminderPlan!;
    // The planned reminder fires a week late: the mornings in between are gone, not owed in a row.
    const late = new Date(Date.parse(planned.at) + 7 * 86_400_000).toISOString();
    const next = await activities.recordAction({
      ...input(submit(late)),
      caseId,
      state,
      firstSequence: first.events.length + 1,
      command: undefined,
      at: late,
      reminderPlan: planned,
      reminderFiredAt: planned.at,
    });
    expect(next.events).toEqual([]);
    expect(Date.parse(next.reminderPlan!.at)).toBeGreaterThan(Date.parse(late));
    expect(Date.parse(next.reminderPlan!.at) - Date.parse(late)).toBeLessThan(4 * 86_400_000);
    expect(next.reminderPlan!.kind).toBe('OVERDUE');
  });
});
