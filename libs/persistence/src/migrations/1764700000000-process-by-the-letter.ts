import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: the supervisor's board says which deadlines the measures set and which are the bureau's own
 * parameters (a parameter-only deadline is reminded but never urged or counted against a person). Steps
 * projected before carry `true`: before issue 12 every deadline was treated as statutory.
 */
export class ProcessByTheLetter1764700000000 implements MigrationInterface {
  name = 'ProcessByTheLetter1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE open_steps ADD COLUMN statutory boolean NOT NULL DEFAULT true');
    // The town × step board stays an index-only scan with the new column beside town and step.
    await runningDueIndex(q, ['town', 'category', 'assignee_id', 'statutory']);
  }

  async down(q: QueryRunner): Promise<void> {
    await runningDueIndex(q, ['town', 'category', 'assignee_id']);
    await q.query('ALTER TABLE open_steps DROP COLUMN statutory');
  }
}

async function runningDueIndex(q: QueryRunner, included: string[]): Promise<void> {
  await q.query('DROP INDEX open_steps_running_due');
  await q.query(
    `CREATE INDEX open_steps_running_due ON open_steps (effective_due_at, case_id, step)
     INCLUDE (${included.join(', ')}) WHERE NOT clock_paused AND effective_due_at IS NOT NULL`,
  );
}
