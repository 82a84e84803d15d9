import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '../../devstack/src';
import { createDataSource, findDueSteps, openCounts, runMigrations, supervisionCounts } from '../src';
import { SYNTHETIC_TOWNS, seedSyntheticLoad } from '../src/supervision/synthetic-load';

/**
 * `npm run bench:supervision`: the supervisor's two hot queries at district scale.
 *
 * Seeds BENCH_CASES (default 1,000,000) cases with their open steps (~1% overdue, 20 towns, 13 steps,
 * 500 assignees) and one completed step each in step_history, then runs, from BENCH_CLIENTS (4)
 * concurrent clients, the overdue list (a page of 50: first page, a town, an assignee, a later page by
 * cursor), the per-town counts (open, overdue, due soon) and the same counts with the 12-month on-time
 * rates (the supervisor's counts page), exactly as the API calls them, and prints p50/p95/p99 with the
 * machine's load average. Targets: page p95 ≤ 10 ms, counts p95 ≤ 100 ms, counts with rates p95 ≤ 100 ms.
 *
 * PostgreSQL: embedded (started here, in a temporary directory, removed afterwards), or a fresh
 * database created on the server of DATABASE_URL and dropped afterwards.
 */
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const PAGE_ITERATIONS = Number(process.env.BENCH_PAGE_ITERATIONS ?? 2_000);
const COUNT_ITERATIONS = Number(process.env.BENCH_COUNT_ITERATIONS ?? 200);
const AS_OF = new Date('2024-06-14T04:00:00Z');
/** Share of cases still open (default 1: every case has an open step, the worst case for counts). */
const OPEN_FRACTION = Number(process.env.BENCH_OPEN_FRACTION ?? 1);

async function main() {
  const started = performance.now();
  const { url, stop } = await database();
  try {
    console.log(`database ready; migrating`);
    await runMigrations(url);
    const seedStart = performance.now();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('SET maintenance_work_mem = "256MB"');
      await seedSyntheticLoad((sql, params) => client.query(sql, params as unknown[]), {
        cases: CASES,
        asOf: AS_OF,
        openFraction: OPEN_FRACTION,
      });
      await client.query('VACUUM ANALYZE cases');
      await client.query('VACUUM ANALYZE open_steps');
      await client.query('VACUUM ANALYZE step_history');
      const [sizes] = (
        await client.query(
          `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM open_steps)::int AS open_steps,
             (SELECT count(*) FROM open_steps WHERE NOT clock_paused AND effective_due_at < $1)::int AS overdue,
             (SELECT count(*) FROM step_history)::int AS history`,
          [AS_OF.toISOString()],
        )
      ).rows as Array<Record<string, number>>;
      console.log(
        `seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s: ${fmt(sizes!.cases!)} cases, ` +
          `${fmt(sizes!.open_steps!)} open steps (${fmt(sizes!.overdue!)} overdue), ${fmt(sizes!.history!)} completed steps`,
      );
    } finally {
      await client.end();
    }

    const dataSource = await createDataSource(url, {
      applicationName: 'jiuzhu-bench',
      poolSize: CLIENTS,
    }).initialize();
    try {
      const cursors = await laterPageCursors(dataSource);
      const assignees = Array.from({ length: 500 }, (_, i) => `staff-${String(i).padStart(3, '0')}`);
      const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
      const dueSoonBefore = new Date(AS_OF.getTime() + 2 * 86_400_000);

      const variants = {
        first: () => findDueSteps(dataSource.manager, { asOf: AS_OF, dueBefore: AS_OF, limit: 50 }),
        town: () =>
          findDueSteps(dataSource.manager, {
            asOf: AS_OF,
            dueBefore: AS_OF,
            limit: 50,
            town: pick(SYNTHETIC_TOWNS),
          }),
        assignee: () =>
          findDueSteps(dataSource.manager, {
            asOf: AS_OF,
            dueBefore: AS_OF,
            limit: 50,
            assigneeId: pick(assignees),
          }),
        cursor: () =>
          findDueSteps(dataSource.manager, {
            asOf: AS_OF,
            dueBefore: AS_OF,
            limit: 50,
            cursor: pick(cursors),
          }),
      };
      const names = Object.keys(variants) as Array<keyof typeof variants>;
      const perVariant: Result[] = [];
      for (const name of names) {
        let rows = 0;
        perVariant.push(
          await measure(`  overdue page: ${name}`, Math.ceil(PAGE_ITERATIONS / names.length), async () => {
            const returned = (await variants[name]()).items.length;
            rows += returned;
          }),
        );
        perVariant[perVariant.length - 1]!.name +=
          ` (~${Math.round(rows / (Math.ceil(PAGE_ITERATIONS / names.length) + CLIENTS))} rows)`;
      }
      const page = combine('overdue page (50), all kinds', perVariant);
      const counts = await measure('per-town counts', COUNT_ITERATIONS, () =>
        openCounts(dataSource.manager, { by: 'town', asOf: AS_OF, dueSoonBefore }),
      );
      const twelveMonths = {
        by: 'town',
        asOf: AS_OF,
        dueSoonBefore,
        from: new Date(AS_OF.getTime() - 365 * 86_400_000),
        to: AS_OF,
      } as const;
      const withRates = await measure('per-town counts + 12-month on-time rates', COUNT_ITERATIONS, () =>
        supervisionCounts(dataSource.manager, twelveMonths),
      );

      console.log(`\n${CLIENTS} concurrent clients, ${fmt(CASES)} cases; milliseconds per query`);
      console.log('query                                        n     p50     p95     p99     max');
      for (const r of [page, ...perVariant, counts, withRates]) {
        console.log(
          `${r.name.padEnd(40)} ${String(r.n).padStart(6)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)}  ${r.load}`,
        );
      }
      console.log('\ndatabase execution + planning time (EXPLAIN ANALYZE, one client, median of 21):');
      const server: Array<[string, (m: EntityManager) => Promise<unknown>]> = [
        ['overdue page: first', (m) => findDueSteps(m, { asOf: AS_OF, dueBefore: AS_OF, limit: 50 })],
        [
          'overdue page: town',
          (m) => findDueSteps(m, { asOf: AS_OF, dueBefore: AS_OF, limit: 50, town: SYNTHETIC_TOWNS[3] }),
        ],
        [
          'overdue page: cursor',
          (m) => findDueSteps(m, { asOf: AS_OF, dueBefore: AS_OF, limit: 50, cursor: cursors[10] }),
        ],
        ['per-town counts', (m) => openCounts(m, { by: 'town', asOf: AS_OF, dueSoonBefore })],
        ['per-town counts + 12-month rates', (m) => supervisionCounts(m, twelveMonths)],
      ];
      for (const [label, run] of server)
        console.log(`  ${label.padEnd(38)} ${ms(await serverTime(dataSource, run))}`);
      const verdict = (label: string, value: number, target: number) =>
        `${label} p95 ${value.toFixed(2)} ms ${value <= target ? '≤' : '>'} ${target} ms: ${value <= target ? 'OK' : 'MISSED'}`;
      console.log(
        [
          '',
          verdict('page', page.p95, 10),
          verdict('counts', counts.p95, 100),
          verdict('counts + 12-month rates', withRates.p95, 100),
        ].join('\n'),
      );
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await stop();
    console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** Cursors that start pages deep in the overdue list (page 2 to ~page 150). */
async function laterPageCursors(dataSource: DataSource): Promise<string[]> {
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 150; i++) {
    const page: Awaited<ReturnType<typeof findDueSteps>> = await findDueSteps(dataSource.manager, {
      asOf: AS_OF,
      dueBefore: AS_OF,
      limit: 50,
      cursor,
    });
    if (!page.nextCursor) break;
    cursors.push(page.nextCursor);
    cursor = page.nextCursor;
  }
  return cursors;
}

interface Result {
  name: string;
  /** The machine's load average when the measurement ended (the machine may be shared). */
  load: string;
  n: number;
  times: number[];
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** `iterations` calls shared by CLIENTS concurrent loops, after a warm-up of one call per client. */
async function measure(
  name: string,
  iterations: number,
  run: (i: number) => Promise<unknown>,
): Promise<Result> {
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => run(i)));
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < iterations) {
        const i = next++;
        const t = performance.now();
        await run(i);
        times.push(performance.now() - t);
      }
    }),
  );
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return {
    name,
    load: loadAverage(),
    n: times.length,
    times,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: times[times.length - 1]!,
  };
}

