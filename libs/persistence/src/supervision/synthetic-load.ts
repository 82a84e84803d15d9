import { STEPS, CATEGORIES } from '../../../domain/src';

/**
 * Synthetic read-model rows for the supervision benchmark and the index tests: what a district's tables
 * look like after years of cases, written straight into cases / open_steps / step_history with
 * generate_series (no events, no projector: millions of rows in seconds). Never used on real data.
 */
export interface SyntheticLoad {
  cases: number;
  /** Share of cases with an overdue open step (default 0.01). */
  overdueFraction?: number;
  /** Share of cases still open, i.e. with an open step (default 1: the worst case for counts). */
  openFraction?: number;
  towns?: number;
  assignees?: number;
  /** Completed steps in step_history per case (default 1), spread over the 24 months before asOf. */
  historyPerCase?: number;
  asOf: Date;
}

export const SYNTHETIC_TOWNS = [
  '会城街道',
  '大泽镇',
  '司前镇',
  '罗坑镇',
  '双水镇',
  '崖门镇',
  '沙堆镇',
  '古井镇',
  '三江镇',
  '睦洲镇',
  '大鳌镇',
  '今古洲',
  '圭峰',
  '银洲湖',
  '七堡',
  '东甲',
  '北街',
  '南隆',
  '西甲',
  '江门港',
];

type Execute = (sql: string, params?: unknown[]) => Promise<unknown>;

export async function seedSyntheticLoad(execute: Execute, load: SyntheticLoad): Promise<void> {
  const towns = SYNTHETIC_TOWNS.slice(0, Math.min(load.towns ?? 20, SYNTHETIC_TOWNS.length));
  const overdueEvery = Math.max(1, Math.round(1 / (load.overdueFraction ?? 0.01)));
  const openFraction = load.openFraction ?? 1;
  const steps = STEPS.slice(0, 13);
  const params = [
    load.cases, // $1
    towns, // $2
    [...steps], // $3
    [...CATEGORIES], // $4
    load.assignees ?? 500, // $5
    load.asOf.toISOString(), // $6
    overdueEvery, // $7
    openFraction, // $8
    load.historyPerCase ?? 1, // $9
  ];
  // i → a case; each attribute from its own hash of i, so towns, steps, assignees and lateness are
  // spread independently of each other (plain modular arithmetic puts every overdue case in one town).
  const h = (salt: string, n: string) => `abs(hashtext('${salt}' || i)) % ${n}`;
  const base = `
    SELECT i, 'C' || lpad(i::text, 8, '0') AS case_id,
      ($2::text[])[1 + ${h('t', 'cardinality($2::text[])')}] AS town,
      ($3::text[])[1 + ${h('s', 'cardinality($3::text[])')}] AS step,
      ($4::text[])[1 + ${h('c', 'cardinality($4::text[])')}] AS category,
      'staff-' || lpad((${h('a', '$5')})::text, 3, '0') AS assignee_id,
      ($6::timestamptz AT TIME ZONE 'Asia/Shanghai')::date AS today,
      (${h('o', '$7')} = 0) AS overdue,
      ${h('p', '1000')} < ($8::float8 * 1000) OR ${h('o', '$7')} = 0 AS open
    FROM generate_series(1, $1::int) AS i`;
  await execute(
    `INSERT INTO cases (case_id, town, category, route, status, current_step, assignee_id, applicant_name,
       household_size, person_ref, application_date, urges, last_sequence, opened_at, updated_at, closed_at, state)
     SELECT case_id, town, category, 'FULL', CASE WHEN open THEN 'IN_PROGRESS' ELSE 'CLOSED' END,
       CASE WHEN open THEN step END, CASE WHEN open THEN assignee_id END, '申请人' || i, 1 + i % 5,
       'P-' || i, today - (i % 700), CASE WHEN overdue THEN 1 + i % 4 ELSE 0 END, 10,
       (today - (i % 700))::timestamptz, now(), CASE WHEN open THEN NULL ELSE now() END, '{}'::jsonb
     FROM (${base}) AS s`,
    params.slice(0, 8),
  );
  await execute(
    `INSERT INTO open_steps (case_id, step, town, category, assignee_id, assignee_role, opened_at, clock_started_at,
       statutory_due_at, statutory_due_date, effective_due_at, effective_due_date, provisional, clock_paused,
       awaiting_deadline, urges, reminders)
     SELECT case_id, step, town, category, assignee_id, 'CASEWORKER', opened, opened, due_at, due_date, due_at, due_date,
       false, NOT overdue AND ${h('z', '50')} = 7, false, CASE WHEN overdue THEN 1 + i % 4 ELSE 0 END, CASE WHEN overdue THEN 3 ELSE 1 END
     FROM (
       SELECT s.*, d.due_date, (d.due_date + time '23:59:59.999') AT TIME ZONE 'Asia/Shanghai' AS due_at,
         (d.due_date - 10)::timestamp AT TIME ZONE 'Asia/Shanghai' AS opened
       FROM (${base}) AS s,
         LATERAL (SELECT CASE WHEN s.overdue THEN s.today - 1 - (s.i / $7) % 30 ELSE s.today + (s.i * 31) % 60 END AS due_date) AS d
       WHERE s.open
     ) AS o`,
    params.slice(0, 8),
  );
  await execute(
    `INSERT INTO step_history (case_id, sequence, step, town, category, assignee_id, completed_by, opened_at,
       completed_at, outcome, statutory_due_at, statutory_due_date, on_time)
     SELECT case_id, 1 + h, step, town, category, assignee_id, assignee_id, done - interval '8 days', done, 'DONE',
       due_at, due_date, done <= due_at
     FROM (
       SELECT s.*, h, $6::timestamptz - ((s.i * 101 + h * 37) % 730) * interval '1 day' AS done,
         (($6::timestamptz - ((s.i * 101 + h * 37) % 730) * interval '1 day') AT TIME ZONE 'Asia/Shanghai')::date
           + CASE WHEN (s.i * 3 + h) % 11 = 0 THEN -2 ELSE 3 END AS due_date
       FROM (${base}) AS s, generate_series(1, $9::int) AS h
     ) AS x, LATERAL (SELECT (x.due_date + time '23:59:59.999') AT TIME ZONE 'Asia/Shanghai' AS due_at) AS d`,
    params,
  );
}
