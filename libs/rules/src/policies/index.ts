import { NoPolicyInForceError } from '../errors';
import { parseDate, type IsoDate } from '../dates';
import type { PolicyVersion } from './types';
import { XINHUI_2018 } from './shipped';

export * from './types';
export { XINHUI_2018, XINHUI_2018_POLICY, HOUSEHOLD_VERIFICATION_SECTION } from './shipped';
export { versionForDecision, type DecisionVersion } from './selection';
export {
  OPEN_CASES_RULES,
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
  type LoadedPolicy,
  type OpenCasesRule,
  type PolicyDocument,
  type PolicyIssue,
  type Sourced,
} from './document';

/**
 * The versions shipped with the code, oldest first (ranges must not overlap). The running system reads its
 * versions from the database instead (published by administrators); this list is the pure default.
 */
export const POLICY_VERSIONS: readonly PolicyVersion[] = [XINHUI_2018];

/**
 * The version in force on a date (the application date, so any past case is reproducible). There is no
 * fallback: a date outside every range is an error the caller must face.
 */
export function selectPolicy(
  date: IsoDate,
  versions: readonly PolicyVersion[] = POLICY_VERSIONS,
): PolicyVersion {
  parseDate(date, 'applicationDate', 'policy selection');
  for (const v of versions) {
    if (v.effectiveFrom <= date && date <= v.effectiveTo) return v;
  }
  throw new NoPolicyInForceError(date);
}

export function policyById(
  id: string,
  versions: readonly PolicyVersion[] = POLICY_VERSIONS,
): PolicyVersion | undefined {
  return versions.find((v) => v.id === id);
}
