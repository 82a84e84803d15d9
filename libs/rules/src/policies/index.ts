import { NoPolicyInForceError } from '../errors';
import { parseDate, type IsoDate } from '../dates';
import type { PolicyVersion } from './types';
import { XINHUI_2018 } from './xinhui-2018';

export * from './types';
export { XINHUI_2018 } from './xinhui-2018';

/** Every version ever in force, oldest first; ranges must not overlap (checked by the tests). */
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
