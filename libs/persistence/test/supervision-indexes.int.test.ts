import type { DataSource, EntityManager } from 'typeorm';
import { createDataSource, findDueSteps, openCounts, overdueBoard, supervisionCounts } from '../src';
import { seedSyntheticLoad } from '../src/supervision/synthetic-load';
import { createTestDatabase } from './test-database';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The supervisor's queries, exactly as the API runs them, on enough synthetic rows (40,000 cases, 1%
 * overdue) that the planner's choice means something: EXPLAIN shows the pages are index range scans in
 * the requested order (no Seq Scan on open_steps, no Sort) and the overdue counts read only the index.
 */
describe('supervision queries use the indexes built for them', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const asOf = new Date('2024-06-14T04:00:00Z');
  const CASES = 40_000;

  beforeAll(async () => {
    db = await createTestDatabase('supervision_idx');
    dataSource = await createDataSource(db.url, { poolSize: 2 }).initialize();
    await seedSyntheticLoad((sql, params) => dataSource.query(sql, params), { cases: CASES, asOf });
    // VACUUM sets the visibility map (index-only scans), ANALYZE the statistics, as autovacuum would.
    await dataSource.query('VACUUM ANALYZE open_steps');
    await dataSource.query('VACUUM ANALYZE step_history');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  /** Runs `fn` with a manager whose queries are EXPLAINed instead of run; returns each plan. */
  async function explain(fn: (manager: EntityManager) => Promise<unknown>): Promise<PlanNode[]> {
    const plans: PlanNode[] = [];
    const manager = {
      query: async (sql: string, params?: unknown[]) => {
        const [row] = (await dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as Array<{
          'QUERY PLAN': Array<{ Plan: PlanNode }>;
        }>;
        plans.push(row!['QUERY PLAN'][0]!.Plan);
        return [];
      },
    } as unknown as EntityManager;
    await fn(manager).catch(() => undefined);
    return plans;
  }

  const seqScansOfOpenSteps = (plan: PlanNode) =>
    nodes(plan).filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'open_steps');
  const indexesUsed = (plan: PlanNode) =>
    nodes(plan)
      .map((n) => n['Index Name'])
      .filter(Boolean);

  it('pages the overdue list by a range scan of open_steps_running_due, in order, without sorting', async () => {
    const [plan] = await explain((m) => findDueSteps(m, { asOf, dueBefore: asOf, limit: 50 }));
    expect(seqScansOfOpenSteps(plan!)).toEqual([]);
    expect(indexesUsed(plan!)).toContain('open_steps_running_due');
    expect(nodes(plan!).some((n) => n['Node Type'] === 'Sort')).toBe(false);

    const page = await findDueSteps(dataSource.manager, { asOf, dueBefore: asOf, limit: 50 });
    const [next] = await explain((m) =>
      findDueSteps(m, { asOf, dueBefore: asOf, limit: 50, cursor: page.nextCursor }),
    );
    expect(seqScansOfOpenSteps(next!)).toEqual([]);
    expect(indexesUsed(next!)).toContain('open_steps_running_due');
    expect(nodes(next!).some((n) => n['Node Type'] === 'Sort')).toBe(false);
  });

  it('pages a town, a step or an assignee by its own index', async () => {
    const cases: Array<[Parameters<typeof findDueSteps>[1], string]> = [
      [{ asOf, dueBefore: asOf, town: '司前镇' }, 'open_steps_town_due_page'],
      [{ asOf, dueBefore: asOf, assigneeId: 'staff-042' }, 'open_steps_assignee_due_page'],
    ];
    for (const [query, index] of cases) {
      const [plan] = await explain((m) => findDueSteps(m, query));
      expect(seqScansOfOpenSteps(plan!)).toEqual([]);
      expect(indexesUsed(plan!)).toContain(index);
    }
    const [stepPlan] = await explain((m) =>
      findDueSteps(m, { asOf, dueBefore: asOf, step: 'INVESTIGATION' }),
    );
    expect(seqScansOfOpenSteps(stepPlan!)).toEqual([]);
    // The due-soon list: a bounded range of the same index.
    const horizon = new Date(asOf.getTime() + 3 * 86_400_000);
    const [soon] = await explain((m) => findDueSteps(m, { asOf, dueFrom: asOf, dueBefore: horizon }));
    expect(seqScansOfOpenSteps(soon!)).toEqual([]);
    expect(indexesUsed(soon!)).toContain('open_steps_running_due');
  });

  it('counts overdue and due-soon per town and the town × step board from the index alone', async () => {
    const horizon = new Date(asOf.getTime() + 3 * 86_400_000);
    // By town: both the open totals and the due-day totals are trigger-kept summaries; open_steps is not read.
    const byTown = await explain((m) => openCounts(m, { by: 'town', asOf, dueSoonBefore: horizon }));
    const relations = byTown.flatMap((plan) =>
      nodes(plan)
        .map((n) => n['Relation Name'])
        .filter(Boolean),
    );
    expect(relations).not.toContain('open_steps');
    expect(relations).toEqual(expect.arrayContaining(['open_step_totals', 'open_step_due_days']));
    // By assignee (or with a category/assignee filter) the due counts read the partial due index alone.
    const [, due] = await explain((m) => openCounts(m, { by: 'assignee', asOf, dueSoonBefore: horizon }));
    expect(seqScansOfOpenSteps(due!)).toEqual([]);
    expect(nodes(due!).find((n) => n['Index Name'] === 'open_steps_running_due')?.['Node Type']).toBe(
      'Index Only Scan',
    );
    const [board] = await explain((m) => overdueBoard(m, { asOf }));
    expect(nodes(board!).find((n) => n['Index Name'] === 'open_steps_running_due')?.['Node Type']).toBe(
      'Index Only Scan',
    );
  });

  it('takes 12-month on-time rates by town from the monthly summary and the edge months from the index alone', async () => {
    const plans = await explain((m) =>
      supervisionCounts(m, {
        by: 'town',
        asOf,
        dueSoonBefore: new Date(asOf.getTime() + 86_400_000),
        from: new Date(asOf.getTime() - 365 * 86_400_000),
        to: asOf,
      }),
    );
    const all = plans.flatMap(nodes);
    expect(all.map((n) => n['Relation Name']).filter(Boolean)).toContain('step_completion_months');
    const history = all.filter(
      (n) => n['Relation Name'] === 'step_history' || n['Index Name']?.startsWith('step_history'),
    );
    // The two partial months at the ends of the range: one index-only range scan each.
    expect(history.map((n) => [n['Node Type'], n['Index Name']])).toEqual([
      ['Index Only Scan', 'step_history_completed'],
      ['Index Only Scan', 'step_history_completed'],
    ]);
  });

  it('pages through every overdue step once, in the stable order, and the counts agree', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let previous = '';
    do {
      const page: Awaited<ReturnType<typeof findDueSteps>> = await findDueSteps(dataSource.manager, {
        asOf,
        dueBefore: asOf,
        limit: 73,
        cursor,
      });
      for (const item of page.items) {
        const key = `${item.effectiveDueAt}|${item.caseId}|${item.step}`;
        expect(key > previous).toBe(true);
        expect(Date.parse(item.effectiveDueAt)).toBeLessThan(asOf.getTime());
        expect(item.daysOverdue).toBeGreaterThan(0);
        previous = key;
        seen.push(item.caseId);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const [{ overdue }] = (await dataSource.query(
      'SELECT count(*)::int AS overdue FROM open_steps WHERE NOT clock_paused AND effective_due_at < $1',
      [asOf.toISOString()],
    )) as [{ overdue: number }];
    expect(seen.length).toBe(overdue);
    expect(overdue).toBeGreaterThan(CASES * 0.007);
    expect(overdue).toBeLessThan(CASES * 0.013);

    const counts = await supervisionCounts(dataSource.manager, {
      by: 'town',
      asOf,
      dueSoonBefore: new Date(asOf.getTime() + 86_400_000),
      from: new Date(asOf.getTime() - 365 * 86_400_000),
      to: asOf,
    });
    expect(counts).toHaveLength(20);
    expect(counts.reduce((sum, r) => sum + (r.overdue ?? 0), 0)).toBe(overdue);
    expect(counts.reduce((sum, r) => sum + (r.open ?? 0), 0)).toBe(CASES);
    for (const row of counts) {
      expect(row.onTimeRate).toBeGreaterThan(0.8);
      expect(row.onTimeRate).toBeLessThan(1);
    }
    const board = await overdueBoard(dataSource.manager, { asOf, town: '司前镇' });
    expect(board.reduce((sum, c) => sum + c.overdue, 0)).toBe(
      counts.find((r) => r.key === '司前镇')!.overdue,
    );
  });
});
