import type { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor } from '../cursor';
import type { Category, Step } from '../../../domain/src';
import { instant, type Row } from '../sql-row';

/**
 * 督查督办: the supervisor's questions, one function each, raw SQL on the read models (open_steps,
 * step_history, reminders, flagged_staff; migration 1763856400000) and the indexes built for them
 * (migration 1763856600000, checked by EXPLAIN in supervision-indexes.int.test.ts).
 *
 * "Now" is always a parameter (`asOf`): the caller's clock, or an instant chosen for a reproducible
 * report. A step is overdue when its clock runs and its effective due time (extension if granted, else
 * statutory) is before `asOf`; paused clocks (awaiting materials, suspension) are not running late.
 */

// The very predicate of the partial indexes: written the same way so the planner can use them.
const RUNNING = 'NOT clock_paused AND effective_due_at IS NOT NULL';
// Steps closed by the applicant or by fraud were not "completed" by staff: no on-time rate for them.
const RATED = `outcome NOT IN ('WITHDRAWN', 'TERMINATED', 'CANCELLED_FOR_FRAUD')`;
const SHANGHAI = `'Asia/Shanghai'`;

export interface SupervisionFilters {
  town?: string;
  step?: Step;
  category?: Category;
  assigneeId?: string;
}

export interface DueStep {
  caseId: string;
  step: Step;
  town: string;
  category: Category;
  assigneeId: string;
  assigneeRole: string;
  openedAt: string;
  statutoryDueAt: string | null;
  statutoryDueDate: string | null;
  extendedDueAt: string | null;
  extendedDueDate: string | null;
  effectiveDueAt: string;
  effectiveDueDate: string | null;
  provisional: boolean;
  /** Issue 12: false when the measures set no such period and the deadline is the bureau's parameter. */
  statutory: boolean;
  /** Calendar days (Asia/Shanghai) from the effective due date to `asOf`'s date; negative when not yet due. */
  daysOverdue: number;
  urges: number;
  reminders: number;
}

export interface DueStepPage {
  items: DueStep[];
  nextCursor: string | null;
}

/**
 * Open steps whose effective due time is in [dueFrom, dueBefore): overdue is (−∞, asOf), due soon is
 * [asOf, horizon]. Stable order (effective due, case id, step), resumed by an opaque cursor, so a page
 * is a range scan of one index that stops after `limit` rows.
 */
export async function findDueSteps(
  manager: EntityManager,
  query: SupervisionFilters & {
    asOf: Date;
    dueFrom?: Date;
    dueBefore: Date;
    limit?: number;
    cursor?: string | null;
  },
): Promise<DueStepPage> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 5_000);
  const params: unknown[] = [];
  const param = (value: unknown) => (params.push(value), `$${params.length}`);
  const asOf = param(query.asOf.toISOString());
  const where = [RUNNING, `effective_due_at < ${param(query.dueBefore.toISOString())}::timestamptz`];
  if (query.dueFrom) where.push(`effective_due_at >= ${param(query.dueFrom.toISOString())}::timestamptz`);
  where.push(...filterClauses(query, param));
  if (query.cursor) {
    const [dueAt, caseId, step] = decodeCursor(query.cursor, 3);
    where.push(
      `(effective_due_at, case_id, step) > (${param(dueAt)}::timestamptz, ${param(caseId)}, ${param(step)})`,
    );
  }
  const rows = (await manager.query(
    `SELECT case_id, step, town, category, assignee_id, assignee_role, opened_at, statutory_due_at,
       statutory_due_date::text AS statutory_due_date, extended_due_at, extended_due_date::text AS extended_due_date,
       effective_due_at, effective_due_date::text AS effective_due_date, provisional, statutory, urges, reminders,
       (${asOf}::timestamptz AT TIME ZONE ${SHANGHAI})::date
         - COALESCE(effective_due_date, (effective_due_at AT TIME ZONE ${SHANGHAI})::date) AS days_overdue
     FROM open_steps WHERE ${where.join(' AND ')}
     ORDER BY effective_due_at, case_id, step LIMIT ${param(limit + 1)}`,
    params,
  )) as Row[];
  const items = rows.slice(0, limit).map(toDueStep);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor([last.effectiveDueAt, last.caseId, last.step]) : null,
  };
}

export type CountDimension = 'town' | 'step' | 'assignee' | 'month';

