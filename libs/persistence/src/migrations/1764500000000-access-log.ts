import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 查阅记录: who read whose personal data (保密审查; PIPL for health and financial data). Append-only like
 * case_events: a trigger refuses UPDATE, DELETE and TRUNCATE, so the log cannot be trimmed to hide a read.
 */
export class AccessLog1764500000000 implements MigrationInterface {
  name = 'AccessLog1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        read_at timestamptz NOT NULL,
        staff_id text NOT NULL,
        staff_name text NOT NULL,
        role text NOT NULL,
        town text,
        case_id text NOT NULL,
        endpoint text NOT NULL
      )`);
    // The two questions asked of it, newest first: what did this person read, who read this case.
    await q.query('CREATE INDEX access_log_by_staff ON access_log (staff_id, read_at DESC, id DESC)');
    await q.query('CREATE INDEX access_log_by_case ON access_log (case_id, read_at DESC, id DESC)');
    await q.query('CREATE INDEX access_log_by_time ON access_log (read_at DESC, id DESC)');
    await q.query(`
      CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only: % is not allowed', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER access_log_no_update_delete BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION access_log_append_only()`);
    await q.query(`
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE access_log');
    await q.query('DROP FUNCTION access_log_append_only()');
  }
}
