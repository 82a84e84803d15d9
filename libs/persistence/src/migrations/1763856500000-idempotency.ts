import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency-Key of case creation: the same key with the same request gives the same case, never a second. */
export class Idempotency1763856500000 implements MigrationInterface {
  name = 'Idempotency1763856500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        actor_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        case_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys');
  }
}
