import type { Period, PeriodKey, ProcedureRules } from '../../../domain/src';
import type { LoadedPolicy } from '../../../rules/src';

/**
 * What a case's workflow runs under from its policy version: the periods, the reminder lead, the urge
 * threshold and the procedure (issue 12), named as the domain names them. The API checks a submission with
 * it and hands the same to the workflow with the start (it lands in history); the worker's loadPolicy gives
 * it to runs started without it.
 */
export interface CasePolicy {
  policyVersion: string;
  /** sha256 of the version's document: with the id, names exactly the parameters the case runs under. */
  policyHash: string;
  periods: Record<PeriodKey, Period>;
  reminderLeadDays: number;
  extendOverHoliday: boolean;
  urgeFlagThreshold: number;
  procedure: ProcedureRules;
}

export function casePolicyOf({ version: policy, hash }: LoadedPolicy): CasePolicy {
  const p = policy.periods;
  const period = (x: { unit: Period['unit']; count: number }): Period => ({ unit: x.unit, count: x.count });
  return {
    policyVersion: policy.id,
    policyHash: hash,
    periods: {
      acceptance: period(p.acceptance),
      investigation: period(p.investigation),
      townReview: period(p.townReview),
      firstNotice: period(p.firstNotice),
      democraticReview: period(p.democraticReview),
      submission: period(p.submission),
      districtReview: period(p.districtReview),
      secondNotice: period(p.secondNotice),
      reInvestigation: period(p.reinvestigation),
      approval: period(p.approval),
      fundsRequest: period(p.fundsRequest),
      disbursement: period(p.disbursement),
      recipientsList: period(p.recipientsList),
      refusalNotice: period(p.refusalNotice),
    },
    reminderLeadDays: p.reminderLead.count,
    extendOverHoliday: p.calendarDayHolidayExtension,
    // 督查督办: "3次以上" — now a value of the policy document (process.urgeFlagThreshold).
    urgeFlagThreshold: policy.supervision.urgeFlagThreshold,
    procedure: procedureOf(policy),
  };
}

/** The policy's period keys as the domain names them (one differs in spelling). */
const domainKey = (key: string): PeriodKey =>
  (key === 'reinvestigation' ? 'reInvestigation' : key) as PeriodKey;

function procedureOf(policy: LoadedPolicy['version']): ProcedureRules {
  const p = policy.procedure;
  const keys = (list: readonly string[]) => list.filter((k) => k !== 'reminderLead').map(domainKey);
  return {
    heirWait: { unit: p.heirWait.unit, count: p.heirWait.count },
    extensions: Object.fromEntries(
      Object.entries(p.extensions).map(([key, days]) => [domainKey(key), { maxCalendarDays: days }]),
    ),
    suspensionGrounds: p.suspensionGrounds.map(({ categories, ...g }) =>
      categories ? { ...g, categories: [...categories] } : { ...g },
    ),
    statutoryPeriods: { FULL: keys(p.statutoryPeriods.FULL), DIRECT: keys(p.statutoryPeriods.DIRECT) },
    urgeBureauDeadlines: p.urgeBureauDeadlines,
  };
}
