import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every amount the district fixed, with its input, policy version and explanation, so it can be reproduced. */
export class Calculations1763856300000 implements MigrationInterface {
  name = 'Calculations1763856300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE aid_calculations (
        id uuid PRIMARY KEY,
        case_id text NOT NULL,
        policy_id text NOT NULL,
        total numeric(14, 2) NOT NULL,
        approval_authority text NOT NULL,
        input jsonb NOT NULL,
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX aid_calculations_case ON aid_calculations (case_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE aid_calculations');
  }
}
