import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running totals of open steps by town, step and category (at most a few thousand rows), kept by triggers
 * on open_steps, so a supervisor's per-town and per-step counts need not count every open step (1M open
 * steps: hundreds of ms per count). Per-person counts count open_steps through its assignee index.
 */
export class OpenStepTotals1763856800000 implements MigrationInterface {
  name = 'OpenStepTotals1763856800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_step_totals (
        town text NOT NULL,
        step text NOT NULL,
        category text NOT NULL,
        open_steps integer NOT NULL,
        PRIMARY KEY (town, step, category)
      )`);
    await q.query(`
      CREATE FUNCTION open_step_totals_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE open_step_totals SET open_steps = open_steps - 1
          WHERE town = OLD.town AND step = OLD.step AND category = OLD.category;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO open_step_totals AS t (town, step, category, open_steps)
          VALUES (NEW.town, NEW.step, NEW.category, 1)
          ON CONFLICT (town, step, category) DO UPDATE SET open_steps = t.open_steps + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER open_step_totals_rows AFTER INSERT OR DELETE OR UPDATE OF town, step, category ON open_steps
      FOR EACH ROW EXECUTE FUNCTION open_step_totals_track()`);
    // A projection rebuild truncates open_steps: the totals start again from zero with it.
    await q.query(`
      CREATE FUNCTION open_step_totals_reset() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE open_step_totals;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER open_step_totals_truncate AFTER TRUNCATE ON open_steps
      FOR EACH STATEMENT EXECUTE FUNCTION open_step_totals_reset()`);
    await q.query(`
      INSERT INTO open_step_totals (town, step, category, open_steps)
      SELECT town, step, category, count(*) FROM open_steps GROUP BY 1, 2, 3`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER open_step_totals_truncate ON open_steps');
    await q.query('DROP TRIGGER open_step_totals_rows ON open_steps');
    await q.query('DROP FUNCTION open_step_totals_reset()');
    await q.query('DROP FUNCTION open_step_totals_track()');
    await q.query('DROP TABLE open_step_totals');
  }
}
