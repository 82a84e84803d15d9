import type { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor } from '../cursor';
import { instant, type Row } from '../sql-row';

/** One read of a case's personal data: who (as the token said), when, which case, through which endpoint. */
export interface AccessLogEntry {
  readAt: Date;
  staffId: string;
  staffName: string;
  role: string;
  town: string | null;
  caseId: string;
  /** Method and route, e.g. `GET /cases/:caseId/events`. */
  endpoint: string;
}

export interface AccessLogRecord extends Omit<AccessLogEntry, 'readAt'> {
  id: string;
  readAt: string;
}

export interface AccessLogQuery {
  staffId?: string;
  caseId?: string;
  /** [from, to) on readAt. */
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string | null;
}

/** Many entries in one statement (arrays unnested), so a burst of reads costs one round trip. */
export async function appendAccessLog(manager: EntityManager, entries: AccessLogEntry[]): Promise<void> {
  if (!entries.length) return;
  await manager.query(
    `INSERT INTO access_log (read_at, staff_id, staff_name, role, town, case_id, endpoint)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      entries.map((e) => e.readAt.toISOString()),
      entries.map((e) => e.staffId),
      entries.map((e) => e.staffName),
      entries.map((e) => e.role),
      entries.map((e) => e.town),
      entries.map((e) => e.caseId),
      entries.map((e) => e.endpoint),
    ],
  );
}

/**
 * Entries newest first, by person and/or case and/or time, resumed by an opaque cursor (read time, id):
 * each filter has its index, so a page costs the same at a million entries as at a hundred.
 */
export async function queryAccessLog(
  manager: EntityManager,
  query: AccessLogQuery,
): Promise<{ items: AccessLogRecord[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.staffId !== undefined) where.push(`staff_id = ${param(query.staffId)}`);
  if (query.caseId !== undefined) where.push(`case_id = ${param(query.caseId)}`);
  if (query.from) where.push(`read_at >= ${param(query.from.toISOString())}`);
  if (query.to) where.push(`read_at < ${param(query.to.toISOString())}`);
  if (query.cursor) {
    const [readAt, id] = decodeCursor(query.cursor, 2, ([, id]) => /^\d{1,19}$/.test(id!));
    where.push(`(read_at, id) < (${param(readAt)}::timestamptz, ${param(id)}::bigint)`);
  }
  const rows = (await manager.query(
    `SELECT id, read_at, staff_id, staff_name, role, town, case_id, endpoint FROM access_log
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY read_at DESC, id DESC LIMIT ${param(query.limit + 1)}`,
    params,
  )) as Row[];
  const items = rows.slice(0, query.limit).map(toRecord);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.readAt, last.id]) : null,
  };
}

function toRecord(row: Row): AccessLogRecord {
  return {
    id: String(row.id),
    readAt: instant(row.read_at)!,
    staffId: String(row.staff_id),
    staffName: String(row.staff_name),
    role: String(row.role),
    town: row.town == null ? null : String(row.town),
    caseId: String(row.case_id),
    endpoint: String(row.endpoint),
  };
}
