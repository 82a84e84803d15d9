import { ApplicationFailure } from '@temporalio/activity';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  effectiveValues,
  verificationOf,
  type ApprovalAuthority,
  type CaseState,
} from '../../../../libs/domain/src';
import {
  type PolicySource,
  findCase,
  insertEligibilityAssessment,
  reserveCapUsage,
  withPersonYearLock,
  yearToDateOf,
  type YearToDateFigures,
} from '../../../../libs/persistence/src';
import {
  NoPolicyInForceError,
  RulesError,
  aidYearOf,
  assessHousehold,
  calculate,
  mergeVerifiedFacts,
  parseHouseholdFacts,
  type VerifiedFactsOfRequest,
  refuseSystemDecidedFields,
  type Category,
  type LoadedPolicy,
} from '../../../../libs/rules/src';

export interface CalculateAidInput {
  caseId: string;
  category: string;
  applicationDate: string;
  /** The patient whose annual caps count (absent only in histories recorded before issue 10). */
  personRef?: string;
  calculation: unknown;
  /** The Asia/Shanghai date of the decision (absent in histories before: the case's own version). */
  decidedOn?: string;
}

export interface AssessEligibilityInput {
  caseId: string;
  category: string;
  applicationDate: string;
  household: unknown;
  /** The Asia/Shanghai date of the decision (absent in histories before: the case's own version). */
  decidedOn?: string;
}

