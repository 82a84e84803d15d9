import { NoPolicyInForceError } from '../errors';
import type { IsoDate } from '../dates';
import type { PolicyVersion } from './types';

/** Which version a decision of a case is made under, and why. */
export interface DecisionVersion<T> {
  /** The version the decision uses. */
  readonly chosen: T;
  /** The version in force on the application date (the case's own, also its deadlines'). */
  readonly own: T;
  /** True when `chosen` is a later version the case adopted (its `openCases` says so). */
  readonly adopted: boolean;
}

/**
 * A case is judged under the version in force on its application date, unless a later version that has come
 * into force by the day of the decision says open cases adopt it (`ADOPT_FOR_DECISIONS_NOT_YET_MADE`): then
 * the latest such version. Only decisions made from then on use it; those made before keep their version.
 */
export function versionForDecision<T extends { readonly version: PolicyVersion }>(
  published: readonly T[],
  applicationDate: IsoDate,
  decidedOn: IsoDate,
): DecisionVersion<T> {
  const own = published.find(
    (p) => p.version.effectiveFrom <= applicationDate && applicationDate <= p.version.effectiveTo,
  );
  if (!own) throw new NoPolicyInForceError(applicationDate);
  const adoptable = published
    .filter(
      (p) =>
        p.version.openCases === 'ADOPT_FOR_DECISIONS_NOT_YET_MADE' &&
        p.version.effectiveFrom > own.version.effectiveFrom &&
        p.version.effectiveFrom <= decidedOn,
    )
    .sort((a, b) => b.version.effectiveFrom.localeCompare(a.version.effectiveFrom));
  const chosen = adoptable[0] ?? own;
  return { chosen, own, adopted: chosen !== own };
}
