import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  WorkflowHarness,
  calculationFor,
  caseworker,
  finance,
  otherTownCaseworker,
  reviewer,
} from './support/harness';
import { actions, caseAt } from './support/route';

const supervisor = { id: 'sv-mo', role: 'SUPERVISOR' as const };

/**
 * The Update validator runs the decider: an action it refuses fails the Update with the decider's
 * rejection ('REJECTED:' + JSON) and never reaches the workflow history (WorkflowHarness.expectRejected
 * compares the history before and after).
 */
describe('application workflow: the Update validator', () => {
  const h = new WorkflowHarness('validator');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('refuses wrong step, wrong role, another town and invalid data, with the reason, leaving no trace', async () => {
    const handle = await h.startCase();
    const acceptedUpdates = async () =>
      ((await handle.fetchHistory()).events ?? []).filter(
        (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
      ).length;

    // Wrong step: the town review before acceptance.
    const wrongStep = await h.expectRejected(handle, actions.townEligible, 'ACTION_NOT_ALLOWED_IN_STEP');
    expect(wrongStep.messageEn).toMatch(/ACCEPTANCE|acceptance/);
    // Wrong role: a district reviewer, finance or a supervisor accepting an application.
    await h.expectRejected(handle, { ...actions.accept, actor: reviewer }, 'ROLE_NOT_PERMITTED');
    await h.expectRejected(handle, { ...actions.accept, actor: finance }, 'ROLE_NOT_PERMITTED');
    await h.expectRejected(handle, { ...actions.accept, actor: supervisor }, 'ROLE_NOT_PERMITTED');
    // Another town's caseworker (保密审查: staff act only within their jurisdiction).
    const wrongTown = await h.expectRejected(
      handle,
      { ...actions.accept, actor: otherTownCaseworker },
      'WRONG_TOWN',
    );
    expect(wrongTown.messageZh).toBeTruthy();
    // Invalid data: a refusal needs its reasons; a notice of missing materials needs its items.
    const noReasons = await h.expectRejected(
      handle,
      { type: 'Refuse', actor: caseworker, data: { reasons: [] } },
      'INVALID_DATA',
    );
    expect(noReasons.field).toBe('data.reasons');
    await h.expectRejected(
      handle,
      { type: 'RequestMissingMaterials', actor: caseworker, data: { missingItems: [], noticeRef: 'BZ-1' } },
      'INVALID_DATA',
    );
    // SYSTEM commands are the workflow's own, not a person's.
    await h.expectRejected(
      handle,
      { type: 'CloseRecipientsList', actor: caseworker, data: {} },
      'ROLE_NOT_PERMITTED',
    );
    expect(await acceptedUpdates()).toBe(0);

    let s = await h.act(handle, actions.accept);
    expect(s.currentStep).toBe('INVESTIGATION');
    // Invalid investigation data: fewer than two investigators, an unsigned survey.
    await h.expectRejected(
      handle,
      { ...actions.investigate, data: { ...actions.investigate.data, investigatorIds: ['cw-li'] } },
      'INSUFFICIENT_INVESTIGATORS',
    );
    await h.expectRejected(
      handle,
      {
        ...actions.investigate,
        data: {
          ...actions.investigate.data,
          survey: { ...actions.investigate.data.survey, signedByApplicant: false },
        },
      },
      'SURVEY_NOT_SIGNED',
    );
    s = await h.act(handle, actions.investigate);
    expect(s.currentStep).toBe('TOWN_REVIEW');
    expect(await acceptedUpdates()).toBe(2);
  });

  it('refuses an approval of a different amount than was publicised', async () => {
    const { handle } = await caseAt(h, 'APPROVAL');
    await h.expectRejected(
      handle,
      { ...actions.approve, data: { decisionRef: 'SP-1', approvedAmount: '3000.00' } },
      'AMOUNT_MISMATCH',
    );
    const s = await h.act(handle, {
      ...actions.approve,
      data: { decisionRef: 'SP-1', approvedAmount: '2800.00' },
    });
    expect(s.amounts.approved).toBe('2800.00');
  });

  it('an action sent the moment the workflow starts waits for the case to exist', async () => {
    const handle = await h.startCase({}, { wait: false });
    const s = await h.act(handle, actions.accept);
    expect(s.currentStep).toBe('INVESTIGATION');
    expect(s.timeline[0]).toMatchObject({ step: 'ACCEPTANCE', outcome: 'ACCEPTED' });
  });

  it('a calculation the rules library refuses fails that Update only; the case stays at district review', async () => {
    const { handle } = await caseAt(h, 'DISTRICT_REVIEW');
    const review = actions.districtEligible();
    const wrongYear = {
      ...review,
      data: { ...review.data, calculation: { ...calculationFor(), aidYear: 2018 } },
    };
    const error = await h.act(handle, wrongYear).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(causes(error)).toMatch(/outside the aid year 2018/);
    expect((await h.summary(handle)).currentStep).toBe('DISTRICT_REVIEW');
    const s = await h.act(handle, actions.districtEligible());
    expect(s.currentStep).toBe('SECOND_NOTICE');
  });

  it('figures the system decides are refused and change nothing (issue 10)', async () => {
    const { handle } = await caseAt(h, 'DISTRICT_REVIEW');
    const before = (await h.eventStore.read((await h.summary(handle)).caseId)).length;
    const review = actions.districtEligible();
    const typedYearToDate = {
      ...review,
      data: { ...review.data, calculation: { ...calculationFor(), yearToDate: { basicAidPaid: '0.00' } } },
    };
    const error = await h.act(handle, typedYearToDate).catch((err: unknown) => err);
    expect(causes(error)).toMatch(/yearToDate/);
    await h.expectRejected(
      handle,
      { ...review, data: { ...review.data, proposedAmount: '90000.00' } } as never,
      'SYSTEM_DECIDED_FIELD',
    );
    expect((await h.eventStore.read((await h.summary(handle)).caseId)).length).toBe(before);
  });
});

/** The messages of an error and its causes (an activity's failure arrives wrapped once or twice). */
function causes(err: unknown): string {
  const messages: string[] = [];
  for (let e = err as Error | undefined; e; e = (e as Error & { cause?: Error }).cause)
    messages.push(e.message);
  return messages.join(' <- ');
}
