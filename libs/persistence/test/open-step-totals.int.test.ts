import { DataSource } from 'typeorm';
import { createDataSource } from '../src';
import { dueCountsByDay, dueCountsLive } from '../src/supervision/supervision-queries';
import { seedSyntheticLoad } from '../src/supervision/synthetic-load';
import { createTestDatabase } from './test-database';

/** The trigger-kept totals must always equal a plain count of open_steps, whatever happens to its rows. */
describe('open_step_totals', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const totals = () =>
    dataSource.query(
      `SELECT town, step, category, open_steps AS n FROM open_step_totals WHERE open_steps > 0 ORDER BY 1, 2, 3`,
    );
  const counted = () =>
    dataSource.query(
      `SELECT town, step, category, count(*)::int AS n FROM open_steps GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );

  beforeAll(async () => {
    db = await createTestDatabase('open_step_totals');
    dataSource = await createDataSource(db.url).initialize();
    await seedSyntheticLoad((sql, params) => dataSource.query(sql, params), {
      cases: 5_000,
      asOf: new Date('2026-06-01T00:00:00Z'),
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('follow inserts, reassignments, moves to the next step and closures', async () => {
    expect((await totals()).length).toBeGreaterThan(50);
    expect(await totals()).toEqual(await counted());
    await dataSource.query(
      `UPDATE open_steps SET assignee_id = 'cw-b-post' WHERE case_id IN (SELECT case_id FROM open_steps LIMIT 300)`,
    );
    await dataSource.query(`UPDATE open_steps SET step = 'TOWN_REVIEW' WHERE step = 'INVESTIGATION'`);
    await dataSource.query(
      `DELETE FROM open_steps WHERE case_id IN (SELECT case_id FROM open_steps ORDER BY case_id LIMIT 700)`,
    );
    expect(await totals()).toEqual(await counted());
  });

  it('give the same overdue and due-soon counts per town and step as the running clocks themselves', async () => {
    const sorted = (rows: Array<{ key: string; overdue: number; due_soon: number }>) =>
      rows.filter((r) => r.overdue + r.due_soon > 0).sort((a, b) => a.key.localeCompare(b.key));
    const instants = [
      '2026-05-20T03:00:00Z',
      '2026-06-01T00:00:00Z',
      '2026-06-01T15:59:59.999Z',
      '2026-06-01T16:00:00Z',
    ];
    let compared = 0;
    for (const at of instants) {
      const asOf = new Date(at);
      for (const horizonDays of [1, 2, 30]) {
        const dueSoonBefore = new Date(asOf.getTime() + horizonDays * 86_400_000);
        for (const by of ['town', 'step'] as const) {
          for (const town of [undefined, '会城街道']) {
            const query = { by, asOf, dueSoonBefore, town };
            const fast = sorted(await dueCountsByDay(dataSource.manager, query));
            expect(fast).toEqual(sorted(await dueCountsLive(dataSource.manager, query)));
            compared += fast.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('are not written at all when only the reminder and 催办 counters move (no lock on a town total)', async () => {
    const versions = () =>
      dataSource.query(
        `SELECT xmin::text AS v FROM open_step_totals UNION ALL SELECT xmin::text FROM open_step_due_days ORDER BY 1`,
      );
    const before = await versions();
    await dataSource.query(`UPDATE open_steps SET reminders = reminders + 1, urges = urges + 1`);
    expect(await versions()).toEqual(before);
    expect(await totals()).toEqual(await counted());
  });

  it('start again from zero when a rebuild truncates open_steps', async () => {
    await dataSource.query('TRUNCATE open_steps');
    expect(await totals()).toEqual([]);
    expect(await dataSource.query('SELECT * FROM open_step_due_days')).toEqual([]);
  });
});
