import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running clocks per town, step and due day, kept by triggers on open_steps. Every due instant is the end
 * of its due day in Asia/Shanghai, so "overdue as of T" and "due before H" are ranges of due days: the
 * per-town and per-step overdue and due-soon counts sum a few thousand rows instead of scanning every
 * step due in the window.
 */
export class OpenStepDueDays1763856900000 implements MigrationInterface {
  name = 'OpenStepDueDays1763856900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_step_due_days (
        town text NOT NULL,
        step text NOT NULL,
        due_date date NOT NULL,
        open_steps integer NOT NULL,
        PRIMARY KEY (due_date, town, step)
      )`);
    // Statement-level triggers over transition tables, like open_step_totals: one upsert per statement.
    await q.query(`
      CREATE FUNCTION open_step_due_days_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE open_step_due_days t SET open_steps = t.open_steps - o.n
          FROM (SELECT effective_due_date AS due_date, town, step, count(*)::int AS n FROM old_rows
                WHERE NOT clock_paused AND effective_due_date IS NOT NULL GROUP BY 1, 2, 3) o
          WHERE t.due_date = o.due_date AND t.town = o.town AND t.step = o.step;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO open_step_due_days AS t (due_date, town, step, open_steps)
          SELECT effective_due_date, town, step, count(*)::int FROM new_rows
          WHERE NOT clock_paused AND effective_due_date IS NOT NULL GROUP BY 1, 2, 3
          ON CONFLICT (due_date, town, step) DO UPDATE SET open_steps = t.open_steps + EXCLUDED.open_steps;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER open_step_due_days_insert AFTER INSERT ON open_steps REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION open_step_due_days_track()`);
    await q.query(`
      CREATE TRIGGER open_step_due_days_delete AFTER DELETE ON open_steps REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION open_step_due_days_track()`);
    await q.query(`
      CREATE TRIGGER open_step_due_days_update AFTER UPDATE ON open_steps
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION open_step_due_days_track()`);
    await q.query(`
      CREATE FUNCTION open_step_due_days_reset() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE open_step_due_days;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER open_step_due_days_truncate AFTER TRUNCATE ON open_steps
      FOR EACH STATEMENT EXECUTE FUNCTION open_step_due_days_reset()`);
    await q.query(`
      INSERT INTO open_step_due_days (town, step, due_date, open_steps)
      SELECT town, step, effective_due_date, count(*) FROM open_steps
      WHERE NOT clock_paused AND effective_due_date IS NOT NULL GROUP BY 1, 2, 3`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER open_step_due_days_truncate ON open_steps');
    for (const t of ['insert', 'delete', 'update'])
      await q.query(`DROP TRIGGER open_step_due_days_${t} ON open_steps`);
    await q.query('DROP FUNCTION open_step_due_days_reset()');
    await q.query('DROP FUNCTION open_step_due_days_track()');
    await q.query('DROP TABLE open_step_due_days');
  }
}
