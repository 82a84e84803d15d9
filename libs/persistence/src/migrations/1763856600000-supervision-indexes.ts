import type { MigrationInterface, QueryRunner } from 'typeorm';

// Same predicate as the read-model migration's: 督查督办 only ever looks at running clocks with a due time.
const RUNNING = 'WHERE NOT clock_paused AND effective_due_at IS NOT NULL';

/**
 * Indexes for the supervisor's questions (libs/persistence/src/supervision/supervision-queries.ts),
 * checked by EXPLAIN in libs/persistence/test/supervision-indexes.int.test.ts.
 *
 * The overdue/due-soon pages are ordered by (effective due, case id, step) and resumed with a row
 * comparison on those three columns, so each index carries all three: the page is a range scan that
 * stops after `limit` rows, with no sort, whichever page is asked for. They replace the read-model
 * migration's (…, effective_due_at) indexes, which are prefixes of these.
 *
 * The main one INCLUDEs town, category and assignee so the overdue / due-soon counts (a range of
 * ~1% of open steps) are index-only scans. Counting every open step by town or step reads the small
 * (town, step) index instead of the table.
 */
export class SupervisionIndexes1763856600000 implements MigrationInterface {
  name = 'SupervisionIndexes1763856600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX open_steps_running_due ON open_steps (effective_due_at, case_id, step)
       INCLUDE (town, category, assignee_id) ${RUNNING}`,
    );
    await q.query(
      `CREATE INDEX open_steps_town_due_page ON open_steps (town, effective_due_at, case_id, step) ${RUNNING}`,
    );
    await q.query(
      `CREATE INDEX open_steps_step_due_page ON open_steps (step, effective_due_at, case_id) ${RUNNING}`,
    );
    await q.query(
      `CREATE INDEX open_steps_assignee_due_page ON open_steps (assignee_id, effective_due_at, case_id, step) ${RUNNING}`,
    );
    await q.query('CREATE INDEX open_steps_town_step ON open_steps (town, step)');
    for (const name of [
      'open_steps_due',
      'open_steps_town_due',
      'open_steps_step_due',
      'open_steps_assignee_due',
    ]) {
      await q.query(`DROP INDEX IF EXISTS ${name}`);
    }
    // Per-person 催办 on unfinished work, and the flagged list newest first.
    await q.query('CREATE INDEX flagged_staff_staff ON flagged_staff (staff_id, flagged_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX flagged_staff_staff');
    await q.query(`CREATE INDEX open_steps_due ON open_steps (effective_due_at) ${RUNNING}`);
    await q.query(`CREATE INDEX open_steps_town_due ON open_steps (town, effective_due_at) ${RUNNING}`);
    await q.query(`CREATE INDEX open_steps_step_due ON open_steps (step, effective_due_at) ${RUNNING}`);
    await q.query(
      `CREATE INDEX open_steps_assignee_due ON open_steps (assignee_id, effective_due_at) ${RUNNING}`,
    );
    for (const name of [
      'open_steps_town_step',
      'open_steps_assignee_due_page',
      'open_steps_step_due_page',
      'open_steps_town_due_page',
      'open_steps_running_due',
    ]) {
      await q.query(`DROP INDEX ${name}`);
    }
  }
}
