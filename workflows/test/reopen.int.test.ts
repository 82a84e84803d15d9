import { applicationWorkflow } from '../src';
import type { ApplicationInput } from '../src/definitions';
import { WorkflowHarness, caseworker, reviewer, TOWN } from './support/harness';
import { caseAt } from './support/route';

/**
 * Art. 35: fraud can come to light after the recipients list has closed and the workflow has ended. A new
 * run of the same workflow id rebuilds the case from the event store and carries the recovery through;
 * the event store's history simply continues.
 */
describe('application workflow: reopening a closed case for fraud found later', () => {
  const h = new WorkflowHarness('reopen');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('reopens a CLOSED case from its events, reports fraud and recovers the money', async () => {
    const { handle } = await caseAt(h, 'RECIPIENTS_LIST');
    await h.env.sleep('200 days');
    const closed = await handle.result();
    expect(closed.status).toBe('CLOSED');
    const before = await h.eventStore.read(closed.caseId);

    const input: ApplicationInput = {
      caseId: closed.caseId,
      category: 'ILLNESS_POVERTY',
      town: TOWN,
      applicationDate: '2019-03-01',
      applicant: { name: '陈阿姨', householdSize: 3, personRef: `person-${closed.caseId}` },
      submittedBy: caseworker,
      reopen: true,
    };
    const reopened = await h.env.client.workflow.start(applicationWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: handle.workflowId,
      args: [input],
    });
    await h.waitFor(reopened, (s) => s.status === 'CLOSED', 'the case to be rebuilt from its events');

    let s = await h.act(reopened, {
      type: 'ReportFraud',
      actor: reviewer,
      data: { kind: 'FALSE_DECLARATION', findings: '隐瞒名下营运车辆', evidenceRefs: ['车管所查询单-88'] },
    });
    expect(s).toMatchObject({ status: 'RECOVERING', currentStep: 'RECOVERY' });
    expect(s.amounts.toRecover).toBe('2800.00');
    s = await h.act(reopened, {
      type: 'RecordRecovery',
      actor: reviewer,
      data: { amount: '2800.00', reference: 'ZH-9', recoveredOn: '2019-12-01' },
    });
    expect(s.status).toBe('CANCELLED');
    expect((await reopened.result()).status).toBe('CANCELLED');

    // One history: the new events follow the old ones, no gap, no duplicate, chain intact.
    const after = await h.eventStore.read(closed.caseId);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((e) => e.sequence)).toEqual(after.map((_, i) => i + 1));
    expect(after.slice(before.length).map((e) => e.type)).toEqual(
      expect.arrayContaining(['FraudReported', 'CaseCancelled', 'RecoveryRecorded']),
    );
    expect((await h.eventStore.verify(closed.caseId)).breaks).toEqual([]);
  });

  it('a reopened run with no action ends by itself', async () => {
    const { handle } = await caseAt(h, 'RECIPIENTS_LIST');
    await h.env.sleep('200 days');
    const closed = await handle.result();
    const reopened = await h.env.client.workflow.start(applicationWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: handle.workflowId,
      args: [
        {
          caseId: closed.caseId,
          category: 'ILLNESS_POVERTY',
          town: TOWN,
          applicationDate: '2019-03-01',
          applicant: { name: '陈阿姨', householdSize: 3, personRef: 'p' },
          submittedBy: caseworker,
          reopen: true,
        },
      ],
    });
    expect((await reopened.result()).status).toBe('CLOSED');
  });
});
