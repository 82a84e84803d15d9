/**
 * libs/rules — the single place where eligibility and money are decided under the Xinhui medical-aid
 * measures. Pure: no I/O, no clock; decimal.js for every amount.
 */
export { Money, parseDecimal, percent } from './money';
export {
  RulesError,
  RulesValidationError,
  NoPolicyInForceError,
  RulesInvariantError,
  type RulesErrorCode,
  type RulesErrorJson,
} from './errors';
export { CATEGORIES, BILL_KINDS, type Category, type BillKind } from './categories';
export type { IsoDate } from './dates';
export {
  POLICY_VERSIONS,
  XINHUI_2018,
  XINHUI_2018_POLICY,
  HOUSEHOLD_VERIFICATION_SECTION,
  selectPolicy,
  policyById,
  POLICY_FORMAT,
  POLICY_DOCUMENT_SPEC,
  POLICY_ID_PATTERN,
  PERIOD_KEYS,
  PolicyDocumentInvalidError,
  canonicalJson,
  continuationOf,
  loadPolicyDocument,
  parametersToConfirm,
  policyHash,
  policyJsonSchema,
  validatePolicyDocument,
  versionFromDocument,
  verificationDepartments,
  DEPARTMENT_CODE_PATTERN,
  type VerificationDepartment,
  versionForDecision,
  OPEN_CASES_RULES,
  type DecisionVersion,
  type OpenCasesRule,
  type LoadedPolicy,
  type PolicyDocument,
  type PolicyIssue,
  type Sourced,
  type PolicyVersion,
  type ProcessPeriods,
  type PeriodKey,
  type Period,
  type PeriodUnit,
  type BasicAidRule,
  type ResidenceRule,
  type VehicleType,
} from './policies';
export {
  parseCalculationInput,
  EXCLUSION_REASONS,
  CHILD_DISEASES,
  REIMBURSEMENT_KEYS,
  OUT_OF_SCOPE_REIMBURSEMENT_KEYS,
  type OutOfScopeReimbursementKey,
  type CalculationInput,
  type Bill,
  type YearToDate,
  type MentalRehab,
  type ExclusionReason,
  type ChildDisease,
  type ReimbursementKey,
} from './amounts-input';
export {
  aidYearOf,
  SYSTEM_DECIDED_CALCULATION_FIELDS,
  systemDecidedFieldsIn,
  refuseSystemDecidedFields,
  type SystemDecidedCalculationField,
} from './aid-year';
export {
  calculate,
  calculateAid,
  type CalculationResult,
  type AidComponents,
  type BillAnalysis,
} from './amounts';
export {
  approvalAuthority,
  approvalAuthorityFor,
  type ApprovalAuthority,
  type AuthorityDecision,
} from './authority';
export {
  eligibility,
  decideEligibility,
  parseEligibilityInput,
  type EligibilityInput,
  type EligibilityResult,
  type Criterion,
  type CriterionId,
  type VehicleDecision,
} from './eligibility';
export {
  RELATIONS,
  VEHICLE_TYPES,
  BUSINESS_KINDS,
  EDUCATION_LEVELS,
  decideMembership,
  type Relation,
  type Member,
  type Assets,
  type Vehicle,
  type Business,
  type BusinessKind,
  type EducationLevel,
  type MembershipDecision,
} from './household';
export type { ExplanationLine, Explanation, LineComponent } from './explanation';

import { selectPolicy } from './policies';
import type { IsoDate } from './dates';
import type { ProcessPeriods } from './policies/types';

/** The Art. 15 process periods in force on a date — what the workflow schedules its timers from. */
export function processPeriods(date: IsoDate): ProcessPeriods {
  return selectPolicy(date).periods;
}
export {
  parseHouseholdFacts,
  assessHousehold,
  type HouseholdFacts,
  type FactSource,
} from './household-facts';
export { parseOpeningBalanceInput, type OpeningBalanceInput } from './opening-balance';
export {
  VERIFICATION_FIELDS,
  VERIFICATION_FIELD_NAMES,
  isVerificationField,
  verificationValueProblems,
  mergeVerifiedFacts,
  type VerificationField,
  type VerificationValueProblem,
  type VerifiedFactsOfRequest,
  type VerificationExplanation,
} from './verification';