export interface SupervisionCount {
  /** The town, step code, assignee id or month (YYYY-MM, Asia/Shanghai) this row counts. */
  key: string;
  /** Open steps now (month: null, a month has no "now"). */
  open: number | null;
  /** Open steps with a running clock past their effective due time (month: null). */
  overdue: number | null;
  /** Open steps due in [asOf, dueSoonBefore) (month: null). */
  dueSoon: number | null;
  /** Steps completed in the range (withdrawn / terminated ones excluded). */
  completed: number;
  onTime: number;
  late: number;
  /** onTime / (onTime + late); null when no completed step had a due date. */
  onTimeRate: number | null;
}

/**
 * Counts by town, step, assignee or month: open / overdue / due-soon from open_steps (now), completed
 * and on-time from step_history for steps completed in [from, to). By month only the completion side
 * makes sense (month of completion, Asia/Shanghai).
 */
export async function supervisionCounts(
  manager: EntityManager,
  query: SupervisionFilters & { by: CountDimension; asOf: Date; dueSoonBefore: Date; from: Date; to: Date },
): Promise<SupervisionCount[]> {
  const by = query.by;
  const [open, done] = await Promise.all([
    by === 'month' ? Promise.resolve([]) : openCounts(manager, { ...query, by }),
    completionCounts(manager, query),
  ]);
  const rows = new Map<string, SupervisionCount>();
  const month = query.by === 'month';
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) {
      r = {
        key,
        open: month ? null : 0,
        overdue: month ? null : 0,
        dueSoon: month ? null : 0,
        completed: 0,
        onTime: 0,
        late: 0,
        onTimeRate: null,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const o of open) Object.assign(row(o.key), { open: o.open, overdue: o.overdue, dueSoon: o.dueSoon });
  for (const d of done) {
    Object.assign(row(d.key), {
      completed: d.completed,
      onTime: d.onTime,
      late: d.late,
      onTimeRate: d.onTime + d.late > 0 ? d.onTime / (d.onTime + d.late) : null,
    });
  }
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const OPEN_KEY: Record<Exclude<CountDimension, 'month'>, string> = {
  town: 'town',
  step: 'step',
  assignee: 'assignee_id',
};

/**
 * Open steps per key: the open totals from `open_step_totals`, and the overdue and due-soon clocks from
 * `open_step_due_days` (both kept by triggers on open_steps). Questions about people (by assignee, or an
 * assignee filter) count open_steps itself, and those with a category filter take the due counts from the
 * partial due index.
 */
export async function openCounts(
  manager: EntityManager,
  query: SupervisionFilters & { by: Exclude<CountDimension, 'month'>; asOf: Date; dueSoonBefore: Date },
): Promise<Array<{ key: string; open: number; overdue: number; dueSoon: number }>> {
  const key = OPEN_KEY[query.by];
  const params: unknown[] = [];
  const param = (value: unknown) => (params.push(value), `$${params.length}`);
  const filters = filterClauses(query, param);
  // Open steps from the trigger-kept totals (a few thousand rows) unless the question is about people.
  const byPerson = query.by === 'assignee' || !!query.assigneeId;
  const openRows = (await manager.query(
    byPerson
      ? `SELECT ${key} AS key, count(*)::int AS open FROM open_steps
         ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''} GROUP BY ${key}`
      : `SELECT ${key} AS key, sum(open_steps)::int AS open FROM open_step_totals
         WHERE ${['open_steps > 0', ...filters].join(' AND ')} GROUP BY ${key}`,
    params,
  )) as Array<{ key: string; open: number }>;
  const dueRows =
    query.by !== 'assignee' && !query.category && !query.assigneeId
      ? await dueCountsByDay(manager, { ...query, by: query.by })
      : await dueCountsLive(manager, query);
  const due = new Map(dueRows.map((r) => [r.key, r]));
  return openRows.map((r) => ({
    key: r.key,
    open: r.open,
    overdue: due.get(r.key)?.overdue ?? 0,
    dueSoon: due.get(r.key)?.due_soon ?? 0,
  }));
}

type DueCounts = Array<{ key: string; overdue: number; due_soon: number }>;

/**
 * Overdue and due-soon running clocks per town or step from the trigger-kept day totals: a due instant is
 * the end of its due day (Asia/Shanghai), so due_at < T exactly when due_date < T's day.
 */
export async function dueCountsByDay(
  manager: EntityManager,
  query: SupervisionFilters & { by: 'town' | 'step'; asOf: Date; dueSoonBefore: Date },
): Promise<DueCounts> {
  const params: unknown[] = [shanghaiDay(query.asOf), shanghaiDay(query.dueSoonBefore)];
  const param = (value: unknown) => (params.push(value), `$${params.length}`);
  const filters = filterClauses(query, param);
  return (await manager.query(
    `SELECT ${query.by} AS key, coalesce(sum(open_steps) FILTER (WHERE due_date < $1::date), 0)::int AS overdue,
       coalesce(sum(open_steps) FILTER (WHERE due_date >= $1::date), 0)::int AS due_soon
     FROM open_step_due_days WHERE ${['open_steps > 0', 'due_date < $2::date', ...filters].join(' AND ')}
     GROUP BY ${query.by}`,
    params,
  )) as DueCounts;
}

/** The same counts from the running clocks themselves (any filter): a range of the partial due index. */
export async function dueCountsLive(
  manager: EntityManager,
  query: SupervisionFilters & { by: Exclude<CountDimension, 'month'>; asOf: Date; dueSoonBefore: Date },
): Promise<DueCounts> {
  const key = OPEN_KEY[query.by];
  const params: unknown[] = [query.asOf.toISOString(), query.dueSoonBefore.toISOString()];
  const param = (value: unknown) => (params.push(value), `$${params.length}`);
  const filters = filterClauses(query, param);
  return (await manager.query(
    `SELECT ${key} AS key, count(*) FILTER (WHERE effective_due_at < $1::timestamptz)::int AS overdue,
       count(*) FILTER (WHERE effective_due_at >= $1::timestamptz)::int AS due_soon
     FROM open_steps WHERE ${[RUNNING, 'effective_due_at < $2::timestamptz', ...filters].join(' AND ')}
     GROUP BY ${key}`,
    params,
  )) as DueCounts;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Overdue open steps by town × step: the supervisor's board, one index-only range scan. */
export async function overdueBoard(
  manager: EntityManager,
  query: SupervisionFilters & { asOf: Date },
): Promise<Array<{ town: string; step: Step; overdue: number; statutory: boolean }>> {
  const params: unknown[] = [query.asOf.toISOString()];
  const param = (value: unknown) => (params.push(value), `$${params.length}`);
  // Issue 12: statutory and bureau-parameter deadlines are separate cells, so the board says which is which.
  const rows = (await manager.query(
    `SELECT town, step, statutory, count(*)::int AS overdue FROM open_steps
     WHERE ${[RUNNING, 'effective_due_at < $1::timestamptz', ...filterClauses(query, param)].join(' AND ')}
     GROUP BY town, step, statutory ORDER BY town, step, statutory DESC`,
    params,
  )) as Array<{ town: string; step: Step; overdue: number; statutory: boolean }>;
  return rows;
}

type CompletionCounts = Array<{ key: string; completed: number; onTime: number; late: number }>;

/**
 * Completed, on-time and late steps per key for steps completed in [from, to). By town, step or month
 * (no person in the question) the range is cut into whole Shanghai months, whole days and the partial
 * days at its two ends (`completionSegments`): whole months are summed from `step_completion_months`,
 * whole days from `step_completion_days` (town and step only, so not with a category filter), and only
 * the rest is counted in step_history (an index-only range scan). Questions about people count
 * step_history for the whole range.
 */
export async function completionCounts(
  manager: EntityManager,
  query: SupervisionFilters & { by: CountDimension; from: Date; to: Date },
): Promise<CompletionCounts> {
  const by = query.by;
  if (by === 'assignee' || query.assigneeId) return completionCountsLive(manager, query);
  const segments = completionSegments(query.from, query.to, { days: !query.category });
  if (!segments.length) return [];
  const params: unknown[] = [];
  const param = (value: unknown) => (params.push(value), `$${params.length}`);
  const filters = filterClauses({ town: query.town, step: query.step, category: query.category }, param);
  const parts = segments.map((segment) => {
    if (segment.source === 'history') {
      const where = [
        `completed_at >= ${param(segment.from.toISOString())}::timestamptz`,
        `completed_at < ${param(segment.to.toISOString())}::timestamptz`,
        RATED,
        ...filters,
      ];
      return `SELECT ${historyKey(by)}, count(*), count(*) FILTER (WHERE on_time), count(*) FILTER (WHERE on_time = false)
        FROM step_history WHERE ${where.join(' AND ')} GROUP BY 1`;
    }
    const period = segment.source === 'months' ? 'month' : 'day';
    const key = by === 'month' ? `to_char(${period}, 'YYYY-MM')` : by;
    const where = [
      `${period} >= ${param(shanghaiDay(segment.from))}::date`,
      `${period} < ${param(shanghaiDay(segment.to))}::date`,
      ...filters,
    ];
    return `SELECT ${key}, completed, on_time, late FROM step_completion_${segment.source} WHERE ${where.join(' AND ')}`;
  });
  const rows = (await manager.query(
    `SELECT key, sum(completed)::int AS completed, sum(on_time)::int AS on_time, sum(late)::int AS late
     FROM (${parts.join(' UNION ALL ')}) AS parts (key, completed, on_time, late)
     GROUP BY key`,
    params,
  )) as Array<{ key: string; completed: number; on_time: number; late: number }>;
  return rows
    .filter((r) => r.completed > 0)
    .map((r) => ({ key: r.key, completed: r.completed, onTime: r.on_time, late: r.late }));
}

/** The same counts from step_history alone, over the whole range (any key, any filter). */
export async function completionCountsLive(
  manager: EntityManager,
  query: SupervisionFilters & { by: CountDimension; from: Date; to: Date },
): Promise<CompletionCounts> {
  const params: unknown[] = [query.from.toISOString(), query.to.toISOString()];
  const param = (value: unknown) => (params.push(value), `$${params.length}`);
  const where = ['completed_at >= $1::timestamptz', 'completed_at < $2::timestamptz', RATED];
  where.push(...filterClauses({ town: query.town, step: query.step, category: query.category }, param));
  if (query.assigneeId) where.push(`COALESCE(assignee_id, completed_by) = ${param(query.assigneeId)}`);
  const rows = (await manager.query(
    `SELECT ${historyKey(query.by)} AS key, count(*)::int AS completed, count(*) FILTER (WHERE on_time)::int AS on_time,
       count(*) FILTER (WHERE on_time = false)::int AS late
     FROM step_history WHERE ${where.join(' AND ')} GROUP BY 1`,
    params,
  )) as Array<{ key: string; completed: number; on_time: number; late: number }>;
  return rows.map((r) => ({ key: r.key, completed: r.completed, onTime: r.on_time, late: r.late }));
}

function historyKey(by: CountDimension): string {
  return by === 'month'
    ? `to_char(completed_at AT TIME ZONE ${SHANGHAI}, 'YYYY-MM')`
    : by === 'assignee'
      ? `COALESCE(assignee_id, completed_by)`
      : by;
}

export interface CompletionSegment {
  source: 'months' | 'days' | 'history';
  from: Date;
  to: Date;
}

/**
 * [from, to) cut into consecutive segments, in order: the whole calendar months inside it (Asia/Shanghai,
 * UTC+8 with no daylight saving since 1991), then — with `days` — the whole days inside what is left on
 * either side, and the rest, to be counted in step_history.
 */
export function completionSegments(from: Date, to: Date, options: { days: boolean }): CompletionSegment[] {
  const byDays = (a: Date, b: Date): CompletionSegment[] => {
    const first = shanghaiStart(a, 'day', true);
    const end = shanghaiStart(b, 'day', false);
    if (!options.days || first >= end) return [{ source: 'history', from: a, to: b }];
    return [
      { source: 'history', from: a, to: first },
      { source: 'days', from: first, to: end },
      { source: 'history', from: end, to: b },
    ];
  };
  const first = shanghaiStart(from, 'month', true);
  const end = shanghaiStart(to, 'month', false);
  const segments =
    first < end
      ? [...byDays(from, first), { source: 'months' as const, from: first, to: end }, ...byDays(end, to)]
      : byDays(from, to);
  return segments.filter((s) => s.from < s.to);
}

/** The start of the Shanghai day or month containing `at` (or, with `next`, of the next one unless `at` is a start). */
function shanghaiStart(at: Date, unit: 'day' | 'month', next: boolean): Date {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()];
  const start = (offset: number) =>
    (unit === 'day' ? Date.UTC(y, m, d + offset) : Date.UTC(y, m + offset, 1)) - SHANGHAI_OFFSET_MS;
  return new Date(next && start(0) < at.getTime() ? start(1) : start(0));
}

export interface UrgedPerson {
  assigneeId: string;
  /** 催办 issued to this person in the range. */
  urges: number;
  /** Cases those 催办 concerned. */
  cases: number;
  /** 催办 on steps still open (unfinished work) now. */
  openUrges: number;
  /** Flagged for the annual assessment (3+ 催办 on unfinished work). */
  flagged: boolean;
}

export interface FlaggedStaff {
  staffId: string;
  caseId: string;
  step: string | null;
  town: string;
  urgeCount: number;
  threshold: number;
  flaggedAt: string;
}

/** 催办 per person in [from, to), with the 催办 on their still-open steps and whether they are flagged. */
export async function urgedPeople(
  manager: EntityManager,
  range: { from: Date; to: Date; town?: string },
): Promise<UrgedPerson[]> {
  const params: unknown[] = [range.from.toISOString(), range.to.toISOString()];
  const town = range.town ? (params.push(range.town), `AND town = $3`) : '';
  const rows = (await manager.query(
    `WITH issued AS (
       SELECT assignee_id, count(*)::int AS urges, count(DISTINCT case_id)::int AS cases FROM reminders
       WHERE is_urge AND issued_at >= $1::timestamptz AND issued_at < $2::timestamptz ${town}
       GROUP BY assignee_id),
     open AS (
       SELECT assignee_id, sum(urges)::int AS open_urges FROM open_steps WHERE urges > 0 ${town}
       GROUP BY assignee_id),
     flagged AS (SELECT DISTINCT staff_id FROM flagged_staff WHERE true ${town})
     SELECT COALESCE(i.assignee_id, o.assignee_id) AS assignee_id, COALESCE(i.urges, 0) AS urges,
       COALESCE(i.cases, 0) AS cases, COALESCE(o.open_urges, 0) AS open_urges,
       EXISTS (SELECT 1 FROM flagged f WHERE f.staff_id = COALESCE(i.assignee_id, o.assignee_id)) AS flagged
     FROM issued i FULL JOIN open o ON o.assignee_id = i.assignee_id
     ORDER BY urges DESC, open_urges DESC, assignee_id`,
    params,
  )) as Array<{ assignee_id: string; urges: number; cases: number; open_urges: number; flagged: boolean }>;
  return rows.map((r) => ({
    assigneeId: r.assignee_id,
    urges: r.urges,
    cases: r.cases,
    openUrges: r.open_urges,
    flagged: r.flagged,
  }));
}

/** People flagged at the 催办 threshold (flagged_staff), newest first. */
export async function flaggedStaff(
  manager: EntityManager,
  filter: { town?: string } = {},
): Promise<FlaggedStaff[]> {
  const rows = (await manager.query(
    `SELECT staff_id, case_id, step, town, urge_count, threshold, flagged_at FROM flagged_staff
     ${filter.town ? 'WHERE town = $1' : ''} ORDER BY flagged_at DESC, staff_id, case_id`,
    filter.town ? [filter.town] : [],
  )) as Row[];
  return rows.map((r) => ({
    staffId: r.staff_id as string,
    caseId: r.case_id as string,
    step: r.step as string | null,
    town: r.town as string,
    urgeCount: r.urge_count as number,
    threshold: r.threshold as number,
    flaggedAt: instant(r.flagged_at)!,
  }));
}

function filterClauses(filters: SupervisionFilters, param: (value: unknown) => string): string[] {
  const where: string[] = [];
  if (filters.town) where.push(`town = ${param(filters.town)}`);
  if (filters.step) where.push(`step = ${param(filters.step)}`);
  if (filters.category) where.push(`category = ${param(filters.category)}`);
  if (filters.assigneeId) where.push(`assignee_id = ${param(filters.assigneeId)}`);
  return where;
}

function toDueStep(row: Row): DueStep {
  return {
    caseId: row.case_id as string,
    step: row.step as Step,
    town: row.town as string,
    category: row.category as Category,
    assigneeId: row.assignee_id as string,
    assigneeRole: row.assignee_role as string,
    openedAt: instant(row.opened_at)!,
    statutoryDueAt: instant(row.statutory_due_at),
    statutoryDueDate: row.statutory_due_date as string | null,
    extendedDueAt: instant(row.extended_due_at),
    extendedDueDate: row.extended_due_date as string | null,
    effectiveDueAt: instant(row.effective_due_at)!,
    effectiveDueDate: row.effective_due_date as string | null,
    provisional: row.provisional as boolean,
    statutory: row.statutory as boolean,
    daysOverdue: row.days_overdue as number,
    urges: row.urges as number,
    reminders: row.reminders as number,
  };
}
