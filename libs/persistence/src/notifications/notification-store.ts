import type { DataSource } from 'typeorm';

export interface NotificationRow {
  id: string;
  caseId: string;
  sequence: number;
  eventType: string;
  channel: string;
  recipientId: string;
  town: string | null;
  titleZh: string;
  bodyZh: string;
  payload: unknown;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

const COLUMNS = `id, case_id, sequence, event_type, channel, recipient_id, town, title_zh, body_zh, payload, status,
  attempts, next_attempt_at, last_error, created_at, delivered_at, acknowledged_at, acknowledged_by`;

/** One-purpose queries on the notifications outbox (dispatcher, inbox, failure board). */
export class NotificationStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims due deliveries: each claimed row's next attempt is pushed out by the lease, so a crashed
   * dispatcher's rows come back by themselves and two dispatchers never deliver the same row at once.
   */
  async claimDue(limit: number, leaseSeconds: number): Promise<NotificationRow[]> {
    const rows = await this.dataSource.query(
      `UPDATE notifications SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
       WHERE id IN (
         SELECT id FROM notifications WHERE status = 'PENDING' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [limit, leaseSeconds],
    );
    return (rows as RawRow[][])[0]?.map(toRow) ?? [];
  }

  async markDelivered(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET status = 'DELIVERED', delivered_at = now(), last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  /** A failed attempt: retried after `retryInSeconds`, or FAILED for good (visible on the failure board). */
  async markFailed(id: string, error: string, retryInSeconds: number | null): Promise<void> {
    await this.dataSource.query(
      retryInSeconds === null
        ? `UPDATE notifications SET status = 'FAILED', last_error = $2 WHERE id = $1`
        : `UPDATE notifications SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
      retryInSeconds === null ? [id, error] : [id, error, retryInSeconds],
    );
  }

  /** The in-app inbox of a person (and of their role's unit, e.g. all supervisors), newest first. */
  async inbox(recipientIds: string[], limit = 100): Promise<NotificationRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifications WHERE channel = 'INBOX' AND recipient_id = ANY($1)
       ORDER BY created_at DESC, id LIMIT $2`,
      [recipientIds, limit],
    )) as RawRow[];
    return rows.map(toRow);
  }

  async acknowledge(id: string, recipientIds: string[], by: string): Promise<NotificationRow | null> {
    const rows = (await this.dataSource.query(
      `UPDATE notifications SET acknowledged_at = COALESCE(acknowledged_at, now()), acknowledged_by = COALESCE(acknowledged_by, $3)
       WHERE id = $1 AND channel = 'INBOX' AND recipient_id = ANY($2) RETURNING ${COLUMNS}`,
      [id, recipientIds, by],
    )) as RawRow[][];
    const row = rows[0]?.[0];
    return row ? toRow(row) : null;
  }

  /** Deliveries that failed for good or are still being retried after an error. */
  async failures(limit = 200): Promise<NotificationRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifications WHERE status = 'FAILED' OR (status = 'PENDING' AND last_error IS NOT NULL)
       ORDER BY created_at DESC LIMIT $1`,
      [limit],
    )) as RawRow[];
    return rows.map(toRow);
  }
}

interface RawRow {
  id: string;
  case_id: string;
  sequence: number;
  event_type: string;
  channel: string;
  recipient_id: string;
  town: string | null;
  title_zh: string;
  body_zh: string;
  payload: unknown;
  status: NotificationRow['status'];
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

function toRow(r: RawRow): NotificationRow {
  return {
    id: r.id,
    caseId: r.case_id,
    sequence: r.sequence,
    eventType: r.event_type,
    channel: r.channel,
    recipientId: r.recipient_id,
    town: r.town,
    titleZh: r.title_zh,
    bodyZh: r.body_zh,
    payload: r.payload,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at.toISOString(),
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    deliveredAt: r.delivered_at?.toISOString() ?? null,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: r.acknowledged_by,
  };
}
