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
    await q.query(`
      CREATE FUNCTION open_step_due_days_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') AND NOT OLD.clock_paused AND OLD.effective_due_date IS NOT NULL THEN
          UPDATE open_step_due_days SET open_steps = open_steps - 1
          WHERE due_date = OLD.effective_due_date AND town = OLD.town AND step = OLD.step;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NOT NEW.clock_paused AND NEW.effective_due_date IS NOT NULL THEN
          INSERT INTO open_step_due_days AS t (town, step, due_date, open_steps)
          VALUES (NEW.town, NEW.step, NEW.effective_due_date, 1)
          ON CONFLICT (due_date, town, step) DO UPDATE SET open_steps = t.open_steps + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER open_step_due_days_rows AFTER INSERT OR DELETE
        OR UPDATE OF town, step, effective_due_date, clock_paused ON open_steps
      FOR EACH ROW EXECUTE FUNCTION open_step_due_days_track()`);
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
    await q.query('DROP TRIGGER open_step_due_days_rows ON open_steps');
    await q.query('DROP FUNCTION open_step_due_days_reset()');
    await q.query('DROP FUNCTION open_step_due_days_track()');
    await q.query('DROP TABLE open_step_due_days');
  }
}
