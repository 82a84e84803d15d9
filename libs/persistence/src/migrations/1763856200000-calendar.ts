import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bureau's calendar data (issue 4): one append-only row per change an administrator makes, attributed
 * and kept. The calendar in force is derived from the log: per year, the latest YEAR_ARRANGEMENT; per date,
 * the latest ENTRY or ENTRY_WITHDRAWAL. Nothing is ever updated or deleted.
 */
export class Calendar1763856200000 implements MigrationInterface {
  name = 'Calendar1763856200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('YEAR_ARRANGEMENT', 'ENTRY', 'ENTRY_WITHDRAWAL')),
        year integer NOT NULL CHECK (year BETWEEN 1900 AND 9999),
        entries jsonb NOT NULL CHECK (jsonb_typeof(entries) = 'array' AND jsonb_array_length(entries) > 0),
        reference text,
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        actor jsonb NOT NULL CHECK (jsonb_typeof(actor) = 'object' AND actor ? 'id'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX calendar_changes_year ON calendar_changes (year, id)');
    await q.query(`
      CREATE FUNCTION calendar_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'calendar_changes is append-only: % is not allowed', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER calendar_changes_no_update_delete BEFORE UPDATE OR DELETE ON calendar_changes
      FOR EACH ROW EXECUTE FUNCTION calendar_changes_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE calendar_changes');
    await q.query('DROP FUNCTION calendar_changes_append_only()');
  }
}
