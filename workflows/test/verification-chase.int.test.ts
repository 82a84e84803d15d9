import type { Actor } from '../../libs/domain/src';
import { reminderOffsetMs } from '../../apps/worker/src/activities/reminder-spread';
import { stateQuery, type ActionRequest } from '../src/definitions';
import { WorkflowHarness, caseworker } from './support/harness';
import { caseAt } from './support/route';

const HOUR = 3600_000;
const officeMorning = (day: string) => Date.parse(`${day}T09:00:00+08:00`);
const transportLiaison: Actor = { id: 'li-transport', role: 'DEPARTMENT_LIAISON', department: 'TRANSPORT' };

/**
 * Issue 15, 督查督办 of the departments: the system reminds the department on a request's due day and urges
 * it at the office morning of every working day after it, on a timer of its own — not only when the
 * investigation's reminders happen to fall due — never twice on one morning, and no longer once answered.
 */
describe('application workflow: the departments are chased on a timer of their own', () => {
  const h = new WorkflowHarness('verification-chase');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('reminds on the due day, urges every working morning after it, once a morning, until the answer', async () => {
    const { handle, summary } = await caseAt(h, 'INVESTIGATION');
    const request: ActionRequest = {
      type: 'RequestVerification',
      actor: caseworker,
      data: {
        requestId: 'VR-1',
        department: 'TRANSPORT',
        departmentName: '交通运输局',
        memberId: 'm1',
        personRef: 'P-URGE-1',
        fields: ['operatingVehicles'],
        legalBasis: '家庭经济状况核对机制（测试）',
        dueWorkingDays: 2,
        reuseDays: 30,
        authorisation: { reference: 'SQ-URGE-1', signedOn: await h.today() },
      },
    };
    await h.act(handle, request);
    const requested = (await handle.query(stateQuery)).verification!.requests[0]!;
    expect(requested.due).not.toBeNull();
    const calendar = await h.calendar();
    // Every working day after the request's due day up to the investigation's BEFORE_DUE reminder (policy:
    // 2 working days before its due date), which falls on one of the same mornings.
    const beforeDue = calendar.addWorkingDays(summary.statutoryDue!.dueDate, -2).dueDate;
    const urgeDays = [calendar.nextWorkingDay(requested.due!.dueDate)];
    while (urgeDays[urgeDays.length - 1]! < beforeDue)
      urgeDays.push(calendar.nextWorkingDay(urgeDays[urgeDays.length - 1]!));
    expect(urgeDays.length).toBeGreaterThanOrEqual(3);
    const last = urgeDays[urgeDays.length - 1]!;

    const urges = async () =>
      (await h.eventStore.read(summary.caseId)).filter((e) => e.type === 'VerificationUrged');
    const offset = reminderOffsetMs(summary.caseId);
    // The due day's morning: a reminder (提醒, not counted), nothing else until the next working morning.
    await h.env.sleep(officeMorning(urgeDays[0]!) - HOUR - (await h.env.currentTimeMs()));
    await h.quietHistory(handle);
    expect(await urges()).toEqual([]);
    const reminded = (await h.eventStore.read(summary.caseId)).filter(
      (e) => e.type === 'VerificationReminded',
    );
    expect(reminded.map((e) => e.data)).toEqual([
      { requestId: 'VR-1', department: 'TRANSPORT', dueDate: requested.due!.dueDate },
    ]);
    expect(Date.parse(reminded[0]!.at)).toBeGreaterThanOrEqual(
      officeMorning(requested.due!.dueDate) + offset,
    );
    expect(Date.parse(reminded[0]!.at)).toBeLessThan(officeMorning(requested.due!.dueDate) + offset + 60_000);

    // An hour past the last of those mornings: one urge a morning, each at its morning plus the case's
    // place in the first minute (the step's reminder that morning urges nothing more).
    await h.env.sleep(officeMorning(last) + HOUR - (await h.env.currentTimeMs()));
    await h.quietHistory(handle);
    const sent = await urges();
    expect(sent.map((e) => (e.data as { count: number }).count)).toEqual(urgeDays.map((_, i) => i + 1));
    sent.forEach((e, i) => {
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(officeMorning(urgeDays[i]!) + offset);
      expect(Date.parse(e.at)).toBeLessThan(officeMorning(urgeDays[i]!) + offset + 60_000);
      expect(e.actor).toEqual({ id: 'system', role: 'SYSTEM' });
    });
    const reminders = (await h.eventStore.read(summary.caseId)).filter(
      (e) => e.type === 'ReminderIssued' && (e.data as { step: string }).step === 'INVESTIGATION',
    );
    expect(reminders.map((e) => (e.data as { kind: string }).kind)).toEqual(['OPENED', 'BEFORE_DUE']);

    // The department answers: no more urges.
    await h.act(handle, {
      type: 'AnswerVerification',
      actor: transportLiaison,
      data: {
        requestId: 'VR-1',
        values: { operatingVehicles: 0 },
        answeredOn: await h.today(),
        reference: 'JT-2026-001',
        via: 'API',
      },
    });
    const later = calendar.nextWorkingDay(calendar.nextWorkingDay(last));
    await h.env.sleep(officeMorning(later) + HOUR - (await h.env.currentTimeMs()));
    await h.quietHistory(handle);
    expect(await urges()).toHaveLength(urgeDays.length);
    expect((await handle.query(stateQuery)).verification!.requests[0]).toMatchObject({
      status: 'ANSWERED',
      urges: urgeDays.length,
    });
    await h.recordHistory(handle, 'verification-chase');
  });
});