/** Eligibility (Arts. 5-7, 11) and the amount (Art. 9-13, 17, 19, 21) decided by libs/rules, kept with their explanation. */
export function createRulesActivities(deps: { dataSource: DataSource; policies: PolicySource }) {
  return {
    /** The investigation's facts → eligibility with its per-criterion explanation, stored for the case. */
    async assessEligibility(input: AssessEligibilityInput) {
      const { version: policy, hash: policyHash } = await policyForDecision(deps.policies, input);
      // Issue 15: what the departments answered replaces what was typed, each with its source; unobtainable
      // requests are listed in the explanation. The case's read model holds the requests (same transaction
      // as their events, so every acknowledged answer is there).
      const requests = verifiedFactsOf((await findCase(deps.dataSource.manager, input.caseId))?.state);
      const merged = requests.length ? mergeVerifiedFacts(input.household, requests) : null;
      const assessment = rulesCall(() => {
        const facts = parseHouseholdFacts(merged ? merged.household : input.household, {
          applicationDate: input.applicationDate,
          category: input.category as Category,
        });
        return { facts, result: assessHousehold(facts, policy) };
      }, 'data.');
      const assessmentId = randomUUID();
      await insertEligibilityAssessment(deps.dataSource.manager, {
        id: assessmentId,
        caseId: input.caseId,
        policyId: policy.id,
        policyHash,
        eligible: assessment.result.eligible,
        input: assessment.facts.eligibilityInput,
        evidence: assessment.facts.evidence,
        result: merged ? { ...assessment.result, verifications: merged.verifications } : assessment.result,
      });
      return {
        assessmentId,
        eligible: assessment.result.eligible,
        policyVersion: policy.id,
        policyHash,
        failedCriteria: assessment.result.criteria.filter((c) => !c.passed).map((c) => c.id),
      };
    },

    async calculateAid(input: CalculateAidInput) {
      const { version: policy, hash: policyHash } = await policyForDecision(deps.policies, input);
      const request = asRecord(input.calculation);
      const legacy = input.personRef === undefined; // recorded before the system kept year-to-date figures
      // The case's date and category and the year-to-date figures are the system's, never the request's.
      if (!legacy) rulesCall(() => refuseSystemDecidedFields(request), 'data.calculation.');
      const aidYear = rulesCall(() => aidYearOf(request), 'data.calculation.');
      const calculationId = randomUUID();
      const run = async (yearToDate: YearToDateFigures | null, sources: unknown) => {
        const full = legacy
          ? input.calculation
          : {
              ...request,
              aidYear,
              applicationDate: input.applicationDate,
              category: input.category,
              yearToDate,
            };
        const result = rulesCall(() => calculate(full, policy), 'data.calculation.');
        if (result.category !== input.category) {
          throw ApplicationFailure.nonRetryable(
            `the calculation is for category ${result.category} but the case is ${input.category}`,
            'RulesValidationError',
            {
              field: 'data.calculation.category',
              messageZh: '计算所用类别与案件类别不一致。',
              messageEn: 'The calculation category differs from the case category.',
            },
          );
        }
        const approvalAuthority: ApprovalAuthority =
          result.approval.authority === 'DISTRICT_LEADER' ? 'DISTRICT_LEADER' : 'DISTRICT_BUREAU';
        return { full, result, approvalAuthority, sources };
      };
      const store = async (manager: DataSource['manager'], done: Awaited<ReturnType<typeof run>>) => {
        await manager.query(
          `INSERT INTO aid_calculations (id, case_id, policy_id, total, approval_authority, input, result,
             year_to_date_sources, policy_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            calculationId,
            input.caseId,
            policy.id,
            done.result.total,
            done.approvalAuthority,
            JSON.stringify(done.full),
            JSON.stringify(done.result),
            done.sources === null ? null : JSON.stringify(done.sources),
            policyHash,
          ],
        );
      };
      let done: Awaited<ReturnType<typeof run>>;
      if (legacy) {
        done = await run(null, null);
        await store(deps.dataSource.manager, done);
      } else {
        // Read, decide and reserve under the person-year lock: a concurrent calculation for another case of
        // the same person waits, then sees this one's reservation.
        done = await withPersonYearLock(deps.dataSource, input.personRef!, aidYear, async (tx) => {
          const ytd = await yearToDateOf(tx, input.personRef!, aidYear, input.caseId);
          const calculated = await run(ytd.figures, ytd.sources);
          if (new Decimal(calculated.result.total).isZero()) throw noAidDue(aidYear, ytd.figures);
          await store(tx as DataSource['manager'], calculated);
          const after = calculated.result.yearToDateAfter;
          const used = (key: keyof YearToDateFigures) =>
            new Decimal(after[key]).minus(ytd.figures[key]).toFixed(2);
          await reserveCapUsage(tx, {
            caseId: input.caseId,
            personRef: input.personRef!,
            aidYear,
            calculationId,
            figures: {
              basicAidPaid: used('basicAidPaid'),
              secondaryAidPaid: used('secondaryAidPaid'),
              selfPaidAfterAid: used('selfPaidAfterAid'),
              mentalRehabPaid: used('mentalRehabPaid'),
            },
          });
          return calculated;
        });
      }
      return {
        total: done.result.total,
        approvalAuthority: done.approvalAuthority,
        calculationId,
        policyVersion: policy.id,
        policyHash,
        explanation: done.result.explanation,
      };
    },
  };
}

/**
 * The version this decision is made under: the case's own (in force on its application date), or a later one
 * in force on the day of the decision that says open cases adopt it. The id and hash are stored with the
 * decision (eligibility_assessments, aid_calculations), so `GET /cases/:id/decisions` names and recomputes
 * it. No version is a business fact the caller must face, not a transient failure: never retried.
 */
async function policyForDecision(
  policies: PolicySource,
  input: { applicationDate: string; decidedOn?: string },
): Promise<LoadedPolicy> {
  try {
    return (await policies.forDecision(input.applicationDate, input.decidedOn ?? input.applicationDate))
      .chosen;
  } catch (err) {
    if (err instanceof NoPolicyInForceError) {
      throw ApplicationFailure.nonRetryable(err.messageEn, 'NoPolicyInForceError', err.toJSON());
    }
    throw err;
  }
}

/** Nothing is left to grant (the year's caps are used up, or no cost qualifies): a refusal, not a 0.00 proposal. */
function noAidDue(aidYear: number, ytd: YearToDateFigures) {
  return ApplicationFailure.nonRetryable(`no aid is due for ${aidYear}`, 'RulesValidationError', {
    code: 'NO_AID_DUE',
    field: 'data.calculation',
    messageZh: `按本系统记录，申请人 ${aidYear} 年度已获基本救助 ${ytd.basicAidPaid} 元、再救助 ${ytd.secondaryAidPaid} 元；按规则本次可救助金额为 0。请作出不予救助的审核意见（eligible: false，并写明理由）。`,
    messageEn: `By the system's records the applicant has had ${ytd.basicAidPaid} basic and ${ytd.secondaryAidPaid} secondary aid in ${aidYear}; the rules leave nothing to grant now. Record the review as not eligible (eligible: false) with the reason.`,
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  throw ApplicationFailure.nonRetryable('the calculation must be an object', 'RulesValidationError', {
    field: 'data.calculation',
    messageZh: '计算输入须为对象。',
    messageEn: 'The calculation input must be an object.',
  });
}

/** A rules error becomes a non-retryable failure naming the request field (`prefix` + the rules path). */
function rulesCall<T>(fn: () => T, prefix: string): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RulesError) {
      const json = err.toJSON();
      const field = json.field === '$' ? prefix.slice(0, -1) : `${prefix}${json.field}`;
      throw ApplicationFailure.nonRetryable(err.messageEn, 'RulesValidationError', { ...json, field });
    }
    throw err;
  }
}

/** The case's verification requests as the eligibility input takes them (corrections applied). */
export function verifiedFactsOf(state: CaseState | undefined): VerifiedFactsOfRequest[] {
  if (!state) return [];
  return verificationOf(state).requests.map((r) => ({
    requestId: r.requestId,
    department: r.department,
    departmentName: r.departmentName,
    memberId: r.memberId,
    status: r.status,
    values: effectiveValues(r),
    answeredOn: r.answer?.answeredOn ?? null,
    reference: r.answer?.reference ?? null,
    via: r.answer?.via ?? null,
    reusedFrom: r.answer?.reusedFrom ?? null,
    corrections: r.corrections,
    unobtainableReason: r.unobtainable?.reason ?? null,
  }));
}
