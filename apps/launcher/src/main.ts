import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_NAMESPACE, createLogger } from '../../../libs/config/src';
import {
  canConnect,
  dataDir,
  repoRoot,
  startEmbeddedPostgres,
  startProcess,
  startTemporalDevServer,
  waitFor,
  type ManagedProcess,
} from '../../../libs/devstack/src';
import { runMigrations } from '../../../libs/persistence/src';

/**
 * `npm start`: the whole system on embedded defaults — Temporal dev server (SQLite under .data/), embedded
 * PostgreSQL (under .data/), migrations, the worker and the API — or external servers when
 * TEMPORAL_ADDRESS / DATABASE_URL are set. Ctrl-C stops everything it started, in reverse order.
 */
const log = createLogger('launcher');
const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
let stopping = false;

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.TEMPORAL_NAMESPACE ||= DEFAULT_NAMESPACE;
  // LOCAL DEVELOPMENT TOKENS unless the bureau's identity provider is configured (then they are refused).
  if (!env.OIDC_ISSUER) env.JWT_SECRET ||= localJwtSecret();

  if (!env.TEMPORAL_ADDRESS) {
    const port = Number(env.TEMPORAL_PORT ?? 7233);
    const temporal = await startTemporalDevServer({
      port,
      uiPort: Number(env.TEMPORAL_UI_PORT ?? 8233),
      dbFile: path.join(dataDir, 'temporal', 'temporal.sqlite'),
      namespace: env.TEMPORAL_NAMESPACE,
    });
    stops.push({ name: 'temporal', stop: () => temporal.process.stop() });
    watch(temporal.process);
    env.TEMPORAL_ADDRESS = temporal.address;
    env.TEMPORAL_UI_URL = temporal.uiUrl;
  }

  if (!env.DATABASE_URL) {
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: Number(env.POSTGRES_PORT ?? 54329),
      database: 'jiuzhu',
    });
    stops.push({ name: 'postgres', stop: () => postgres.process.stop() });
    watch(postgres.process);
    env.DATABASE_URL = postgres.url;
  }

  const applied = await runMigrations(env.DATABASE_URL);
  log.info(
    { applied },
    applied.length ? `applied ${applied.length} migration(s)` : 'database schema is up to date',
  );

  const dist = path.join(repoRoot, 'dist', 'apps');
  const worker = startProcess('worker', process.execPath, [path.join(dist, 'worker', 'src', 'main.js')], {
    env,
    output: 'inherit',
  });
  stops.push({ name: 'worker', stop: () => worker.stop(30_000) });
  watch(worker);
  const api = startProcess('api', process.execPath, [path.join(dist, 'api', 'src', 'main.js')], {
    env,
    output: 'inherit',
  });
  stops.push({ name: 'api', stop: () => api.stop() });
  watch(api);

  const apiPort = Number(env.API_PORT ?? 3000);
  const apiHost = env.API_HOST ?? '127.0.0.1';
  await waitFor(`the API on ${apiHost}:${apiPort}`, () => canConnect(apiHost, apiPort), 60_000);
  const base = `http://${apiHost}:${apiPort}`;
  process.stdout.write(
    [
      '',
      'Jiuzhu is running.',
      `  API             ${base}`,
      `  OpenAPI docs    ${base}/docs`,
      `  Health          ${base}/health/ready`,
      `  Temporal UI     ${env.TEMPORAL_UI_URL ?? '(external Temporal: see your cluster)'}`,
      `  Temporal        ${env.TEMPORAL_ADDRESS} namespace ${env.TEMPORAL_NAMESPACE}`,
      `  PostgreSQL      ${env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}`,
      env.OIDC_ISSUER
        ? `  Sign-in         ${env.OIDC_ISSUER} (audience ${env.OIDC_AUDIENCE})`
        : '  Bearer token    npm run token -- CASEWORKER cw-001 <town>   (local only; npm run token alone lists the roles)',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n') + '\n',
  );
}

/** A local signing secret, made once and kept under .data/ so tokens survive restarts. */
function localJwtSecret(): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** A component that dies on its own takes the whole system down, rather than leaving it half-running. */
function watch(proc: ManagedProcess) {
  void proc.exited.then((code) => {
    if (!stopping) {
      log.error({ component: proc.name, code }, `${proc.name} exited unexpectedly; stopping everything`);
      void shutdown(1);
    }
  });
}

async function shutdown(exitCode: number) {
  if (stopping) return;
  stopping = true;
  for (const { name, stop } of stops.reverse()) {
    log.info(`stopping ${name}`);
    await stop().catch((err: unknown) => log.error({ err }, `could not stop ${name} cleanly`));
  }
  log.info('all stopped');
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (err: unknown) => {
  log.error(err instanceof Error ? err.message : String(err));
  await shutdown(1);
});
