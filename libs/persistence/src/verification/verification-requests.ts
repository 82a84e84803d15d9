import type { EntityManager } from 'typeorm';
import {
  requestOf,
  type CaseEvent,
  type CaseState,
  type VerificationRequestRecord,
} from '../../../domain/src';
import { instant, type Row } from '../sql-row';

/**
 * Issue 15: the verification requests of every case, one row each (`verification_requests`), written in the
 * append's transaction from the case state after the event (the domain's own `evolve`), like the other read
 * models. Liaisons list their department's requests here, supervisors count them by department, and a
 * recent answer about the same person is found here for reuse.
 */
export async function projectVerification(
  tx: EntityManager,
  caseId: string,
  sequence: number,
  event: CaseEvent,
  after: CaseState,
): Promise<void> {
  const requestId = (event.data as { requestId?: unknown }).requestId;
  if (!event.type.startsWith('Verification') && event.type !== 'VerifiedFactCorrected') return;
  if (typeof requestId !== 'string') return; // the authorisation: nothing per request
  const r = requestOf(after, requestId);
  if (!r) return;
  await tx.query(
    `INSERT INTO verification_requests (request_id, case_id, town, department, department_name, member_id,
       person_ref, fields, legal_basis, status, requested_at, requested_by, due_date, due_at, answer, answered_on,
       via, reference, unobtainable_reason, corrections, urges, reuse_days, last_sequence, authorisation_reference)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
       $24)
     ON CONFLICT (request_id) DO UPDATE SET status = EXCLUDED.status, due_date = EXCLUDED.due_date,
       due_at = EXCLUDED.due_at, answer = EXCLUDED.answer, answered_on = EXCLUDED.answered_on, via = EXCLUDED.via,
       reference = EXCLUDED.reference, unobtainable_reason = EXCLUDED.unobtainable_reason,
       corrections = EXCLUDED.corrections, urges = EXCLUDED.urges, last_sequence = EXCLUDED.last_sequence
     WHERE verification_requests.last_sequence < EXCLUDED.last_sequence`,
    [
      r.requestId,
      caseId,
      after.town,
      r.department,
      r.departmentName,
      r.memberId,
      r.personRef,
      JSON.stringify(r.fields),
      r.legalBasis,
      r.status,
      r.requestedAt,
      r.requestedBy,
      r.due?.dueDate ?? null,
      r.due?.dueAt ?? null,
      r.answer ? JSON.stringify(r.answer) : null,
      r.answer?.answeredOn ?? null,
      r.answer?.via ?? null,
      r.answer?.reference ?? null,
      r.unobtainable?.reason ?? null,
      JSON.stringify(r.corrections),
      r.urges,
      r.reuseDays,
      sequence,
      after.verification?.authorisation?.reference ?? null,
    ],
  );
}

/** One request as the read model holds it. `answer` carries personal data: callers decide who sees it. */
export interface VerificationRequestRow {
  requestId: string;
  caseId: string;
  town: string;
  department: string;
  departmentName: string;
  memberId: string;
  personRef: string;
  fields: string[];
  legalBasis: string;
  /** The applicant's signed authorisation (授权书) the request rests on. */
  authorisationReference: string | null;
  status: VerificationRequestRecord['status'];
  requestedAt: string;
  requestedBy: string;
  dueDate: string | null;
  dueAt: string | null;
  answer: VerificationRequestRecord['answer'];
  unobtainableReason: string | null;
  corrections: VerificationRequestRecord['corrections'];
  urges: number;
  reuseDays: number;
}

/**
 * An open request of a case that has ended (withdrawn, refused, terminated) is moot: nobody lists, counts or
 * urges it. Cases end only through their events, so this reads the `cases` read model of the same transaction.
 */
const OF_LIVE_CASE = `EXISTS (SELECT 1 FROM cases c WHERE c.case_id = verification_requests.case_id
  AND c.status NOT IN ('CLOSED', 'REJECTED', 'WITHDRAWN', 'TERMINATED', 'CANCELLED'))`;

