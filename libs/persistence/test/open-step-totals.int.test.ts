import { DataSource } from 'typeorm';
import { createDataSource } from '../src';
import { seedSyntheticLoad } from '../src/supervision/synthetic-load';
import { createTestDatabase } from './test-database';

/** The trigger-kept totals must always equal a plain count of open_steps, whatever happens to its rows. */
describe('open_step_totals', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const totals = () =>
    dataSource.query(
      `SELECT town, step, category, assignee_id, open_steps AS n FROM open_step_totals WHERE open_steps > 0
       ORDER BY 1, 2, 3, 4`,
    );
  const counted = () =>
    dataSource.query(
      `SELECT town, step, category, assignee_id, count(*)::int AS n FROM open_steps GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
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
    expect((await totals()).length).toBeGreaterThan(100);
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

  it('start again from zero when a rebuild truncates open_steps', async () => {
    await dataSource.query('TRUNCATE open_steps');
    expect(await totals()).toEqual([]);
  });
});
