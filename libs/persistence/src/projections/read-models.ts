import Decimal from 'decimal.js';
import { decodeCursor, encodeCursor } from '../cursor';
import type { EntityManager } from 'typeorm';
import type { CaseState, CaseStatus, Category, Route, Step } from '../../../domain/src';
import { instant, type Row } from '../sql-row';

/**
 * One-purpose reads of the case read models. Money comes back as `Decimal` (never a JS number),
 * statutory dates as `YYYY-MM-DD` strings, instants as ISO strings (UTC). Every function takes the
 * caller's EntityManager, so it can run inside a transaction or on the data source's manager.
 */

export interface CaseDueView {
  statutoryDueAt: string | null;
  statutoryDueDate: string | null;
  extendedDueAt: string | null;
  extendedDueDate: string | null;
  provisional: boolean;
}

export interface CaseListItem {
  caseId: string;
  town: string;
  category: Category;
  route: Route;
  status: CaseStatus;
  currentStep: Step | null;
  assigneeId: string | null;
  bPostId: string | null;
  applicantName: string;
  householdSize: number;
  personRef: string;
  applicationDate: string;
  due: CaseDueView;
  clockPaused: boolean;
  suspended: boolean;
  deceased: boolean;
  proposedAmount: Decimal | null;
  approvedAmount: Decimal | null;
  paidAmount: Decimal | null;
  toRecoverAmount: Decimal | null;
  recoveredAmount: Decimal;
  approvalAuthority: string | null;
  urges: number;
  lastSequence: number;
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface CaseRecord extends CaseListItem {
  payeeRef: string | null;
  policyVersion: string | null;
  /** The full decider state, e.g. for `caseSummary(state)` or `allowedActions(state, actor)`. */
  state: CaseState;
}

export interface OpenStepRecord {
  caseId: string;
  step: Step;
  town: string;
  category: Category;
  assigneeId: string;
  assigneeRole: string;
  bPostId: string | null;
  openedAt: string;
  clockStartedAt: string;
  statutoryDueAt: string | null;
  statutoryDueDate: string | null;
  extendedDueAt: string | null;
  extendedDueDate: string | null;
  effectiveDueAt: string | null;
  effectiveDueDate: string | null;
  provisional: boolean;
  clockPaused: boolean;
  awaitingDeadline: boolean;
  urges: number;
  reminders: number;
}

export interface TimelineEntry {
  step: Step;
  openedAt: string;
  /** null: the step is still open. */
  completedAt: string | null;
  completedBy: string | null;
  outcome: string | null;
  assigneeId: string | null;
  statutoryDueAt: string | null;
  statutoryDueDate: string | null;
  extendedDueAt: string | null;
  extendedDueDate: string | null;
  /** null while open, or when the step had no due date. */
  onTime: boolean | null;
}

export interface CaseFilters {
  /** The caller's jurisdiction: only these towns (保密审查: staff see only their own cases). */
  towns?: readonly string[];
  status?: CaseStatus | readonly CaseStatus[];
  step?: Step;
  category?: Category;
  assigneeId?: string;
  /** Default 50, at most 500. */
  limit?: number;
  /** From the previous page's `nextCursor`. */
  cursor?: string | null;
}

export interface CasePage {
  items: CaseListItem[];
  nextCursor: string | null;
}

export interface OpenStepFilters {
  towns?: readonly string[];
  step?: Step;
  assigneeId?: string;
  /** Paused clocks (awaiting materials, suspension) are not running late; included only on request. */
  includePaused?: boolean;
  limit?: number;
}

const CASE_COLUMNS = `case_id, town, category, route, status, current_step, assignee_id, b_post_id, applicant_name,
  household_size, person_ref, payee_ref, policy_version, application_date::text AS application_date,
  statutory_due_at, statutory_due_date::text AS statutory_due_date, extended_due_at,
  extended_due_date::text AS extended_due_date, due_provisional, clock_paused, suspended, deceased,
  proposed_amount, approved_amount, paid_amount, to_recover_amount, recovered_amount, approval_authority, urges,
  last_sequence, opened_at, updated_at, closed_at`;

/** Where a case belongs and whether it has ended: all an action needs to know before its Update. */
export async function findCaseHead(
  manager: EntityManager,
  caseId: string,
): Promise<{ town: string; status: CaseStatus } | null> {
  const [row] = (await manager.query('SELECT town, status FROM cases WHERE case_id = $1', [
    caseId,
  ])) as Array<{
    town: string;
    status: CaseStatus;
  }>;
  return row ?? null;
}

export async function findCase(manager: EntityManager, caseId: string): Promise<CaseRecord | null> {
  const [row] = (await manager.query(`SELECT ${CASE_COLUMNS}, state FROM cases WHERE case_id = $1`, [
    caseId,
  ])) as Row[];
  if (!row) return null;
  return {
    ...toListItem(row),
    payeeRef: row.payee_ref as string | null,
    policyVersion: row.policy_version as string | null,
    state: row.state as CaseState,
  };
}

/** Newest first (by opening time, then case id), paged with an opaque cursor. */
export async function listCases(manager: EntityManager, filters: CaseFilters = {}): Promise<CasePage> {
  const limit = Math.min(Math.max(filters.limit ?? 50, 1), 500);
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.towns) where.push(`town = ANY(${param([...filters.towns])})`);
  if (filters.status !== undefined) {
    const statuses = typeof filters.status === 'string' ? [filters.status] : [...filters.status];
    where.push(`status = ANY(${param(statuses)})`);
  }
  if (filters.step) where.push(`current_step = ${param(filters.step)}`);
  if (filters.category) where.push(`category = ${param(filters.category)}`);
  if (filters.assigneeId) where.push(`assignee_id = ${param(filters.assigneeId)}`);
  if (filters.cursor) {
    const cursor = decodeCaseCursor(filters.cursor);
    where.push(`(opened_at, case_id) < (${param(cursor.openedAt)}::timestamptz, ${param(cursor.caseId)})`);
  }
  const rows = (await manager.query(
    `SELECT ${CASE_COLUMNS} FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY opened_at DESC, case_id DESC LIMIT ${param(limit + 1)}`,
    params,
  )) as Row[];
  const items = rows.slice(0, limit).map(toListItem);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCaseCursor({ openedAt: last.openedAt, caseId: last.caseId }) : null,
  };
}

