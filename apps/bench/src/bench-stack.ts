import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DEFAULT_NAMESPACE } from '../../../libs/config/src';
import {
  freePort,
  repoRoot,
  startEmbeddedPostgres,
  startProcess,
  startTemporalDevServer,
  waitFor,
  type ManagedProcess,
} from '../../../libs/devstack/src';
import { runMigrations } from '../../../libs/persistence/src';

export interface BenchStack {
  baseUrl: string;
  /** Activity attempts the worker logged as failed (each one retried after a back-off), and how many were deadlocks. */
  workerFailures(): { activities: number; deadlocks: number };
  databaseUrl: string;
  jwtSecret: string;
  temporal: Client;
  stop(): Promise<void>;
}

/**
 * The whole system as `npm start` runs it (Temporal dev server on SQLite, embedded PostgreSQL, migrations,
 * the compiled worker and API as processes), on free ports in a temporary data folder that is removed
 * afterwards, so a benchmark never touches `.data/` or another engineer's servers. `workerEnv` adds
 * bench-only settings to the worker's environment.
 */
export async function startBenchStack(opts: { workerEnv?: NodeJS.ProcessEnv } = {}): Promise<BenchStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-bench-'));
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to enter the folder.
  fs.chmodSync(dir, 0o755);
  const stops: Array<() => Promise<void>> = [async () => fs.rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const [temporalPort, postgresPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const [temporalServer, postgres] = await Promise.all([
      startTemporalDevServer({
        port: temporalPort,
        dbFile: path.join(dir, 'temporal', 'temporal.sqlite'),
        namespace: DEFAULT_NAMESPACE,
        output: 'ignore',
      }).then((t) => (stops.push(() => t.process.stop()), t)),
      startEmbeddedPostgres({
        dataDir: path.join(dir, 'postgres'),
        port: postgresPort,
        database: 'jiuzhu',
      }).then((p) => (stops.push(() => p.process.stop()), p)),
    ]);
    await runMigrations(postgres.url);
    const jwtSecret = randomBytes(32).toString('hex');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TEMPORAL_ADDRESS: temporalServer.address,
      TEMPORAL_NAMESPACE: temporalServer.namespace,
      DATABASE_URL: postgres.url,
      JWT_SECRET: jwtSecret,
      API_PORT: String(apiPort),
      API_HOST: '127.0.0.1',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    };
    const dist = path.join(repoRoot, 'dist', 'apps');
    const failures = { activities: 0, deadlocks: 0 };
    const processes: ManagedProcess[] = [
      startProcess('worker', process.execPath, [path.join(dist, 'worker', 'src', 'main.js')], {
        env: { ...env, ...opts.workerEnv },
        // Failed activity attempts are counted, not printed: each is retried, and their number (above all
        // deadlocks between concurrent appends) is part of the figures.
        output: 'ignore',
        onStdoutLine: (line) => {
          if (!line.includes('"Activity failed"')) return;
          failures.activities++;
          if (line.includes('"code":"40P01"')) failures.deadlocks++;
        },
      }),
      startProcess('api', process.execPath, [path.join(dist, 'api', 'src', 'main.js')], { env }),
    ];
    for (const p of processes) stops.push(() => p.stop(30_000));
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    await waitFor(
      `the API at ${baseUrl} to be ready`,
      async () => {
        for (const p of processes) {
          if (p.child.exitCode !== null) throw new Error(`${p.name} exited early:\n${p.lastErrors()}`);
        }
        return (await fetch(`${baseUrl}/health/ready`)).ok;
      },
      120_000,
    );
    const connection = await Connection.connect({ address: temporalServer.address });
    stops.push(() => connection.close());
    const temporal = new Client({ connection, namespace: temporalServer.namespace });
    return {
      baseUrl,
      workerFailures: () => ({ ...failures }),
      databaseUrl: postgres.url,
      jwtSecret,
      temporal,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
