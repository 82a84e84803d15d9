import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from './canonical-json';
import { eventHash } from './hash-chain';

/** A domain event as the workflow hands it over: `{ type, data, actor, at }`. */
export interface NewEvent {
  type: string;
  data: unknown;
  actor: unknown;
  at: string;
}

export interface StoredEvent extends NewEvent {
  caseId: string;
  sequence: number;
  globalPosition: string;
  recordedAt: string;
  prevHash: string | null;
  hash: string;
}

/** A read model kept in step with the log: called in the append's transaction with the new events. */
export interface Projector {
  readonly name: string;
  apply(tx: EntityManager, events: StoredEvent[]): Promise<void>;
}

/** The log already holds a different event at this place: the callers disagree about history. */
export class HistoryConflictError extends Error {
  readonly nonRetryable = true;
}

export interface AppendResult {
  appended: number;
  /** Events that were already stored identically (a retried or replayed append). */
  alreadyStored: number;
  lastSequence: number;
}

export interface ChainBreak {
  caseId: string;
  sequence: number;
  problem: 'hash mismatch' | 'broken link' | 'sequence gap';
}

/**
 * Append-only, per-case sequenced, hash-chained event log in PostgreSQL. Appends name the sequence number
 * of their first event, so a retried activity re-sending the same events writes nothing twice, and an
 * append that would leave a gap is refused.
 */