function encodeCaseCursor(cursor: { openedAt: string; caseId: string }): string {
  return encodeCursor([cursor.openedAt, cursor.caseId]);
}

function decodeCaseCursor(text: string): { openedAt: string; caseId: string } {
  const [openedAt, caseId] = decodeCursor(text, 2);
  return { openedAt: openedAt!, caseId: caseId! };
}

/**
 * Aid counted against a person's annual caps (Art. 9–10, per person, calendar year): paid less
 * recovered. Recoveries count against the year of the payment they reverse.
 */
export async function annualAidOfPerson(
  manager: EntityManager,
  personRef: string,
  year: number,
): Promise<Decimal> {
  const [row] = (await manager.query(
    `SELECT COALESCE(SUM(CASE kind WHEN 'PAID' THEN amount ELSE -amount END), 0)::text AS total
     FROM aid_ledger WHERE person_ref = $1 AND aid_year = $2`,
    [personRef, year],
  )) as Array<{ total: string }>;
  return new Decimal(row!.total);
}

export interface AidLedgerEntry {
  caseId: string;
  sequence: number;
  personRef: string;
  payeeRef: string | null;
  aidYear: number;
  kind: 'PAID' | 'RECOVERED';
  amount: Decimal;
  occurredOn: string;
  occurredAt: string;
  reference: string;
}

export async function aidLedgerOfPerson(
  manager: EntityManager,
  personRef: string,
  year?: number,
): Promise<AidLedgerEntry[]> {
  const rows = (await manager.query(
    `SELECT case_id, sequence, person_ref, payee_ref, aid_year, kind, amount, occurred_on::text AS occurred_on,
       occurred_at, reference
     FROM aid_ledger WHERE person_ref = $1 ${year === undefined ? '' : 'AND aid_year = $2'}
     ORDER BY occurred_at, case_id, sequence`,
    year === undefined ? [personRef] : [personRef, year],
  )) as Row[];
  return rows.map((row) => ({
    caseId: row.case_id as string,
    sequence: row.sequence as number,
    personRef: row.person_ref as string,
    payeeRef: row.payee_ref as string | null,
    aidYear: row.aid_year as number,
    kind: row.kind as 'PAID' | 'RECOVERED',
    amount: new Decimal(row.amount as string),
    occurredOn: row.occurred_on as string,
    occurredAt: instant(row.occurred_at)!,
    reference: row.reference as string,
  }));
}

/**
 * 督查督办: open steps whose effective due time (extension if granted, else statutory) is before
 * `instant` — now for the overdue list, now + N days for the due-soon list. Earliest due first.
 */
