import { WorkflowHarness, caseworker } from './support/harness';
import { actions, advanceTo } from './support/route';

/**
 * Issue 13: the worker runs both workflow versions. Cases started on version 1 (one activity per event
 * batch, deadline and reminder) finish on the new worker; version 2 writes each action once and keeps a
 * short history, continuing as new when a case stays open long.
 */
describe('application workflow versions', () => {
  const h = new WorkflowHarness('versions');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const walkToEnd = async (version: 1 | 2) => {
    const handle = await h.startCase({}, { version });
    await advanceTo(h, handle, 'DISBURSEMENT');
    await h.act(handle, actions.disburse('2800.00'));
    await h.env.sleep('200 days');
    const final = await handle.result();
    const history = await handle.fetchHistory();
    return { final, events: history.events?.length ?? 0 };
  };

  it('a case started on version 1 finishes on the new worker', async () => {
    const { final, events } = await walkToEnd(1);
    expect(final.status).toBe('CLOSED');
    expect(events).toBeGreaterThan(400); // the old shape: ~480 events for the full route
  });

  it('version 2 carries the full route in at most 160 history events', async () => {
    const { final, events } = await walkToEnd(2);
    expect(final.status).toBe('CLOSED');
    expect(events).toBeLessThanOrEqual(160);
  });

  it('a case overdue for more than a year continues as new with its state, every run under 2,000 events', async () => {
    const handle = await h.startCase();
    await h.act(handle, actions.accept);
    // A department that never answers either: its request is urged every working day too (issue 15).
    await h.act(handle, {
      type: 'RequestVerification',
      actor: caseworker,
      data: {
        requestId: 'VR-1',
        department: 'TAX',
        departmentName: '税务局',
        memberId: 'm1',
        personRef: 'P-LONG-1',
        fields: ['taxPaid12m'],
        legalBasis: '家庭经济状况核对机制（测试）',
        dueWorkingDays: 5,
        reuseDays: 30,
        authorisation: { reference: 'SQ-LONG-1', signedOn: await h.today() },
      },
    });
    const firstRun = (await handle.describe()).runId;
    await h.env.sleep('400 days'); // the investigation is never recorded: a 催办 every working day
    const latest = h.env.client.workflow.getHandle(handle.workflowId);
    const description = await latest.describe();
    expect(description.runId).not.toBe(firstRun);
    const history = await latest.fetchHistory();
    expect(history.events?.length ?? 0).toBeLessThan(2_000);
    const summary = await h.summary(latest);
    expect(summary.currentStep).toBe('INVESTIGATION');
    expect(summary.urgesByStep.INVESTIGATION).toBeGreaterThan(200);
    // The chase of the request went on across the runs: reminded once, then a 催办 every working day.
    const request = (await h.state(latest)).verification!.requests[0]!;
    expect(request).toMatchObject({ status: 'OPEN', reminded: true });
    expect(request.urges).toBeGreaterThan(200);
    expect(Math.abs(request.urges - summary.urgesByStep.INVESTIGATION!)).toBeLessThanOrEqual(10);
    // The request must be closed before the investigation can be recorded.
    await h.act(latest, {
      type: 'MarkVerificationUnobtainable',
      actor: caseworker,
      data: { requestId: 'VR-1', reason: '税务部门一年未反馈' },
    });
    // The carried state still acts: the investigation can be recorded in the new run.
    const s = await h.act(latest, actions.investigate);
    expect(s.currentStep).toBe('TOWN_REVIEW');
  }, 300_000);
});
