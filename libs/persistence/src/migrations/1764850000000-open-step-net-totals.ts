import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: an UPDATE of open_steps that moves no step between totals (a reminder or a 催办 only counts up)
 * touches no total row. The totals' UPDATE triggers used to subtract every old row and add every new one, so
 * each reminder locked its town's total rows until commit, and thousands of reminders due at once waited on
 * each other. Now they add the net change per group and skip the groups whose net is zero.
 */
export class OpenStepNetTotals1764850000000 implements MigrationInterface {
  name = 'OpenStepNetTotals1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION open_step_totals_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          UPDATE open_step_totals t SET open_steps = t.open_steps - o.n
          FROM (SELECT town, step, category, count(*)::int AS n FROM old_rows GROUP BY 1, 2, 3) o
          WHERE t.town = o.town AND t.step = o.step AND t.category = o.category;
        ELSIF TG_OP = 'INSERT' THEN
          INSERT INTO open_step_totals AS t (town, step, category, open_steps)
          SELECT town, step, category, count(*)::int FROM new_rows GROUP BY 1, 2, 3
          ON CONFLICT (town, step, category) DO UPDATE SET open_steps = t.open_steps + EXCLUDED.open_steps;
        ELSE
          INSERT INTO open_step_totals AS t (town, step, category, open_steps)
          SELECT town, step, category, sum(n)::int FROM (
            SELECT town, step, category, -1 AS n FROM old_rows
            UNION ALL SELECT town, step, category, 1 FROM new_rows) d
          GROUP BY 1, 2, 3 HAVING sum(n) <> 0
          ON CONFLICT (town, step, category) DO UPDATE SET open_steps = t.open_steps + EXCLUDED.open_steps;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION open_step_due_days_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          UPDATE open_step_due_days t SET open_steps = t.open_steps - o.n
          FROM (SELECT effective_due_date AS due_date, town, step, count(*)::int AS n FROM old_rows
                WHERE NOT clock_paused AND effective_due_date IS NOT NULL GROUP BY 1, 2, 3) o
          WHERE t.due_date = o.due_date AND t.town = o.town AND t.step = o.step;
        ELSIF TG_OP = 'INSERT' THEN
          INSERT INTO open_step_due_days AS t (due_date, town, step, open_steps)
          SELECT effective_due_date, town, step, count(*)::int FROM new_rows
          WHERE NOT clock_paused AND effective_due_date IS NOT NULL GROUP BY 1, 2, 3
          ON CONFLICT (due_date, town, step) DO UPDATE SET open_steps = t.open_steps + EXCLUDED.open_steps;
        ELSE
          INSERT INTO open_step_due_days AS t (due_date, town, step, open_steps)
          SELECT due_date, town, step, sum(n)::int FROM (
            SELECT effective_due_date AS due_date, town, step, -1 AS n FROM old_rows
            WHERE NOT clock_paused AND effective_due_date IS NOT NULL
            UNION ALL SELECT effective_due_date, town, step, 1 FROM new_rows
            WHERE NOT clock_paused AND effective_due_date IS NOT NULL) d
          GROUP BY 1, 2, 3 HAVING sum(n) <> 0
          ON CONFLICT (due_date, town, step) DO UPDATE SET open_steps = t.open_steps + EXCLUDED.open_steps;
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(): Promise<void> {
    // The functions of the earlier migrations give the same totals; nothing to undo for correctness.
  }
}
