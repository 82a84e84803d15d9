import type { Category } from './categories';
import { Money } from './money';
import { compilePolicy } from './policies/compiled';
import type { PolicyVersion } from './policies/types';

/** Art. 17: who signs the approval decision (审批). */
export type ApprovalAuthority =
  | 'DISTRICT_CIVIL_AFFAIRS_BUREAU' // 区民政部门
  | 'DISTRICT_LEADER'; // 分管民政工作的区领导

export interface AuthorityDecision {
  readonly authority: ApprovalAuthority;
  readonly amount: string;
  readonly threshold: string;
  readonly article: string;
  readonly textZh: string;
  readonly textEn: string;
}

/**
 * "X万元以内（含X万元）由区民政部门负责审批，X万元以上的由分管民政工作的区领导负责审批": the threshold
 * itself is the bureau's (含), so only amounts strictly above it go to the district leader — the one
 * place in the measures where 以上 cannot be inclusive, because 以内（含） has already claimed the figure.
 */
export function approvalAuthority(
  policy: PolicyVersion,
  category: Category,
  amount: Money,
): AuthorityDecision {
  const threshold = compilePolicy(policy).approvalThresholds[category];
  const leader = amount.gt(threshold);
  const t = threshold.toString();
  const a = amount.toString();
  return {
    authority: leader ? 'DISTRICT_LEADER' : 'DISTRICT_CIVIL_AFFAIRS_BUREAU',
    amount: a,
    threshold: t,
    article: 'Art. 17',
    textZh: leader
      ? `救助金额 ${a} 元超过 ${t} 元，由分管民政工作的区领导审批`
      : `救助金额 ${a} 元在 ${t} 元以内（含），由区民政部门审批`,
    textEn: leader
      ? `aid of ${a} exceeds ${t}: approved by the district leader in charge of civil affairs`
      : `aid of ${a} is within ${t} (inclusive): approved by the district civil-affairs bureau`,
  };
}

/** Convenience for callers holding a string amount (e.g. the API after a reviewer's adjustment). */
export function approvalAuthorityFor(
  policy: PolicyVersion,
  category: Category,
  amount: string,
): AuthorityDecision {
  return approvalAuthority(policy, category, Money.parse(amount, 'amount', 'Art. 17'));
}
