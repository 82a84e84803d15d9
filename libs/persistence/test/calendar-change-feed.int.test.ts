import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CALENDAR_TRUST_MS, CalendarChangeFeed, CalendarStore, createDataSource } from '../src';
import { createTestDatabase } from './test-database';

const admin = { id: 'admin-1', name: '李管理', role: 'ADMINISTRATOR' };
const closure = (date: string) => ({
  entry: { date, kind: 'closure', name: '台风停工' },
  reason: '台风红色预警，全区停工（测试数据）',
  actor: admin,
});

/**
 * Issue 13: a worker keeps its calendar until PostgreSQL announces a change (LISTEN/NOTIFY), instead of
 * asking before every deadline; while it cannot listen it asks every time, and it never misses a change.
 */
describe('calendar change feed on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let feed: CalendarChangeFeed;
  let worker: CalendarStore;
  let bureau: CalendarStore;
  const queries: string[] = [];
  const versionChecks = () => queries.filter((q) => q.includes('max(id)')).length;
  const until = async (what: string, ok: () => boolean) => {
    for (const started = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 20)))
      if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    db = await createTestDatabase('calendar_feed');
    dataSource = await createDataSource(db.url).initialize();
    const query = dataSource.query.bind(dataSource);
    dataSource.query = ((sql: string, params?: unknown[]) => {
      queries.push(sql);
      return query(sql, params);
    }) as DataSource['query'];
    feed = new CalendarChangeFeed(db.url);
    await feed.start();
    worker = new CalendarStore(dataSource, feed);
    bureau = new CalendarStore(await createDataSource(db.url).initialize());
  });
  afterAll(async () => {
    await feed?.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('asks once, then not again until a change is announced, and then sees it', async () => {
    expect(feed.live).toBe(true);
    await worker.calendar();
    const checks = versionChecks();
    for (let i = 0; i < 5; i++) await worker.calendar();
    expect(versionChecks()).toBe(checks);

    const heard = feed.generation;
    await bureau.recordEntry(closure('2026-07-15'));
    await until('the announcement', () => feed.generation > heard);
    expect((await worker.calendar()).isWorkingDay('2026-07-15')).toBe(false);
    expect(versionChecks()).toBe(checks + 1);
  });

  it('a recount after a change always asks, and a silent feed is trusted for a bounded time only', async () => {
    await worker.calendar();
    let checks = versionChecks();
    await worker.calendar();
    expect(versionChecks()).toBe(checks);
    await worker.calendar({ fresh: true });
    expect(versionChecks()).toBe(checks + 1);
    // Announcements lost on the way (e.g. a transaction-pooling proxy) cost at most CALENDAR_TRUST_MS.
    checks = versionChecks();
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + CALENDAR_TRUST_MS + 1);
    try {
      await worker.calendar();
      await worker.calendar();
    } finally {
      clock.mockRestore();
    }
    expect(versionChecks()).toBe(checks + 1);
  });

  it('asks every time while it cannot listen, and misses no change made meanwhile', async () => {
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'jiuzhu-calendar-feed'",
      );
      await until('the feed to notice', () => !feed.live);
      const checks = versionChecks();
      await bureau.recordEntry(closure('2026-07-16'));
      expect((await worker.calendar()).isWorkingDay('2026-07-16')).toBe(false);
      await worker.calendar();
      expect(versionChecks()).toBe(checks + 2);

      await until('the feed to listen again', () => feed.live);
      const heard = feed.generation;
      await bureau.recordEntry(closure('2026-07-17'));
      await until('the announcement', () => feed.generation > heard);
      expect((await worker.calendar()).isWorkingDay('2026-07-17')).toBe(false);
    } finally {
      await admin.end();
    }
  });
});
