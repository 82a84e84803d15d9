import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** What an event's hash covers: its place in the case's history, its content, and the previous hash. */
export interface HashedFields {
  caseId: string;
  sequence: number;
  type: string;
  actor: unknown;
  occurredAt: string;
  payload: unknown;
}

// Each hash covers the previous one, so changing, inserting or deleting any row breaks every later link:
// tampering is detectable by recomputing the chain (npm run events:verify).
export function eventHash(prevHash: string | null, fields: HashedFields): string {
  return createHash('sha256')
    .update(
      canonicalJson([
        prevHash,
        fields.caseId,
        fields.sequence,
        fields.type,
        fields.actor,
        new Date(fields.occurredAt).toISOString(),
        fields.payload,
      ]),
    )
    .digest('hex');
}
