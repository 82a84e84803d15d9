import { ApplicationFailure } from '@temporalio/workflow';
import type { Rejection } from '../../libs/domain/src';
import { REJECTION_PREFIX, type ActionCommand, type ActionRequest } from './definitions';

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

/** A refusal as an Update failure: structured details for the API, and the old text form kept for old clients. */
export function rejectionFailure(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'CaseActionRejected',
    message: `${REJECTION_PREFIX}${JSON.stringify(rejection)}`,
    nonRetryable: true,
    details: [rejection],
  });
}
