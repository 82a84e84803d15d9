import { ApplicationFailure } from '@temporalio/activity';
import { casePolicyOf, type CasePolicy, type PolicySource } from '../../../../libs/persistence/src';
import { NoPolicyInForceError, type LoadedPolicy } from '../../../../libs/rules/src';

/**
 * The published version in force on a date, from the policy store (administrators publish them). No version
 * is a business fact the caller must face, not a transient failure: never retried.
 */
export async function policyInForce(policies: PolicySource, date: string): Promise<LoadedPolicy> {
  try {
    return await policies.forDate(date);
  } catch (err) {
    if (err instanceof NoPolicyInForceError) {
      throw ApplicationFailure.nonRetryable(err.messageEn, 'NoPolicyInForceError', err.toJSON());
    }
    throw err;
  }
}

/**
 * The versioned policy in force on the application date, as the workflow needs it (lands in history), for
 * runs started without it (cases registered before the API handed it over, reopened runs).
 */
export function createPolicyActivities(deps: { policies: PolicySource }) {
  return {
    async loadPolicy(input: { applicationDate: string }): Promise<CasePolicy> {
      return casePolicyOf(await policyInForce(deps.policies, input.applicationDate));
    },
  };
}
