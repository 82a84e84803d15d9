import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: every change of the calendar is announced on the `calendar_changes` channel (after commit), so
 * workers keep their calendar until told instead of asking `max(id)` before every deadline they count
 * (CalendarChangeFeed). One notification per statement: a year's load is one change to them.
 */
export class CalendarChangeNotify1764900000000 implements MigrationInterface {
  name = 'CalendarChangeNotify1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION calendar_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('calendar_changes', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER calendar_changes_notify AFTER INSERT ON calendar_changes
      FOR EACH STATEMENT EXECUTE FUNCTION calendar_changes_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER calendar_changes_notify ON calendar_changes');
    await q.query('DROP FUNCTION calendar_changes_notify()');
  }
}
