import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import {
  EventStore,
  NotificationOutboxProjector,
  NotificationStore,
  createDataSource,
  type NewEvent,
} from '../../../libs/persistence/src';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { NotificationDispatcher, webhookChannel } from '../src/notifications/dispatcher';

const system = { id: 'system', role: 'SYSTEM' };
const assignee = { id: 'cw-li', role: 'CASEWORKER' };
const at = (minute: number) => new Date(Date.UTC(2025, 9, 17, 1, minute)).toISOString();
const reminderEvents: NewEvent[] = [
  {
    type: 'ReminderIssued',
    actor: system,
    at: at(0),
    data: { step: 'INVESTIGATION', kind: 'OVERDUE', assignee },
  },
  {
    type: 'UrgeIssued',
    actor: system,
    at: at(0),
    data: { step: 'INVESTIGATION', assignee, countForStep: 1, countForAssignee: 3 },
  },
  {
    type: 'EscalatedToSupervisor',
    actor: system,
    at: at(0),
    data: { step: 'INVESTIGATION', assignee, town: '会城街道', countForStep: 1 },
  },
  { type: 'StepOpened', actor: system, at: at(1), data: { step: 'TOWN_REVIEW' } },
];

describe('notification outbox and delivery', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let store: NotificationStore;
  let server: http.Server;
  let url: string;
  const received: Array<{ key: string; body: { title: string } }> = [];
  let failuresToServe = 0;

  beforeAll(async () => {
    db = await createTestDatabase('notifications');
    dataSource = await createDataSource(db.url).initialize();
    store = new NotificationStore(dataSource);
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/down' || failuresToServe-- > 0) {
          res.writeHead(503).end();
          return;
        }
        received.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('queues one row per reminder and channel in the append transaction, never twice on a retried append', async () => {
    const events = new EventStore(dataSource, [new NotificationOutboxProjector(['INBOX', 'WEBHOOK'])]);
    await events.append('case-n1', 1, reminderEvents);
    await events.append('case-n1', 1, reminderEvents); // a retried activity
    const rows = await dataSource.query(
      `SELECT channel, recipient_id, status, title_zh FROM notifications ORDER BY sequence, channel`,
    );
    expect(rows).toHaveLength(6); // 3 notifiable events × 2 channels; StepOpened notifies nobody
    expect(
      rows
        .filter((r: { channel: string }) => r.channel === 'INBOX')
        .every((r: { status: string }) => r.status === 'DELIVERED'),
    ).toBe(true);
    expect(
      rows.find((r: { recipient_id: string }) => r.recipient_id === 'role:SUPERVISOR').title_zh,
    ).toContain('督办');
    expect(rows[2].title_zh).toContain('催办');
  });

  it('delivers webhooks with retries and back-off, the same idempotency key each time', async () => {
    failuresToServe = 2;
    const dispatcher = new NotificationDispatcher(store, {
      channels: { WEBHOOK: webhookChannel(url) },
      baseBackoffSeconds: 0,
      maxAttempts: 5,
    });
    for (let i = 0; i < 5 && (await dispatcher.drain()) > 0; i++);
    const webhookRows = await dataSource.query(
      `SELECT id, status, attempts FROM notifications WHERE channel = 'WEBHOOK' ORDER BY id`,
    );
    expect(webhookRows.every((r: { status: string }) => r.status === 'DELIVERED')).toBe(true);
    expect(received.map((r) => r.key).sort()).toEqual(webhookRows.map((r: { id: string }) => r.id).sort());
    expect(webhookRows.reduce((sum: number, r: { attempts: number }) => sum + r.attempts, 0)).toBe(3 + 2);
    expect(await dispatcher.drain()).toBe(0); // nothing is sent twice
  });

  it('makes a gateway that stays down visible as FAILED after the last attempt', async () => {
    const events = new EventStore(dataSource, [new NotificationOutboxProjector(['WEBHOOK'])]);
    await events.append('case-n2', 1, reminderEvents.slice(0, 1));
    const errors: string[] = [];
    const dispatcher = new NotificationDispatcher(store, {
      channels: { WEBHOOK: webhookChannel(`${url}/down`) },
      baseBackoffSeconds: 0,
      maxAttempts: 3,
      onError: (_n, e, final) => errors.push(`${final}:${e}`),
    });
    for (let i = 0; i < 5; i++) await dispatcher.drain();
    const failures = await store.failures();
    expect(failures.map((f) => [f.caseId, f.status, f.attempts])).toEqual([['case-n2', 'FAILED', 3]]);
    expect(failures[0]!.lastError).toContain('503');
    expect(errors).toEqual([
      'false:webhook answered 503 Service Unavailable',
      'false:webhook answered 503 Service Unavailable',
      'true:webhook answered 503 Service Unavailable',
    ]);
  });

  it('serves the inbox per person and unit, and records acknowledgement once', async () => {
    const inbox = await store.inbox(['cw-li', 'role:CASEWORKER']);
    expect(inbox.map((n) => n.eventType)).toEqual(expect.arrayContaining(['ReminderIssued', 'UrgeIssued']));
    const first = await store.acknowledge(inbox[0]!.id, ['cw-li'], 'cw-li');
    expect(first?.acknowledgedBy).toBe('cw-li');
    expect(await store.acknowledge(inbox[0]!.id, ['cw-wang'], 'cw-wang')).toBeNull(); // not theirs
  });
});
