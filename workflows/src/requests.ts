import { ApplicationFailure } from '@temporalio/workflow';
import type { CaseCommand, Rejection } from '../../libs/domain/src';
import type { ApplicationActivities, PolicyForCase } from './activities-contract';
import {
  REJECTION_PREFIX,
  type ActionCommand,
  type ActionRequest,
  type ApplicationInput,
} from './definitions';

/** What both workflow versions do with a person's request before and after the decider sees it. */

/**
 * For the validator, the figures the system will decide stand in as placeholders: an amount for a review with
 * a calculation, and for facts to be assessed the conclusion the person reached (the handler checks the
 * real verdict, and an override without a reason is refused there).
 */
export function validationView(request: ActionRequest): ActionCommand {
  const data = request.data as Record<string, unknown>;
  const pending = (eligible: boolean) => ({
    assessmentId: 'pending',
    eligible,
    policyVersion: 'pending',
    failedCriteria: [],
  });
  if (request.type === 'RecordInvestigation' && data.household !== undefined) {
    const { household: _household, ...facts } = data;
    return { ...request, data: { ...facts, eligibility: pending(true) } } as unknown as ActionCommand;
  }
  if (request.type === 'RecordDistrictReview') {
    const { household, calculation, ...review } = data;
    const eligibility = household === undefined ? {} : { eligibility: pending(review.eligible === true) };
    const amount =
      review.eligible === true && calculation !== undefined
        ? { proposedAmount: '0.01', breakdownRef: 'pending', approvalAuthority: 'DISTRICT_BUREAU' }
        : {};
    return { ...request, data: { ...review, ...eligibility, ...amount } } as ActionCommand;
  }
  if (request.type === 'RecordReInvestigation' && data.calculation !== undefined) {
    const { calculation: _calculation, ...finding } = data;
    return {
      ...request,
      data: {
        ...finding,
        proposedAmount: '0.01',
        breakdownRef: 'pending',
        approvalAuthority: 'DISTRICT_BUREAU',
      },
    } as ActionCommand;
  }
  return request as ActionCommand;
}

/**
 * The submission a case starts with, under its policy version: what both workflow versions record and what the
 * API checks before starting one, so they cannot differ. `systemDecides` (issue 10): eligibility and money from
 * facts and records; `byTheLetter` (issue 12): with the version's procedure.
 */
export function submission(
  input: ApplicationInput,
  policy: PolicyForCase,
  at: string,
  { systemDecides, byTheLetter }: { systemDecides: boolean; byTheLetter: boolean },
): Extract<CaseCommand, { type: 'SubmitApplication' }> {
  return {
    type: 'SubmitApplication',
    actor: input.submittedBy,
    at,
    data: {
      caseId: input.caseId,
      category: input.category,
      town: input.town,
      applicationDate: input.applicationDate,
      applicant: input.applicant,
      policyVersion: policy.policyVersion,
      periods: policy.periods,
      posts: input.posts,
      urgeFlagThreshold: policy.urgeFlagThreshold,
      ...(systemDecides ? { systemDecides: true } : {}),
      ...(byTheLetter && policy.procedure ? { procedure: policy.procedure } : {}),
    },
  };
}

/** A refusal as an Update failure: structured details for the API, and the old text form kept for old clients. */
export function rejectionFailure(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'CaseActionRejected',
    message: `${REJECTION_PREFIX}${JSON.stringify(rejection)}`,
    nonRetryable: true,
    details: [rejection],
  });
}

/** The activities that decide what a person may not type (issue 10), as each workflow version proxies them. */
export type SystemDeciders = Pick<ApplicationActivities, 'assessEligibility' | 'calculateAid'>;

/**
 * Issue 10: the rules decide eligibility from the recorded facts and the amount (with the Art. 17 authority)
 * from the calculation; the person's request gets those figures filled in before the decider sees it.
 */
export async function withSystemDecisions(
  request: ActionRequest,
  input: ApplicationInput,
  deciders: SystemDeciders,
): Promise<ActionCommand> {
  // The day the decision is made, on the workflow's clock: a version open cases adopt may apply (issue 11).
  const decidedOn = shanghaiDateOfNow();
  const assess = (household: unknown) =>
    deciders.assessEligibility({
      caseId: input.caseId,
      category: input.category,
      applicationDate: input.applicationDate,
      household,
      decidedOn,
    });
  const calculate = async (calculation: unknown) => {
    const amount = await deciders.calculateAid({
      caseId: input.caseId,
      category: input.category,
      applicationDate: input.applicationDate,
      personRef: input.applicant.personRef,
      calculation,
      decidedOn,
    });
    return {
      proposedAmount: amount.total,
      breakdownRef: amount.calculationId,
      approvalAuthority: amount.approvalAuthority,
    };
  };
  if (request.type === 'RecordInvestigation') {
    const { household, ...facts } = request.data;
    return { ...request, data: { ...facts, eligibility: await assess(household) } };
  }
  if (request.type === 'RecordDistrictReview') {
    const { household, ...review } = request.data as Record<string, unknown>;
    const eligibility = household === undefined ? {} : { eligibility: await assess(household) };
    if (review.eligible === true) {
      const { calculation, ...rest } = review;
      return {
        ...request,
        data: { ...rest, ...eligibility, ...(await calculate(calculation)) },
      } as ActionCommand;
    }
    return { ...request, data: { ...review, ...eligibility } } as ActionCommand;
  }
  if (request.type === 'RecordReInvestigation' && 'calculation' in request.data) {
    const { calculation, ...finding } = request.data;
    return { ...request, data: { ...finding, ...(await calculate(calculation)) } } as ActionCommand;
  }
  return request as ActionCommand;
}

/** Today in Asia/Shanghai (UTC+8 all year) by the workflow's deterministic clock. */
function shanghaiDateOfNow(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