export async function findOpenStepsDueBefore(
  manager: EntityManager,
  instantBefore: Date | string,
  filters: OpenStepFilters = {},
): Promise<OpenStepRecord[]> {
  const params: unknown[] = [new Date(instantBefore).toISOString()];
  const where = ['effective_due_at IS NOT NULL', 'effective_due_at < $1::timestamptz'];
  if (!filters.includePaused) where.push('NOT clock_paused');
  if (filters.towns) {
    params.push([...filters.towns]);
    where.push(`town = ANY($${params.length})`);
  }
  if (filters.step) {
    params.push(filters.step);
    where.push(`step = $${params.length}`);
  }
  if (filters.assigneeId) {
    params.push(filters.assigneeId);
    where.push(`assignee_id = $${params.length}`);
  }
  params.push(Math.min(Math.max(filters.limit ?? 500, 1), 5_000));
  const rows = (await manager.query(
    `SELECT ${OPEN_STEP_COLUMNS} FROM open_steps WHERE ${where.join(' AND ')}
     ORDER BY effective_due_at, case_id, step LIMIT $${params.length}`,
    params,
  )) as Row[];
  return rows.map(toOpenStep);
}

export async function openStepsOfCase(manager: EntityManager, caseId: string): Promise<OpenStepRecord[]> {
  const rows = (await manager.query(
    `SELECT ${OPEN_STEP_COLUMNS} FROM open_steps WHERE case_id = $1 ORDER BY opened_at, step`,
    [caseId],
  )) as Row[];
  return rows.map(toOpenStep);
}

/** A case's full timeline, statutory against actual dates: completed steps, then those still open. */
export async function caseTimeline(manager: EntityManager, caseId: string): Promise<TimelineEntry[]> {
  const done = (await manager.query(
    `SELECT step, opened_at, completed_at, completed_by, outcome, assignee_id, statutory_due_at,
       statutory_due_date::text AS statutory_due_date, extended_due_at, extended_due_date::text AS extended_due_date,
       on_time
     FROM step_history WHERE case_id = $1 ORDER BY sequence`,
    [caseId],
  )) as Row[];
  const open = await openStepsOfCase(manager, caseId);
  return [
    ...done.map((row) => ({
      step: row.step as Step,
      openedAt: instant(row.opened_at)!,
      completedAt: instant(row.completed_at),
      completedBy: row.completed_by as string,
      outcome: row.outcome as string,
      assigneeId: row.assignee_id as string | null,
      statutoryDueAt: instant(row.statutory_due_at),
      statutoryDueDate: row.statutory_due_date as string | null,
      extendedDueAt: instant(row.extended_due_at),
      extendedDueDate: row.extended_due_date as string | null,
      onTime: row.on_time as boolean | null,
    })),
    ...open.map((step) => ({
      step: step.step,
      openedAt: step.openedAt,
      completedAt: null,
      completedBy: null,
      outcome: null,
      assigneeId: step.assigneeId,
      statutoryDueAt: step.statutoryDueAt,
      statutoryDueDate: step.statutoryDueDate,
      extendedDueAt: step.extendedDueAt,
      extendedDueDate: step.extendedDueDate,
      onTime: null,
    })),
  ];
}

export interface OnTimeRate {
  town: string;
  step: Step;
  completed: number;
  onTime: number;
  late: number;
  /** onTime / (onTime + late); null when no completed step had a due date. */
  rate: number | null;
}

/** On-time rates of steps completed in [from, to), by town and step (steps without a due date excluded from the rate). */
export async function onTimeRates(
  manager: EntityManager,
  range: { from: Date | string; to: Date | string; towns?: readonly string[] },
): Promise<OnTimeRate[]> {
  const params: unknown[] = [new Date(range.from).toISOString(), new Date(range.to).toISOString()];
  const towns = range.towns ? (params.push([...range.towns]), `AND town = ANY($3)`) : '';
  const rows = (await manager.query(
    `SELECT town, step, count(*)::int AS completed, count(*) FILTER (WHERE on_time)::int AS on_time,
       count(*) FILTER (WHERE on_time = false)::int AS late
     FROM step_history WHERE completed_at >= $1::timestamptz AND completed_at < $2::timestamptz ${towns}
       AND outcome NOT IN ('WITHDRAWN', 'TERMINATED', 'CANCELLED_FOR_FRAUD')
     GROUP BY town, step ORDER BY town, step`,
    params,
  )) as Array<{ town: string; step: Step; completed: number; on_time: number; late: number }>;
  return rows.map((row) => ({
    town: row.town,
    step: row.step,
    completed: row.completed,
    onTime: row.on_time,
    late: row.late,
    rate: row.on_time + row.late > 0 ? row.on_time / (row.on_time + row.late) : null,
  }));
}

export interface NoticeRecord {
  caseId: string;
  sequence: number;
  kind: string;
  public: boolean;
  step: string | null;
  town: string;
  issuedAt: string;
  content: Record<string, unknown>;
}

