import * as path from 'node:path';
import { freePort, repoRoot, startProcess, waitFor, type ManagedProcess } from '../src';
import { testEnvironment } from './stack';

export interface RunningSystem {
  baseUrl: string;
  /** The worker's GET /metrics (its own metrics and the Temporal SDK's). */
  workerMetricsUrl: string;
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * The real worker and API processes (compiled, exactly as `npm start` runs them) against the test stack,
 * on their own task queue and database, for e2e tests over HTTP.
 */
export async function startSystem(opts: {
  databaseUrl: string;
  taskQueue: string;
  /** Another Temporal server (e.g. the time-skipping test server) instead of the shared dev server. */
  temporal?: { address: string; namespace: string };
  /** Extra environment for both processes; `undefined` removes a variable (e.g. JWT_SECRET for OIDC). */
  env?: Record<string, string | undefined>;
}): Promise<RunningSystem> {
  const stack = testEnvironment();
  const port = await freePort();
  const [metricsPort, sdkMetricsPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: opts.databaseUrl,
    TEMPORAL_ADDRESS: opts.temporal?.address ?? stack.temporalAddress,
    TEMPORAL_NAMESPACE: opts.temporal?.namespace ?? stack.namespace,
    TEMPORAL_TASK_QUEUE: opts.taskQueue,
    API_PORT: String(port),
    WORKER_METRICS_PORT: String(metricsPort),
    TEMPORAL_SDK_METRICS_ADDRESS: `127.0.0.1:${sdkMetricsPort}`,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    ...opts.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const dist = path.join(repoRoot, 'dist', 'apps');
  const processes: ManagedProcess[] = [
    startProcess('worker', process.execPath, [path.join(dist, 'worker', 'src', 'main.js')], { env }),
    startProcess('api', process.execPath, [path.join(dist, 'api', 'src', 'main.js')], { env }),
  ];
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
  };
  try {
    await waitFor(
      `the API at ${baseUrl} to be ready`,
      async () => {
        for (const p of processes) {
          if (p.child.exitCode !== null) throw new Error(`${p.name} exited early:\n${p.lastErrors()}`);
        }
        return (await fetch(`${baseUrl}/health/ready`)).ok;
      },
      60_000,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    baseUrl,
    workerMetricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    taskQueue: opts.taskQueue,
    stop,
  };
}
