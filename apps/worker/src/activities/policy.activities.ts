import { ApplicationFailure } from '@temporalio/activity';
import type { Period as DomainPeriod, PeriodKey as DomainPeriodKey } from '../../../../libs/domain/src';
import { NoPolicyInForceError, selectPolicy } from '../../../../libs/rules/src';

export interface PolicyForCase {
  policyVersion: string;
  periods: Record<DomainPeriodKey, DomainPeriod>;
  reminderLeadDays: number;
  extendOverHoliday: boolean;
  urgeFlagThreshold: number;
}

/** 督查督办: "3次以上" reminded on unfinished work is flagged; 以上 includes the number itself. */
const URGE_FLAG_THRESHOLD = 3;

/** The versioned policy in force on the application date, as the workflow needs it (lands in history). */
export function createPolicyActivities() {
  return {
    async loadPolicy(input: { applicationDate: string }): Promise<PolicyForCase> {
      let policy;
      try {
        policy = selectPolicy(input.applicationDate);
      } catch (err) {
        if (err instanceof NoPolicyInForceError) {
          throw ApplicationFailure.nonRetryable(err.messageEn, 'NoPolicyInForceError', err.toJSON());
        }
        throw err;
      }
      const p = policy.periods;
      const period = (x: { unit: DomainPeriod['unit']; count: number }): DomainPeriod => ({
        unit: x.unit,
        count: x.count,
      });
      return {
        policyVersion: policy.id,
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
        urgeFlagThreshold: URGE_FLAG_THRESHOLD,
      };
    },
  };
}
