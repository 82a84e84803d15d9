import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_NAMESPACE } from '../../config/src';
import { dataDir, ensureTestServer, freePort, startEmbeddedPostgres, startTemporalDevServer } from '../src';
import { runMigrations } from '../../persistence/src';
import type { TestStack } from './stack';

/**
 * Provisions the real components the integration and e2e projects share, on free ports and a throw-away
 * data folder, so tests never touch the `npm start` stack: embedded PostgreSQL (migrated), a Temporal dev
 * server (in memory, headless), and the path of the Java time-skipping test server for
 * TestWorkflowEnvironment.createTimeSkipping. Test files read them from the environment.
 */
export default async function globalSetup(): Promise<void> {
  const holder = globalThis as { __jiuzhuTestStack?: TestStack };
  if (holder.__jiuzhuTestStack) return; // both projects name this set-up; provision once
  const started = Date.now();

  const testServer = ensureTestServer();
  const pgDir = path.join(dataDir, 'test', `postgres-${process.pid}`);
  fs.rmSync(pgDir, { recursive: true, force: true });
  const [postgres, temporal] = await Promise.all([
    freePort().then((port) => startEmbeddedPostgres({ dataDir: pgDir, port, database: 'jiuzhu_test' })),
    freePort().then((port) =>
      startTemporalDevServer({ port, namespace: DEFAULT_NAMESPACE, output: 'ignore' }),
    ),
  ]);
  await runMigrations(postgres.url);

  holder.__jiuzhuTestStack = { postgres, temporal, pgDir };
  Object.assign(process.env, {
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TEST_SERVER_PATH: testServer,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
  });
  process.stdout.write(
    `\ntest stack ready in ${Date.now() - started} ms (PostgreSQL ${postgres.url}, Temporal ${temporal.address})\n`,
  );
}
