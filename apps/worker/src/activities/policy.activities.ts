import { ApplicationFailure } from '@temporalio/activity';
import type {
  Period as DomainPeriod,
  PeriodKey as DomainPeriodKey,
  ProcedureRules,
} from '../../../../libs/domain/src';
import type { PolicySource } from '../../../../libs/persistence/src';
import { NoPolicyInForceError, type LoadedPolicy } from '../../../../libs/rules/src';

export interface PolicyForCase {
  policyVersion: string;
  /** sha256 of the version's document: with the id, names exactly the parameters the case runs under. */
  policyHash: string;
  periods: Record<DomainPeriodKey, DomainPeriod>;
  reminderLeadDays: number;
  extendOverHoliday: boolean;
  urgeFlagThreshold: number;
  /** Issue 12: the process by the letter, under this version's procedure parameters. */
  procedure: ProcedureRules;
}

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

/** The versioned policy in force on the application date, as the workflow needs it (lands in history). */
export function createPolicyActivities(deps: { policies: PolicySource }) {
  return {
    async loadPolicy(input: { applicationDate: string }): Promise<PolicyForCase> {
      const { version: policy, hash } = await policyInForce(deps.policies, input.applicationDate);
      const p = policy.periods;
      const period = (x: { unit: DomainPeriod['unit']; count: number }): DomainPeriod => ({
        unit: x.unit,
        count: x.count,
      });
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
    },
  };
}

/** The policy's period keys as the domain names them (one differs in spelling). */
const domainKey = (key: string): DomainPeriodKey =>
  (key === 'reinvestigation' ? 'reInvestigation' : key) as DomainPeriodKey;

function procedureOf(policy: LoadedPolicy['version']): ProcedureRules {
  const p = policy.procedure;
  const keys = (list: readonly string[]) => list.filter((k) => k !== 'reminderLead').map(domainKey);
  return {
    heirWait: { unit: p.heirWait.unit, count: p.heirWait.count },
    extensions: Object.fromEntries(
      Object.entries(p.extensions).map(([key, days]) => [domainKey(key), { maxCalendarDays: days }]),
    ),
    suspensionGrounds: p.suspensionGrounds.map((g) => ({ ...g })),
    statutoryPeriods: { FULL: keys(p.statutoryPeriods.FULL), DIRECT: keys(p.statutoryPeriods.DIRECT) },
    urgeBureauDeadlines: p.urgeBureauDeadlines,
  };
}
