import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { freePort, startEmbeddedPostgres } from '../../devstack/src';
import {
  appendAccessLog,
  createDataSource,
  queryAccessLog,
  runMigrations,
  type AccessLogEntry,
} from '../src';

/**
 * `npm run bench:access-log`: the access log's two questions at a million entries.
 *
 * Seeds BENCH_ENTRIES (default 1,000,000) reads over one year by 2,000 staff of 100,000 cases, then runs,
 * from BENCH_CLIENTS (4) concurrent clients, the page of 100 newest entries by person, by person in one
 * month, by person on a later page (cursor), by case, and by time alone, exactly as GET /access-log calls
 * them; prints p50/p95/p99. Also times the batched writer's INSERT (500 entries per statement).
 *
 * PostgreSQL: embedded (started here in a temporary directory, removed afterwards), or a fresh database
 * on the server of DATABASE_URL, dropped afterwards.
 */
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 1_000);
const STAFF = 2_000;
const CASES = 100_000;
const END = new Date('2025-01-01T00:00:00+08:00');
const YEAR_MS = 365 * 86_400_000;

async function main() {
  const started = performance.now();
  const { url, stop } = await database();
  try {
    await runMigrations(url);
    const seedStart = performance.now();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      // Reads spread evenly over the year, whole milliseconds like the API writes them.
      await client.query(
        `INSERT INTO access_log (read_at, staff_id, staff_name, role, town, case_id, endpoint)
         SELECT $1::timestamptz - make_interval(secs => round(((g * 7919) % $2)::numeric / $2 * $3) / 1000.0),
                'staff-' || lpad((g % ${STAFF})::text, 4, '0'), '经办人' || (g % ${STAFF}),
                CASE WHEN g % 10 = 0 THEN 'SUPERVISOR' ELSE 'CASEWORKER' END,
                CASE WHEN g % 10 = 0 THEN NULL ELSE '镇街' || (g % 20) END,
                'JZ-' || lpad(((g * 31) % ${CASES})::text, 8, '0'),
                (ARRAY['GET /cases/:caseId', 'GET /cases/:caseId/events', 'GET /cases/:caseId/timeline',
                       'GET /cases', 'GET /supervision/cases/:caseId/timeline'])[1 + g % 5]
         FROM generate_series(1::bigint, $2::bigint) AS g`,
        [END.toISOString(), ENTRIES, YEAR_MS],
      );
      await client.query('VACUUM ANALYZE access_log');
      const { rows } = await client.query(
        `SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('access_log')) AS size FROM access_log`,
      );
      console.log(
        `seeded ${fmt(rows[0].n)} entries (${rows[0].size} with indexes) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
      );
    } finally {
      await client.end();
    }

    const dataSource = await createDataSource(url, {
      applicationName: 'jiuzhu-bench',
      poolSize: CLIENTS,
    }).initialize();
    try {
      const m = dataSource.manager;
      const pick = (n: number) => Math.floor(Math.random() * n);
      const staff = () => `staff-${String(pick(STAFF)).padStart(4, '0')}`;
      const caseId = () => `JZ-${String(pick(CASES)).padStart(8, '0')}`;
      const monthStart = () => new Date(END.getTime() - YEAR_MS + pick(11) * 30 * 86_400_000);
      const cursorPages: Array<{ staffId: string; cursor: string }> = [];
      for (let i = 0; i < 200; i++) {
        const staffId = staff();
        const page = await queryAccessLog(m, { staffId, limit: 100 });
        if (page.nextCursor) cursorPages.push({ staffId, cursor: page.nextCursor });
      }
      const results = [
        await measure('by person, newest 100', () => queryAccessLog(m, { staffId: staff(), limit: 100 })),
        await measure('by person, one month', () => {
          const from = monthStart();
          return queryAccessLog(m, {
            staffId: staff(),
            from,
            to: new Date(from.getTime() + 30 * 86_400_000),
            limit: 100,
          });
        }),
        await measure('by case, newest 100', () => queryAccessLog(m, { caseId: caseId(), limit: 100 })),
        await measure('by time, one day', () => {
          const from = new Date(END.getTime() - pick(360) * 86_400_000);
          return queryAccessLog(m, { from, to: new Date(from.getTime() + 86_400_000), limit: 100 });
        }),
      ];
      // Only where people have read more than a page (always at the default size).
      if (cursorPages.length) {
        results.push(
          await measure('by person, next page (cursor)', () => {
            const { staffId, cursor } = cursorPages[pick(cursorPages.length)]!;
            return queryAccessLog(m, { staffId, cursor, limit: 100 });
          }),
        );
      }
      const batch: AccessLogEntry[] = Array.from({ length: 500 }, (_, i) => ({
        readAt: new Date(),
        staffId: staff(),
        staffName: '经办人',
        role: 'CASEWORKER',
        town: '镇街1',
        caseId: `JZ-${String(i).padStart(8, '0')}`,
        endpoint: 'GET /cases/:caseId',
      }));
      const writes = await measure('write: one batch of 500 entries', () => appendAccessLog(m, batch), 100);

      console.log(
        `\n${CLIENTS} concurrent clients, ${fmt(ENTRIES)} entries; milliseconds per query (page of 100)`,
      );
      console.log('query                                  n     p50     p95     p99     max');
      for (const r of [...results, writes]) {
        console.log(
          `${r.name.padEnd(34)} ${String(r.n).padStart(6)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)}`,
        );
      }
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await stop();
    console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

interface Result {
  name: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** `iterations` calls shared by CLIENTS concurrent loops, after a warm-up of one call per client. */
async function measure(name: string, run: () => Promise<unknown>, iterations = ITERATIONS): Promise<Result> {
  await Promise.all(Array.from({ length: CLIENTS }, () => run()));
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next++ < iterations) {
        const t = performance.now();
        await run();
        times.push(performance.now() - t);
      }
    }),
  );
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { name, n: times.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: times[times.length - 1]! };
}

async function database(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const name = `bench_access_log_${randomBytes(4).toString('hex')}`;
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
  const pg = await startEmbeddedPostgres({
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

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => n.toFixed(2).padStart(7);

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
