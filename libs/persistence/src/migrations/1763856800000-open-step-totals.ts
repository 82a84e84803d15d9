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
    // Statement-level triggers over transition tables: one aggregated upsert per statement, so a bulk
    // insert (a rebuild, a load) does not update the same total row once per inserted step.
    await q.query(`
      CREATE FUNCTION open_step_totals_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE open_step_totals t SET open_steps = t.open_steps - o.n
          FROM (SELECT town, step, category, count(*)::int AS n FROM old_rows GROUP BY 1, 2, 3) o
          WHERE t.town = o.town AND t.step = o.step AND t.category = o.category;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO open_step_totals AS t (town, step, category, open_steps)
          SELECT town, step, category, count(*)::int FROM new_rows GROUP BY 1, 2, 3
          ON CONFLICT (town, step, category) DO UPDATE SET open_steps = t.open_steps + EXCLUDED.open_steps;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER open_step_totals_insert AFTER INSERT ON open_steps REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION open_step_totals_track()`);
    await q.query(`
      CREATE TRIGGER open_step_totals_delete AFTER DELETE ON open_steps REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION open_step_totals_track()`);
    await q.query(`
      CREATE TRIGGER open_step_totals_update AFTER UPDATE ON open_steps
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION open_step_totals_track()`);
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
    for (const t of ['insert', 'delete', 'update'])
      await q.query(`DROP TRIGGER open_step_totals_${t} ON open_steps`);
    await q.query('DROP FUNCTION open_step_totals_reset()');
    await q.query('DROP FUNCTION open_step_totals_track()');
    await q.query('DROP TABLE open_step_totals');
  }
}