/** Notices issued for a case, in order; public ones carry only name, household size and amount (Art. 15(7)). */
export async function noticesOfCase(manager: EntityManager, caseId: string): Promise<NoticeRecord[]> {
  const rows = (await manager.query(
    'SELECT case_id, sequence, kind, public, step, town, issued_at, content FROM notices WHERE case_id = $1 ORDER BY sequence',
    [caseId],
  )) as Row[];
  return rows.map((row) => ({
    caseId: row.case_id as string,
    sequence: row.sequence as number,
    kind: row.kind as string,
    public: row.public as boolean,
    step: row.step as string | null,
    town: row.town as string,
    issuedAt: instant(row.issued_at)!,
    content: row.content as Record<string, unknown>,
  }));
}

/** 督查督办 四(三): 催办 received per assignee in [from, to), for the annual assessment. */
export async function urgeCountsByAssignee(
  manager: EntityManager,
  range: { from: Date | string; to: Date | string },
): Promise<Array<{ assigneeId: string; urges: number; cases: number }>> {
  const rows = (await manager.query(
    `SELECT assignee_id, count(*)::int AS urges, count(DISTINCT case_id)::int AS cases FROM reminders
     WHERE is_urge AND issued_at >= $1::timestamptz AND issued_at < $2::timestamptz
     GROUP BY assignee_id ORDER BY urges DESC, assignee_id`,
    [new Date(range.from).toISOString(), new Date(range.to).toISOString()],
  )) as Array<{ assignee_id: string; urges: number; cases: number }>;
  return rows.map((row) => ({ assigneeId: row.assignee_id, urges: row.urges, cases: row.cases }));
}

const OPEN_STEP_COLUMNS = `case_id, step, town, category, assignee_id, assignee_role, b_post_id, opened_at, clock_started_at,
  statutory_due_at, statutory_due_date::text AS statutory_due_date, extended_due_at,
  extended_due_date::text AS extended_due_date, effective_due_at, effective_due_date::text AS effective_due_date,
  provisional, clock_paused, awaiting_deadline, urges, reminders`;

function money(value: unknown): Decimal | null {
  return value == null ? null : new Decimal(value as string);
}

function toListItem(row: Row): CaseListItem {
  return {
    caseId: row.case_id as string,
    town: row.town as string,
    category: row.category as Category,
    route: row.route as Route,
    status: row.status as CaseStatus,
    currentStep: row.current_step as Step | null,
    assigneeId: row.assignee_id as string | null,
    bPostId: row.b_post_id as string | null,
    applicantName: row.applicant_name as string,
    householdSize: row.household_size as number,
    personRef: row.person_ref as string,
    applicationDate: row.application_date as string,
    due: {
      statutoryDueAt: instant(row.statutory_due_at),
      statutoryDueDate: row.statutory_due_date as string | null,
      extendedDueAt: instant(row.extended_due_at),
      extendedDueDate: row.extended_due_date as string | null,
      provisional: row.due_provisional as boolean,
    },
    clockPaused: row.clock_paused as boolean,
    suspended: row.suspended as boolean,
    deceased: row.deceased as boolean,
    proposedAmount: money(row.proposed_amount),
    approvedAmount: money(row.approved_amount),
    paidAmount: money(row.paid_amount),
    toRecoverAmount: money(row.to_recover_amount),
    recoveredAmount: money(row.recovered_amount)!,
    approvalAuthority: row.approval_authority as string | null,
    urges: row.urges as number,
    lastSequence: row.last_sequence as number,
    openedAt: instant(row.opened_at)!,
    updatedAt: instant(row.updated_at)!,
    closedAt: instant(row.closed_at),
  };
}

function toOpenStep(row: Row): OpenStepRecord {
  return {
    caseId: row.case_id as string,
    step: row.step as Step,
    town: row.town as string,
    category: row.category as Category,
    assigneeId: row.assignee_id as string,
    assigneeRole: row.assignee_role as string,
    bPostId: row.b_post_id as string | null,
    openedAt: instant(row.opened_at)!,
    clockStartedAt: instant(row.clock_started_at)!,
    statutoryDueAt: instant(row.statutory_due_at),
    statutoryDueDate: row.statutory_due_date as string | null,
    extendedDueAt: instant(row.extended_due_at),
    extendedDueDate: row.extended_due_date as string | null,
    effectiveDueAt: instant(row.effective_due_at),
    effectiveDueDate: row.effective_due_date as string | null,
    provisional: row.provisional as boolean,
    clockPaused: row.clock_paused as boolean,
    awaitingDeadline: row.awaiting_deadline as boolean,
    urges: row.urges as number,
    reminders: row.reminders as number,
  };
}
