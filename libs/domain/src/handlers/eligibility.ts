import type { Actor } from '../actors';
import type { EligibilityOutcome } from '../commands';
import { eventFrom, type CaseEvent } from '../events';
import { isNonEmptyString } from '../formats';
import { reject, type Rejection } from '../rejections';
import type { CaseState } from '../state';
import type { Step } from '../steps';

/**
 * Issue 10: people record facts, the rules decide eligibility (Arts. 5-7, 11), and a review that concludes
 * against the rules says why. These helpers keep that reading in one place for every review step.
 */

/** The rules' verdict, as an event of the step where the facts were recorded. */
export function assessedEvent(
  cause: { actor: Actor; at: string },
  step: Step,
  outcome: EligibilityOutcome,
): CaseEvent {
  return eventFrom(cause, 'EligibilityAssessed', {
    step,
    assessmentId: outcome.assessmentId,
    eligible: outcome.eligible,
    policyVersion: outcome.policyVersion,
    failedCriteria: [...outcome.failedCriteria],
  });
}

/**
 * A review's conclusion against the rules' verdict: nothing to record when they agree (or when the case has
 * no assessment, as in cases registered before issue 10); otherwise an `EligibilityOverridden` with the
 * reason, or a refusal when a reason is required and missing. The democratic review's own conclusion is
 * its reason (Art. 15(4): the villagers' representatives may find otherwise).
 */
export function overrideEvents(
  state: CaseState,
  cause: { actor: Actor; at: string },
  step: Step,
  concluded: boolean,
  reason: unknown,
  assessment: EligibilityOutcome | null = state.eligibility ?? null,
): { events: CaseEvent[] } | { rejection: Rejection } {
  if (!assessment || assessment.eligible === concluded) return { events: [] };
  if (!isNonEmptyString(reason)) {
    return { rejection: reject.overrideReasonRequired(step, assessment.eligible, assessment.failedCriteria) };
  }
  return {
    events: [
      eventFrom(cause, 'EligibilityOverridden', {
        step,
        assessmentId: assessment.assessmentId,
        assessedEligible: assessment.eligible,
        concludedEligible: concluded,
        reason: reason.trim(),
      }),
    ],
  };
}

/** The outcome the system filled into a command, checked for shape (a person never sends it). */
export function outcomeProblem(value: unknown, field: string): Rejection | null {
  const o = value as Partial<EligibilityOutcome> | undefined;
  if (
    o &&
    typeof o === 'object' &&
    isNonEmptyString(o.assessmentId) &&
    typeof o.eligible === 'boolean' &&
    isNonEmptyString(o.policyVersion) &&
    Array.isArray(o.failedCriteria)
  )
    return null;
  return reject.invalidData(
    field,
    '缺少系统依据家庭经济状况事实作出的资格认定；请在 household 中登记事实及其来源。',
    'the eligibility decided by the system from the household facts is missing; record the facts and their sources in household.',
  );
}
