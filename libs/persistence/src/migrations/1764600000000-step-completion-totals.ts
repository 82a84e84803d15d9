import type { MigrationInterface, QueryRunner } from 'typeorm';

// Steps closed by the applicant or by fraud were not "completed" by staff: no on-time rate for them
// (the same predicate as the supervision queries' RATED).
const RATED = `outcome NOT IN ('WITHDRAWN', 'TERMINATED', 'CANCELLED_FOR_FRAUD')`;
const SHANGHAI_DAY = `(completed_at AT TIME ZONE 'Asia/Shanghai')::date`;
const SHANGHAI_MONTH = `date_trunc('month', completed_at AT TIME ZONE 'Asia/Shanghai')::date`;

/** The two summaries: a month (its first day) by town, step and category; a day by town and step. */
const SUMMARIES = [
  {
    table: 'step_completion_months',
    period: 'month',
    periodOf: SHANGHAI_MONTH,
    keys: ['town', 'step', 'category'],
  },
  { table: 'step_completion_days', period: 'day', periodOf: SHANGHAI_DAY, keys: ['town', 'step'] },
] as const;

/**
 * Completed steps with their on-time and late counts, per month of completion (Asia/Shanghai) by town,
 * step and category, and per day by town and step, kept by statement-level triggers on step_history
 * like open_step_totals. A supervisor's 12-month on-time rates then sum the whole months of the range
 * from the first, the whole days at its two ends from the second, and count step_history only for the
 * two partial days at the very ends (1M completed steps: ~800 ms → milliseconds). Per-person questions
 * still count step_history (per-assignee keys would make the summaries as large as the table).
 *
 * The partial days are counted through a covering index on completed_at, so that count is an index-only
 * range scan; it replaces the read-model migration's (completed_at, town, step) index.
 */
export class StepCompletionTotals1764600000000 implements MigrationInterface {
  name = 'StepCompletionTotals1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const statements: string[] = [];
    for (const s of SUMMARIES) {
      await q.query(`
        CREATE TABLE ${s.table} (
          ${s.period} date NOT NULL,
          ${s.keys.map((k) => `${k} text NOT NULL,`).join('\n')}
          completed integer NOT NULL,
          on_time integer NOT NULL,
          late integer NOT NULL,
          PRIMARY KEY (${s.period}, ${s.keys.join(', ')})
        )`);
      const columns = [s.period, ...s.keys];
      const grouped = (rows: string) => `
        SELECT ${s.periodOf} AS ${s.period}, ${s.keys.join(', ')}, count(*)::int AS completed,
          count(*) FILTER (WHERE on_time)::int AS on_time, count(*) FILTER (WHERE on_time = false)::int AS late
        FROM ${rows} WHERE ${RATED} GROUP BY ${columns.map((_, i) => i + 1).join(', ')}`;
      const same = columns.map((c) => `t.${c} = o.${c}`).join(' AND ');
      statements.push(`
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE ${s.table} t
          SET completed = t.completed - o.completed, on_time = t.on_time - o.on_time, late = t.late - o.late
          FROM (${grouped('old_rows')}) o WHERE ${same};
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO ${s.table} AS t (${columns.join(', ')}, completed, on_time, late) ${grouped('new_rows')}
          ON CONFLICT (${columns.join(', ')}) DO UPDATE SET completed = t.completed + EXCLUDED.completed,
            on_time = t.on_time + EXCLUDED.on_time, late = t.late + EXCLUDED.late;
        END IF;`);
      await q.query(
        `INSERT INTO ${s.table} (${columns.join(', ')}, completed, on_time, late) ${grouped('step_history')}`,
      );
    }
    await q.query(`
      CREATE FUNCTION step_completion_totals_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${statements.join('\n')}
        RETURN NULL;
      END $$`);
    for (const [op, transition] of [
      ['INSERT', 'NEW TABLE AS new_rows'],
      ['DELETE', 'OLD TABLE AS old_rows'],
      ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
    ] as const) {
      await q.query(`
        CREATE TRIGGER step_completion_totals_${op.toLowerCase()} AFTER ${op} ON step_history
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION step_completion_totals_track()`);
    }
    // A projection rebuild truncates step_history: the summaries start again from zero with it.
    await q.query(`
      CREATE FUNCTION step_completion_totals_reset() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE ${SUMMARIES.map((s) => s.table).join(', ')};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER step_completion_totals_truncate AFTER TRUNCATE ON step_history
      FOR EACH STATEMENT EXECUTE FUNCTION step_completion_totals_reset()`);
    await q.query(
      `CREATE INDEX step_history_completed ON step_history (completed_at)
       INCLUDE (town, step, category, outcome, on_time)`,
    );
    await q.query('DROP INDEX step_history_rates');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX step_history_rates ON step_history (completed_at, town, step)');
    await q.query('DROP INDEX step_history_completed');
    await q.query('DROP TRIGGER step_completion_totals_truncate ON step_history');
    for (const op of ['insert', 'delete', 'update'])
      await q.query(`DROP TRIGGER step_completion_totals_${op} ON step_history`);
    await q.query('DROP FUNCTION step_completion_totals_reset()');
    await q.query('DROP FUNCTION step_completion_totals_track()');
    for (const s of SUMMARIES) await q.query(`DROP TABLE ${s.table}`);
  }
}
