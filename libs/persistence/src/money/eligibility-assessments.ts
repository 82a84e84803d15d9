import type { EntityManager } from 'typeorm';
import { instant, type Row } from '../sql-row';

/** One eligibility decision of a case (Arts. 5-7, 11): the facts, their sources, the policy and the result. */
export interface EligibilityAssessment {
  id: string;
  caseId: string;
  policyId: string;
  /** Content hash of the policy version (issue 11): with the id, names exactly the parameters used. */
  policyHash: string | null;
  eligible: boolean;
  input: unknown;
  evidence: unknown;
  result: unknown;
  createdAt: string;
}

export async function insertEligibilityAssessment(
  manager: EntityManager,
  a: Omit<EligibilityAssessment, 'createdAt'>,
): Promise<void> {
  await manager.query(
    `INSERT INTO eligibility_assessments (id, case_id, policy_id, eligible, input, evidence, result, policy_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      a.id,
      a.caseId,
      a.policyId,
      a.eligible,
      JSON.stringify(a.input),
      JSON.stringify(a.evidence),
      JSON.stringify(a.result),
      a.policyHash,
    ],
  );
}

/** Every assessment of the case, oldest first (the one in force is named by the case's events). */
export async function eligibilityAssessmentsOfCase(
  manager: EntityManager,
  caseId: string,
): Promise<EligibilityAssessment[]> {
  const rows = (await manager.query(
    `SELECT * FROM eligibility_assessments WHERE case_id = $1 ORDER BY created_at, id`,
    [caseId],
  )) as Row[];
  return rows.map((row) => ({
    id: row.id as string,
    caseId: row.case_id as string,
    policyId: row.policy_id as string,
    policyHash: (row.policy_hash as string | null) ?? null,
    eligible: row.eligible as boolean,
    input: row.input,
    evidence: row.evidence,
    result: row.result,
    createdAt: instant(row.created_at)!,
  }));
}
