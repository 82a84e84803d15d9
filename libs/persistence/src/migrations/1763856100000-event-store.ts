import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventStore1763856100000 implements MigrationInterface {
  name = 'EventStore1763856100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_events (
        case_id text NOT NULL,
        sequence integer NOT NULL CHECK (sequence > 0),
        global_position bigserial NOT NULL UNIQUE,
        type text NOT NULL,
        actor jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL,
        prev_hash text,
        hash text NOT NULL,
        PRIMARY KEY (case_id, sequence),
        CHECK ((sequence = 1) = (prev_hash IS NULL))
      )`);
    await q.query('CREATE INDEX case_events_type_time ON case_events (type, occurred_at)');
    // Append-only: history is corrected by new events, never by editing old ones.
    await q.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only: % is not allowed', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER case_events_no_update_delete BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_events');
    await q.query('DROP FUNCTION case_events_append_only()');
  }
}
