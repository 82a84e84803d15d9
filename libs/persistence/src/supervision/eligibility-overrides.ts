import type { EntityManager } from 'typeorm';
import { instant, type Row } from '../sql-row';

/** Reviews that concluded against the rules' eligibility verdict (issue 10), for the supervisors. */
export interface EligibilityOverrideCount {
  town: string;
  step: string;
  overrides: number;
}

export async function eligibilityOverrideCounts(
  manager: EntityManager,
  filter: { town?: string },
): Promise<EligibilityOverrideCount[]> {
  return (await manager.query(
    `SELECT town, step, count(*)::int AS overrides FROM eligibility_overrides
     WHERE ($1::text IS NULL OR town = $1) GROUP BY town, step ORDER BY town, step`,
    [filter.town ?? null],
  )) as EligibilityOverrideCount[];
}

export async function eligibilityOverrides(
  manager: EntityManager,
  filter: { town?: string; limit?: number },
) {
  const rows = (await manager.query(
    `SELECT * FROM eligibility_overrides WHERE ($1::text IS NULL OR town = $1) ORDER BY at DESC, case_id LIMIT $2`,
    [filter.town ?? null, filter.limit ?? 200],
  )) as Row[];
  return rows.map((r) => ({
    caseId: r.case_id as string,
    step: r.step as string,
    town: r.town as string,
    assessedEligible: r.assessed_eligible as boolean,
    concludedEligible: r.concluded_eligible as boolean,
    reason: r.reason as string,
    by: { id: r.by_id as string, role: r.by_role as string },
    at: instant(r.at)!,
  }));
}