function combine(name: string, results: Result[]): Result {
  const times = results.flatMap((r) => r.times).sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return {
    name,
    load: loadAverage(),
    n: times.length,
    times,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: times[times.length - 1]!,
  };
}

/** Server-side execution time (EXPLAIN ANALYZE), median of 21 runs: the database's share of the latency. */
async function serverTime(
  dataSource: DataSource,
  run: (manager: EntityManager) => Promise<unknown>,
): Promise<number> {
  const samples: number[] = [];
  const manager = {
    query: async (sql: string, params?: unknown[]) => {
      const plan = (await dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)) as Array<{
        'QUERY PLAN': Array<{ 'Execution Time': number; 'Planning Time': number }>;
      }>;
      const top = plan[0]!['QUERY PLAN'][0]!;
      samples.push(top['Execution Time'] + top['Planning Time']);
      return [];
    },
  } as unknown as EntityManager;
  const perCall: number[] = [];
  for (let i = 0; i < 21; i++) {
    samples.length = 0;
    await run(manager).catch(() => undefined);
    perCall.push(samples.reduce((a, b) => a + b, 0));
  }
  return perCall.sort((a, b) => a - b)[10]!;
}

async function database(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const name = `bench_supervision_${randomBytes(4).toString('hex')}`;
    await admin(given, `CREATE DATABASE "${name}"`);
    const url = new URL(given);
    url.pathname = `/${name}`;
    console.log(`using a fresh database ${name} on the DATABASE_URL server`);
    return {
      url: url.toString(),
      stop: () => admin(given, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-bench-pg-'));
  // As root, the server runs as the `postgres` system user, which must be able to enter the directory.
  fs.chmodSync(dir, 0o755);
  console.log(`starting embedded PostgreSQL in ${dir}`);
  const pg: RunningPostgres = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'data'),
    port: await freePort(),
    database: 'jiuzhu_bench',
  });
  return {
    url: pg.url,
    stop: async () => {
      await pg.process.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function loadAverage(): string {
  return `load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => n.toFixed(2).padStart(7);

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
