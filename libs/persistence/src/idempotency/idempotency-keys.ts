import type { EntityManager } from 'typeorm';

/**
 * An Idempotency-Key names one request of one person: the first claim stores the hash of its body and the
 * case it creates; a repeat returns what was stored. Claim first, then compare: of two racing requests with
 * one key only the same body gets the case.
 */
export async function claimIdempotencyKey(
  manager: EntityManager,
  claim: { actorId: string; key: string; requestHash: string; caseId: string },
): Promise<{ sameRequest: boolean; caseId: string }> {
  await manager.query(
    `INSERT INTO idempotency_keys (actor_id, key, request_hash, case_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (actor_id, key) DO NOTHING`,
    [claim.actorId, claim.key, claim.requestHash, claim.caseId],
  );
  const [stored] = (await manager.query(
    'SELECT request_hash, case_id FROM idempotency_keys WHERE actor_id = $1 AND key = $2',
    [claim.actorId, claim.key],
  )) as Array<{ request_hash: string; case_id: string }>;
  return { sameRequest: stored!.request_hash === claim.requestHash, caseId: stored!.case_id };
}
