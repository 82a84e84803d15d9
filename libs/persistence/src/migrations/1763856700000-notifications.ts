import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifications outbox: one row per reminder, 催办, escalation or flag and per delivery channel,
 * written in the same transaction as the event, delivered afterwards by the worker's dispatcher.
 */
export class Notifications1763856700000 implements MigrationInterface {
  name = 'Notifications1763856700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id text PRIMARY KEY,
        case_id text NOT NULL,
        sequence integer NOT NULL,
        event_type text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('INBOX', 'WEBHOOK', 'LOG')),
        recipient_id text NOT NULL,
        town text,
        title_zh text NOT NULL,
        body_zh text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by text,
        UNIQUE (case_id, sequence, channel)
      )`);
    await q.query(
      `CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX notifications_inbox ON notifications (recipient_id, created_at DESC) WHERE channel = 'INBOX'`,
    );
    await q.query(
      `CREATE INDEX notifications_failed ON notifications (created_at DESC) WHERE status = 'FAILED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notifications');
  }
}