export class EventStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projectors: Projector[] = [],
  ) {}

  async append(caseId: string, firstSequence: number, events: NewEvent[]): Promise<AppendResult> {
    return this.dataSource.transaction(async (tx) => {
      // One writer per case at a time; other cases append in parallel.
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [caseId]);
      const [last] = (await tx.query(
        'SELECT sequence, hash FROM case_events WHERE case_id = $1 ORDER BY sequence DESC LIMIT 1',
        [caseId],
      )) as Array<{ sequence: number; hash: string }>;
      let lastSequence = last?.sequence ?? 0;
      let prevHash = last?.hash ?? null;
      if (firstSequence > lastSequence + 1) {
        throw new HistoryConflictError(
          `case ${caseId}: append at sequence ${firstSequence} would leave a gap after ${lastSequence}`,
        );
      }
      const fresh: Array<Omit<StoredEvent, 'globalPosition' | 'recordedAt'>> = [];
      let alreadyStored = 0;
      for (const [i, event] of events.entries()) {
        const sequence = firstSequence + i;
        if (sequence <= lastSequence) {
          await this.assertSameAsStored(tx, caseId, sequence, event);
          alreadyStored++;
          continue;
        }
        const hash = eventHash(prevHash, {
          caseId,
          sequence,
          type: event.type,
          actor: event.actor,
          occurredAt: event.at,
          payload: event.data,
        });
        fresh.push({ ...event, caseId, sequence, prevHash, hash });
        prevHash = hash;
        lastSequence = sequence;
      }
      const inserted = await insertEvents(tx, fresh);
      if (inserted.length) for (const projector of this.projectors) await projector.apply(tx, inserted);
      return { appended: inserted.length, alreadyStored, lastSequence };
    });
  }

  async read(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<StoredEvent[]> {
    const rows = (await manager.query(
      `SELECT case_id, sequence, global_position, type, actor, occurred_at, recorded_at, payload, prev_hash, hash
       FROM case_events WHERE case_id = $1 ORDER BY sequence`,
      [caseId],
    )) as EventRow[];
    return rows.map(toStoredEvent);
  }

  /** Streams every event in append order, in pages, for projection rebuilds. */
  async *readAll(
    pageSize = 5_000,
    manager: EntityManager = this.dataSource.manager,
  ): AsyncGenerator<StoredEvent[]> {
    let after = '0';
    for (;;) {
      const rows = (await manager.query(
        `SELECT case_id, sequence, global_position, type, actor, occurred_at, recorded_at, payload, prev_hash, hash
         FROM case_events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
        [after, pageSize],
      )) as EventRow[];
      if (!rows.length) return;
      yield rows.map(toStoredEvent);
      after = rows[rows.length - 1]!.global_position;
    }
  }

  /** Recomputes every hash (of one case, or all): any edited, inserted or removed row shows up. */
  async verify(caseId?: string): Promise<{ events: number; cases: number; breaks: ChainBreak[] }> {
    const rows = (await this.dataSource.query(
      `SELECT case_id, sequence, global_position, type, actor, occurred_at, recorded_at, payload, prev_hash, hash
       FROM case_events ${caseId ? 'WHERE case_id = $1' : ''} ORDER BY case_id, sequence`,
      caseId ? [caseId] : [],
    )) as EventRow[];
    const breaks: ChainBreak[] = [];
    let currentCase: string | undefined;
    let expectedSequence = 1;
    let prevHash: string | null = null;
    let cases = 0;
    for (const row of rows) {
      if (row.case_id !== currentCase) {
        currentCase = row.case_id;
        expectedSequence = 1;
        prevHash = null;
        cases++;
      }
      const e = toStoredEvent(row);
      if (e.sequence !== expectedSequence)
        breaks.push({ caseId: e.caseId, sequence: e.sequence, problem: 'sequence gap' });
      if (e.prevHash !== prevHash)
        breaks.push({ caseId: e.caseId, sequence: e.sequence, problem: 'broken link' });
      const recomputed = eventHash(e.prevHash, {
        caseId: e.caseId,
        sequence: e.sequence,
        type: e.type,
        actor: e.actor,
        occurredAt: e.at,
        payload: e.data,
      });
      if (recomputed !== e.hash)
        breaks.push({ caseId: e.caseId, sequence: e.sequence, problem: 'hash mismatch' });
      prevHash = e.hash;
      expectedSequence = e.sequence + 1;
    }
    return { events: rows.length, cases, breaks };
  }

  private async assertSameAsStored(tx: EntityManager, caseId: string, sequence: number, event: NewEvent) {
    const [row] = (await tx.query(
      'SELECT type, actor, occurred_at, payload FROM case_events WHERE case_id = $1 AND sequence = $2',
      [caseId, sequence],
    )) as Array<{ type: string; actor: unknown; occurred_at: Date; payload: unknown }>;
    const same =
      row &&
      row.type === event.type &&
      row.occurred_at.getTime() === new Date(event.at).getTime() &&
      canonicalJson(row.actor) === canonicalJson(event.actor) &&
      canonicalJson(row.payload) === canonicalJson(event.data);
    if (!same) {
      throw new HistoryConflictError(
        `case ${caseId}: sequence ${sequence} is already stored with different content (${row?.type ?? 'missing'} vs ${event.type})`,
      );
    }
  }
}

interface EventRow {
  case_id: string;
  sequence: number;
  global_position: string;
  type: string;
  actor: unknown;
  occurred_at: Date;
  recorded_at: Date;
  payload: unknown;
  prev_hash: string | null;
  hash: string;
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    caseId: row.case_id,
    sequence: row.sequence,
    globalPosition: row.global_position,
    type: row.type,
    actor: row.actor,
    at: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    data: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The action's new events in one statement (one round trip, however many events an action implies). */
async function insertEvents(
  tx: EntityManager,
  events: Array<Omit<StoredEvent, 'globalPosition' | 'recordedAt'>>,
): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const params: unknown[] = [];
  const rows = events.map((e) => {
    params.push(
      e.caseId,
      e.sequence,
      e.type,
      JSON.stringify(e.actor),
      e.at,
      JSON.stringify(e.data),
      e.prevHash,
      e.hash,
    );
    const n = params.length - 8;
    return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8})`;
  });
  const stored = (await tx.query(
    `INSERT INTO case_events (case_id, sequence, type, actor, occurred_at, payload, prev_hash, hash)
     VALUES ${rows.join(', ')} RETURNING sequence, global_position, recorded_at`,
    params,
  )) as Array<{ sequence: number; global_position: string; recorded_at: Date }>;
  const bySequence = new Map(stored.map((r) => [Number(r.sequence), r]));
  return events.map((e) => {
    const row = bySequence.get(e.sequence)!;
    return { ...e, globalPosition: row.global_position, recordedAt: row.recorded_at.toISOString() };
  });
}