const COLUMNS = `request_id, case_id, town, department, department_name, member_id, person_ref, fields, legal_basis,
  authorisation_reference,
  status, requested_at, requested_by, due_date::text AS due_date, due_at, answer, unobtainable_reason, corrections,
  urges, reuse_days`;

function toRow(r: Row): VerificationRequestRow {
  return {
    requestId: String(r.request_id),
    caseId: String(r.case_id),
    town: String(r.town),
    department: String(r.department),
    departmentName: String(r.department_name),
    memberId: String(r.member_id),
    personRef: String(r.person_ref),
    fields: r.fields as string[],
    legalBasis: String(r.legal_basis),
    authorisationReference: (r.authorisation_reference as string | null) ?? null,
    status: r.status as VerificationRequestRow['status'],
    requestedAt: instant(r.requested_at)!,
    requestedBy: String(r.requested_by),
    dueDate: (r.due_date as string | null) ?? null,
    dueAt: instant(r.due_at),
    answer: (r.answer as VerificationRequestRow['answer']) ?? null,
    unobtainableReason: (r.unobtainable_reason as string | null) ?? null,
    corrections: (r.corrections as VerificationRequestRow['corrections']) ?? [],
    urges: Number(r.urges),
    reuseDays: Number(r.reuse_days),
  };
}

export async function verificationRequestById(
  manager: EntityManager,
  requestId: string,
): Promise<VerificationRequestRow | null> {
  const [row] = (await manager.query(`SELECT ${COLUMNS} FROM verification_requests WHERE request_id = $1`, [
    requestId,
  ])) as Row[];
  return row ? toRow(row) : null;
}

export async function verificationRequestsOfCase(
  manager: EntityManager,
  caseId: string,
): Promise<VerificationRequestRow[]> {
  const rows = (await manager.query(
    `SELECT ${COLUMNS} FROM verification_requests WHERE case_id = $1 ORDER BY requested_at, request_id`,
    [caseId],
  )) as Row[];
  return rows.map(toRow);
}

/** A department's requests, oldest due first (open ones by default). */
export async function verificationRequestsOfDepartment(
  manager: EntityManager,
  department: string,
  options: { status?: VerificationRequestRow['status']; limit?: number } = {},
): Promise<VerificationRequestRow[]> {
  const rows = (await manager.query(
    `SELECT ${COLUMNS} FROM verification_requests WHERE department = $1 AND status = $2
       AND (status <> 'OPEN' OR ${OF_LIVE_CASE})
     ORDER BY due_at NULLS LAST, requested_at, request_id LIMIT $3`,
    [department, options.status ?? 'OPEN', options.limit ?? 500],
  )) as Row[];
  return rows.map(toRow);
}

/**
 * The most recent answer about this person from this department given on or after `since` (the policy's
 * reuse window), from another case; null when none.
 */
export async function reusableAnswer(
  manager: EntityManager,
  personRef: string,
  department: string,
  since: string,
  exceptCaseId: string,
): Promise<VerificationRequestRow | null> {
  const [row] = (await manager.query(
    `SELECT ${COLUMNS} FROM verification_requests
     WHERE person_ref = $1 AND department = $2 AND status = 'ANSWERED' AND answered_on >= $3::date AND case_id <> $4
       AND via <> 'REUSE'
     ORDER BY answered_on DESC, request_id LIMIT 1`,
    [personRef, department, since, exceptCaseId],
  )) as Row[];
  return row ? toRow(row) : null;
}

/** Per department: open, overdue at `now`, urged, answered, unobtainable (督查督办 by department). */
export interface VerificationBoardLine {
  department: string;
  departmentName: string;
  open: number;
  overdue: number;
  urges: number;
  answered: number;
  unobtainable: number;
  oldestOverdueDueDate: string | null;
}

