import { DataSource } from 'typeorm';
import { createDataSource } from '../src';
import {
  completionCounts,
  completionCountsLive,
  completionSegments,
  type CountDimension,
} from '../src/supervision/supervision-queries';
import { seedSyntheticLoad } from '../src/supervision/synthetic-load';
import { createTestDatabase } from './test-database';

/**
 * The trigger-kept completion summaries (by month and by day) must always equal a plain count of
 * step_history, and the on-time rates read through them must equal those counted from step_history
 * alone, for any range.
 */
describe('step_completion_months and step_completion_days', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const SUMMARIES = [
    { table: 'step_completion_months', period: 'month', keys: 'town, step, category' },
    { table: 'step_completion_days', period: 'day', keys: 'town, step' },
  ] as const;
  const summary = (s: (typeof SUMMARIES)[number]) =>
    dataSource.query(
      `SELECT to_char(${s.period}, 'YYYY-MM-DD') AS period, ${s.keys}, completed, on_time, late
       FROM ${s.table} WHERE completed > 0 ORDER BY 1, ${s.keys}`,
    );
  const counted = (s: (typeof SUMMARIES)[number]) =>
    dataSource.query(
      `SELECT to_char(date_trunc('${s.period}', completed_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS period,
         ${s.keys}, count(*)::int AS completed, count(*) FILTER (WHERE on_time)::int AS on_time,
         count(*) FILTER (WHERE on_time = false)::int AS late
       FROM step_history WHERE outcome NOT IN ('WITHDRAWN', 'TERMINATED', 'CANCELLED_FOR_FRAUD')
       GROUP BY 1, ${s.keys} ORDER BY 1, ${s.keys}`,
    );
  const expectSummariesEqualCounts = async () => {
    for (const s of SUMMARIES) expect(await summary(s)).toEqual(await counted(s));
  };

  beforeAll(async () => {
    db = await createTestDatabase('step_completion_totals');
    dataSource = await createDataSource(db.url).initialize();
    await seedSyntheticLoad((sql, params) => dataSource.query(sql, params), {
      cases: 4_000,
      historyPerCase: 2,
      asOf: new Date('2026-06-14T04:00:00Z'),
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('follows inserts, withdrawals, corrections, moves across months and deletions', async () => {
    expect((await summary(SUMMARIES[0])).length).toBeGreaterThan(500);
    expect((await summary(SUMMARIES[1])).length).toBeGreaterThan(500);
    await expectSummariesEqualCounts();
    await dataSource.query(
      `UPDATE step_history SET outcome = 'WITHDRAWN' WHERE case_id IN (SELECT case_id FROM step_history LIMIT 300)`,
    );
    await dataSource.query(
      `UPDATE step_history SET on_time = NULL WHERE sequence = 2 AND case_id < 'C00000500'`,
    );
    await dataSource.query(`UPDATE step_history SET town = '大泽镇' WHERE town = '会城街道'`);
    // Half a day later: some completions move into the next Shanghai month.
    await dataSource.query(
      `UPDATE step_history SET completed_at = completed_at + interval '12 hours' WHERE case_id LIKE '%7'`,
    );
    await dataSource.query(
      `DELETE FROM step_history WHERE case_id IN (SELECT case_id FROM step_history LIMIT 500)`,
    );
    await dataSource.query(
      `INSERT INTO step_history (case_id, sequence, step, town, category, assignee_id, completed_by, opened_at,
         completed_at, outcome, on_time)
       SELECT case_id, sequence + 100, step, town, category, assignee_id, completed_by, opened_at,
         completed_at - interval '40 days', outcome, NOT on_time FROM step_history WHERE sequence = 1`,
    );
    await expectSummariesEqualCounts();
  });

  it('gives the same counts and on-time rates as step_history itself, for any range and filter', async () => {
    const sorted = (rows: Awaited<ReturnType<typeof completionCountsLive>>) =>
      [...rows].sort((a, b) => a.key.localeCompare(b.key));
    const ranges: Array<[string, string]> = [
      ['2025-06-14T04:00:00Z', '2026-06-14T04:00:00Z'], // the supervisor's 12 months
      ['2025-05-31T16:00:00Z', '2026-05-31T16:00:00Z'], // exactly whole Shanghai months
      ['2025-05-31T15:59:59.999Z', '2026-05-31T16:00:00.001Z'], // one millisecond either side
      ['2026-01-10T00:00:00Z', '2026-02-20T00:00:00Z'], // one whole month
      ['2026-03-02T00:00:00Z', '2026-03-20T00:00:00Z'], // within one month
      ['2024-01-01T00:00:00Z', '2027-01-01T00:00:00Z'], // beyond the data
      ['2026-03-02T08:00:00Z', '2026-03-04T08:00:00Z'], // whole day between two partial ones
      ['2026-03-02T08:00:00Z', '2026-03-02T08:00:00Z'], // empty
    ];
    let compared = 0;
    for (const [from, to] of ranges) {
      for (const by of ['town', 'step', 'month'] as CountDimension[]) {
        for (const filter of [
          {},
          { town: '大泽镇' },
          { step: 'INVESTIGATION' as const },
          { category: 'LOW_INCOME' as const },
        ]) {
          const query = { by, from: new Date(from), to: new Date(to), ...filter };
          const fast = sorted(await completionCounts(dataSource.manager, query));
          expect(fast).toEqual(sorted(await completionCountsLive(dataSource.manager, query)));
          compared += fast.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('cuts a range into whole Shanghai months, whole days and the rest', () => {
    const cut = (from: string, to: string, days = true) =>
      completionSegments(new Date(from), new Date(to), { days }).map((s) => [
        s.source,
        s.from.toISOString(),
        s.to.toISOString(),
      ]);
    expect(cut('2025-06-14T04:00:00.000Z', '2026-06-14T04:00:00.000Z')).toEqual([
      ['history', '2025-06-14T04:00:00.000Z', '2025-06-14T16:00:00.000Z'],
      ['days', '2025-06-14T16:00:00.000Z', '2025-06-30T16:00:00.000Z'],
      ['months', '2025-06-30T16:00:00.000Z', '2026-05-31T16:00:00.000Z'],
      ['days', '2026-05-31T16:00:00.000Z', '2026-06-13T16:00:00.000Z'],
      ['history', '2026-06-13T16:00:00.000Z', '2026-06-14T04:00:00.000Z'],
    ]);
    expect(cut('2025-06-14T04:00:00.000Z', '2026-06-14T04:00:00.000Z', false)).toEqual([
      ['history', '2025-06-14T04:00:00.000Z', '2025-06-30T16:00:00.000Z'],
      ['months', '2025-06-30T16:00:00.000Z', '2026-05-31T16:00:00.000Z'],
      ['history', '2026-05-31T16:00:00.000Z', '2026-06-14T04:00:00.000Z'],
    ]);
    expect(cut('2025-12-31T16:00:00.000Z', '2026-01-31T16:00:00.000Z')).toEqual([
      ['months', '2025-12-31T16:00:00.000Z', '2026-01-31T16:00:00.000Z'],
    ]);
    expect(cut('2026-03-02T00:00:00.000Z', '2026-03-02T08:00:00.000Z')).toEqual([
      ['history', '2026-03-02T00:00:00.000Z', '2026-03-02T08:00:00.000Z'],
    ]);
    expect(cut('2026-03-02T08:00:00.000Z', '2026-03-02T08:00:00.000Z')).toEqual([]);
  });

  it('starts again from zero when a rebuild truncates step_history', async () => {
    await dataSource.query('TRUNCATE step_history');
    for (const s of SUMMARIES) expect(await dataSource.query(`SELECT * FROM ${s.table}`)).toEqual([]);
  });
});
