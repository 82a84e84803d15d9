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
import { PolicyStore, createDataSource, runMigrations } from '../../../libs/persistence/src';
import { DEFAULT_RESTART_POLICY, Supervisor, type RestartPolicy, type SupervisorEvents } from './supervisor';

/**
 * `npm start`: the whole system on embedded defaults — Temporal dev server (SQLite under .data/), embedded
 * PostgreSQL (under .data/), migrations, the worker and the API — or external servers when
 * TEMPORAL_ADDRESS / DATABASE_URL are set. The worker and the API are restarted when they crash (see
 * supervisor.ts); Ctrl-C stops everything it started, in reverse order.
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
    // For the commands of a second terminal (`npm run policy`), which need no variables; removed on stop.
    const urlFile = path.join(dataDir, 'database-url');
    fs.writeFileSync(urlFile, postgres.url, { mode: 0o600 });
    stops.push({ name: 'database-url file', stop: async () => fs.rmSync(urlFile, { force: true }) });
  }

  const applied = await runMigrations(env.DATABASE_URL);
  log.info(
    { applied },
    applied.length ? `applied ${applied.length} migration(s)` : 'database schema is up to date',
  );

  const policyLines = await policyBanner(env.DATABASE_URL, !process.env.DATABASE_URL);

  // The worker and the API are restarted when they crash (with back-off), the servers are not: a lost
  // Temporal or PostgreSQL server means something is wrong with the machine.
  const dist = path.join(repoRoot, 'dist', 'apps');
  const policy = restartPolicy(env);
  const child = (name: 'worker' | 'api') => () =>
    startProcess(name, process.execPath, [path.join(dist, name, 'src', 'main.js')], {
      env,
      output: 'inherit',
    });
  const worker = new Supervisor('worker', child('worker'), supervisorEvents, policy);
  stops.push({ name: 'worker', stop: () => worker.stop(30_000) });
  const api = new Supervisor('api', child('api'), supervisorEvents, policy);
  stops.push({ name: 'api', stop: () => api.stop() });

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
      `  Metrics         ${base}/metrics (API), ${workerMetricsUrl(env)} (worker)`,
      `  Traces          ${tracesDestination(env)}`,
      `  Temporal UI     ${env.TEMPORAL_UI_URL ?? '(external Temporal: see your cluster)'}`,
      `  Temporal        ${env.TEMPORAL_ADDRESS} namespace ${env.TEMPORAL_NAMESPACE}`,
      `  PostgreSQL      ${env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}`,
      env.OIDC_ISSUER
        ? `  Sign-in         ${env.OIDC_ISSUER} (audience ${env.OIDC_AUDIENCE})`
        : '  Bearer token    npm run token -- CASEWORKER cw-001 <town>   (local only; npm run token alone lists the roles)',
      ...policyLines,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n') + '\n',
  );
}

/** Where OpenTelemetry spans go (OTEL_TRACES_EXPORTER; off unless set). */
function tracesDestination(env: NodeJS.ProcessEnv): string {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim() || 'none';
  if (exporter === 'otlp') {
    const url =
      env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://localhost:4318';
    return `OTLP/HTTP to ${url}`;
  }
  if (exporter === 'console') return 'printed on the worker’s and the API’s output';
  return 'off (OTEL_TRACES_EXPORTER=otlp and OTEL_EXPORTER_OTLP_ENDPOINT turn them on)';
}

function workerMetricsUrl(env: NodeJS.ProcessEnv): string {
  if (env.WORKER_METRICS_PORT === 'off') return 'off';
  return `http://${env.WORKER_METRICS_HOST || '127.0.0.1'}:${env.WORKER_METRICS_PORT || 9464}/metrics`;
}

/**
 * Which policy version is in force today (Asia/Shanghai). With none, applications dated today are refused;
 * say so, and print the one command that publishes a continuation of the latest version for a local trial.
 */
async function policyBanner(databaseUrl: string, embedded: boolean): Promise<string[]> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const dataSource = await createDataSource(databaseUrl, { applicationName: 'jiuzhu-launcher', poolSize: 1 });
  await dataSource.initialize();
  try {
    const store = new PolicyStore(dataSource);
    try {
      const inForce = await store.forDate(today);
      return [
        `  Policy          ${inForce.document.id} in force today (${today}), hash ${inForce.hash.slice(0, 12)}`,
      ];
    } catch {
      const published = (await store.list()).filter((v) => v.status === 'PUBLISHED');
      const latest = published[published.length - 1];
      const lines = [
        `  Policy          NONE in force today (${today}): applications dated today are refused (NO_POLICY_IN_FORCE).`,
      ];
      if (!latest) return lines;
      const from = dayAfter(latest.effectiveTo);
      const doc = '关于继续执行新会区困难群众医疗救助实施办法的通知（本地试用）';
      lines.push(
        embedded
          ? `                  For a local trial, publish a continuation of ${latest.id} (in a second terminal):\n` +
              `                  npm run policy -- continue ${latest.id} --from ${from} --doc "${doc}" --local-trial`
          : `                  An administrator uploads the bureau's continuation, a second one approves it:\n` +
              `                  npm run policy -- continue ${latest.id} --from ${from} --to <date> --doc "<notice>" --as <admin> --approved-by <other admin>`,
      );
      return lines;
    }
  } finally {
    await dataSource.destroy();
  }
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
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

const supervisorEvents: SupervisorEvents = {
  restarting: (name, exit, delayMs, recent) =>
    log.warn(
      { component: name, exit, delayMs, crashesInWindow: recent },
      `${name} exited unexpectedly (${exit}); restarting it in ${delayMs} ms`,
    ),
  restarted: (name, pid) => log.warn({ component: name, pid }, `${name} restarted (pid ${pid})`),
  gaveUp: (name, exit, recent) => {
    log.error(
      { component: name, exit, crashesInWindow: recent },
      `${name} crashed ${recent} times within ${restartPolicy(process.env).windowMs / 1000} s (last: ${exit}); ` +
        'giving up and stopping everything — see its log lines above for the cause',
    );
    void shutdown(1);
  },
};

/** LAUNCHER_MAX_CRASHES crashes within LAUNCHER_CRASH_WINDOW_SECONDS stop the system. */
function restartPolicy(env: NodeJS.ProcessEnv): RestartPolicy {
  const number = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a positive integer, not "${raw}"`);
    return value;
  };
  return {
    ...DEFAULT_RESTART_POLICY,
    maxCrashes: number('LAUNCHER_MAX_CRASHES', DEFAULT_RESTART_POLICY.maxCrashes),
    windowMs: number('LAUNCHER_CRASH_WINDOW_SECONDS', DEFAULT_RESTART_POLICY.windowMs / 1000) * 1000,
  };
}

/** A server that dies on its own takes the whole system down, rather than leaving it half-running. */
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