export async function verificationBoard(
  manager: EntityManager,
  now: Date,
  towns?: readonly string[],
): Promise<VerificationBoardLine[]> {
  const rows = (await manager.query(
    `SELECT department, min(department_name) AS department_name,
       count(*) FILTER (WHERE open)::int AS open,
       count(*) FILTER (WHERE open AND due_at < $1)::int AS overdue,
       coalesce(sum(urges) FILTER (WHERE open), 0)::int AS urges,
       count(*) FILTER (WHERE status = 'ANSWERED')::int AS answered,
       count(*) FILTER (WHERE status = 'UNOBTAINABLE')::int AS unobtainable,
       min(due_date) FILTER (WHERE open AND due_at < $1)::text AS oldest_overdue
     FROM (SELECT *, status = 'OPEN' AND ${OF_LIVE_CASE} AS open FROM verification_requests
           WHERE ($2::text[] IS NULL OR town = ANY($2))) v
     GROUP BY department ORDER BY overdue DESC, open DESC, department`,
    [now, towns ?? null],
  )) as Row[];
  return rows.map((r) => ({
    department: String(r.department),
    departmentName: String(r.department_name),
    open: Number(r.open),
    overdue: Number(r.overdue),
    urges: Number(r.urges),
    answered: Number(r.answered),
    unobtainable: Number(r.unobtainable),
    oldestOverdueDueDate: (r.oldest_overdue as string | null) ?? null,
  }));
}

/** The overdue open requests (oldest first), optionally of one department. */
export async function overdueVerificationRequests(
  manager: EntityManager,
  now: Date,
  department?: string,
): Promise<VerificationRequestRow[]> {
  const rows = (await manager.query(
    `SELECT ${COLUMNS} FROM verification_requests
     WHERE status = 'OPEN' AND due_at < $1 AND ($2::text IS NULL OR department = $2) AND ${OF_LIVE_CASE}
     ORDER BY due_at, request_id LIMIT 1000`,
    [now, department ?? null],
  )) as Row[];
  return rows.map(toRow);
}

// ---- imports ------------------------------------------------------------------------------------------

export interface VerificationImportRecord {
  id: string;
  department: string;
  format: 'csv' | 'json';
  fileName: string | null;
  uploadedBy: string;
  uploadedAt: string;
  lines: number;
  status: 'APPLYING' | 'APPLIED';
  appliedAt: string | null;
  result: unknown;
}

/** Registers an import (or finds the one with the same id: the same file from the same department). */
export async function claimVerificationImport(
  manager: EntityManager,
  entry: {
    id: string;
    department: string;
    format: 'csv' | 'json';
    fileName: string | null;
    uploadedBy: string;
    lines: number;
  },
): Promise<VerificationImportRecord> {
  await manager.query(
    `INSERT INTO verification_imports (id, department, format, file_name, uploaded_by, lines, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'APPLYING') ON CONFLICT (id) DO NOTHING`,
    [entry.id, entry.department, entry.format, entry.fileName, entry.uploadedBy, entry.lines],
  );
  const [row] = (await manager.query('SELECT * FROM verification_imports WHERE id = $1', [
    entry.id,
  ])) as Row[];
  return {
    id: String(row!.id),
    department: String(row!.department),
    format: row!.format as 'csv' | 'json',
    fileName: (row!.file_name as string | null) ?? null,
    uploadedBy: String(row!.uploaded_by),
    uploadedAt: instant(row!.uploaded_at)!,
    lines: Number(row!.lines),
    status: row!.status as 'APPLYING' | 'APPLIED',
    appliedAt: instant(row!.applied_at),
    result: row!.result ?? null,
  };
}

export async function finishVerificationImport(
  manager: EntityManager,
  id: string,
  result: unknown,
): Promise<void> {
  await manager.query(
    `UPDATE verification_imports SET status = 'APPLIED', applied_at = now(), result = $2 WHERE id = $1`,
    [id, JSON.stringify(result)],
  );
}
