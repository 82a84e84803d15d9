import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_NAMESPACE } from '../../config/src';
import { EventStore, createDataSource, runMigrations } from '../../persistence/src';
import {
  freePort,
  repoRoot,
  startEmbeddedPostgres,
  startProcess,
  startTemporalDevServer,
  waitFor,
  type RunningPostgres,
  type RunningTemporal,
} from '../src';
import { DEFAULT_RESTART_POLICY, Supervisor } from '../../../apps/launcher/src/supervisor';
import { ACTION_BODIES, ROUTE_TO_FIRST_NOTICE, application, tokenFor } from './case-requests';

export type Fault = 'kill-worker' | 'restart-temporal' | 'restart-postgres';

export interface ChaosOptions {
  cases: number;
  /** Faults in order, one every `faultEveryMs` while the cases are driven. */
  faults: Fault[];
  faultEveryMs: number;
  concurrency: number;
  /** The whole run gives up after this long (bounded in time as in count). */
  deadlineMs: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  casesDriven: number;
  actionsAcknowledged: number;
  actionsLost: string[];
  duplicatedEvents: string[];
  sequenceGaps: string[];
  mismatches: string[];
  hashChain: { events: number; cases: number; breaks: number };
  outbox: {
    rows: number;
    delivered: number;
    pending: number;
    failed: number;
    received: number;
    repeats: number;
    deliveredNotReceived: number;
  };
  faults: string[];
  /** Worker and API restarts by the supervisor (the kills, and children that could not reach a server). */
  restarts: number;
  requestsRetried: number;
  seconds: number;
}

/** Which event each acknowledged request must have left in the event store. */
const EVENT_OF: Record<string, string> = {
  create: 'ApplicationSubmitted',
  accept: 'ApplicationAccepted',
  investigation: 'InvestigationRecorded',
  'town-review': 'TownReviewRecorded',
};

/**
 * Drives `cases` applications through the API (loopback only: every server is started here on free ports
 * in a temporary folder) while the faults happen, then checks what the event store, the workflows, the read
 * models and the outbox say against what the API acknowledged.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const deadline = started + options.deadlineMs;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-chaos-'));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach it
  const [pgPort, temporalPort, apiPort, webhookPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const pgDir = path.join(dir, 'postgres');
  const temporalDb = path.join(dir, 'temporal', 'temporal.sqlite');
  const startPostgres = () => startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, database: 'jiuzhu' });
  const startTemporal = () =>
    startTemporalDevServer({
      port: temporalPort,
      namespace: DEFAULT_NAMESPACE,
      dbFile: temporalDb,
      output: 'ignore',
    });

  // The bureau's gateway, counting each notification id it receives.
  const receipts = new Map<string, number>();
  const webhook = http.createServer((req, res) => {
    const key = String(req.headers['idempotency-key'] ?? '');
    receipts.set(key, (receipts.get(key) ?? 0) + 1);
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((resolve) => webhook.listen(webhookPort, '127.0.0.1', resolve));

  let postgres: RunningPostgres | undefined;
  let temporal: RunningTemporal | undefined;
  let worker: Supervisor | undefined;
  let api: Supervisor | undefined;
  let restarts = 0;
  try {
    [postgres, temporal] = await Promise.all([startPostgres(), startTemporal()]);
    await runMigrations(postgres.url);
    const secret = randomBytes(32).toString('hex');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: postgres.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: DEFAULT_NAMESPACE,
      TEMPORAL_TASK_QUEUE: 'chaos',
      API_PORT: String(apiPort),
      JWT_SECRET: secret,
      NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/notify`,
      WORKER_METRICS_PORT: 'off',
      TEMPORAL_SDK_METRICS_ADDRESS: 'off',
      LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'error',
    };
    delete env.OIDC_ISSUER;
    const dist = path.join(repoRoot, 'dist', 'apps');
    const child = (name: 'worker' | 'api') =>
      startProcess(name, process.execPath, [path.join(dist, name, 'src', 'main.js')], {
        env,
        output: 'ignore',
      });
    // Supervised as `npm start` does: a child that dies (killed, or unable to reach a server being
    // restarted) is started again after the launcher's back-off.
    const events = {
      restarting: () => undefined,
      restarted: (name: string) => {
        restarts++;
        log(`chaos: ${name} restarted`);
      },
      gaveUp: () => undefined,
    };
    const policy = { ...DEFAULT_RESTART_POLICY, maxCrashes: 1_000 };
    worker = new Supervisor('worker', () => child('worker'), events, policy);
    api = new Supervisor('api', () => child('api'), events, policy);
    const base = `http://127.0.0.1:${apiPort}`;
    await waitFor(
      'the API to be ready',
      async () => (await fetch(`${base}/health/ready`).catch(() => null))?.ok ?? false,
      60_000,
    );

    const tokens = {
      caseworker: await tokenFor('caseworker', secret),
      supervisor: await tokenFor('supervisor', secret),
    };
    const post = async (p: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${base}${p}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.caseworker}`,
          'content-type': 'application/json',
          ...headers,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    };
    const read = async (caseId: string) => {
      const res = await fetch(`${base}/cases/${caseId}`, {
        headers: { authorization: `Bearer ${tokens.supervisor}` },
        signal: AbortSignal.timeout(30_000),
      });
      return res.ok ? ((await res.json()) as { currentStep: string | null; status: string }) : null;
    };

    // ---- the load -------------------------------------------------------------------------------------
    const acknowledged: Array<{ caseId: string; action: string }> = [];
    const caseIds: string[] = [];
    let retried = 0;
    const pause = () => new Promise((r) => setTimeout(r, 500));
    /** Sends until answered below 500 (a crash or restart in between is the point); null past the deadline. */
    const untilAnswered = async (send: () => Promise<{ status: number; body: Record<string, unknown> }>) => {
      while (Date.now() < deadline) {
        const res = await send().catch(() => null);
        if (res && res.status < 500) return res;
        retried++;
        await pause();
      }
      return null;
    };
    const driveOne = async (i: number) => {
      const key = `chaos-${started}-${i}`;
      const created = await untilAnswered(() => post('/cases', application(i), { 'idempotency-key': key }));
      if (!created || created.status >= 300) return;
      const caseId = String(created.body.caseId);
      caseIds.push(caseId);
      acknowledged.push({ caseId, action: 'create' });
      for (const { action, step } of ROUTE_TO_FIRST_NOTICE) {
        for (;;) {
          const res = await untilAnswered(() => post(`/cases/${caseId}/${action}`, ACTION_BODIES[action]));
          if (!res) return;
          if (res.status === 200) {
            acknowledged.push({ caseId, action });
            break;
          }
          // Refused: if an earlier attempt that got no answer went through after all, move on unacknowledged.
          const state = await read(caseId).catch(() => null);
          if (state && state.currentStep === step) break;
          if (res.status !== 409 || Date.now() > deadline) return;
          await pause();
        }
      }
    };
    let next = 0;
    const load = Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.cases) await driveOne(next++);
      }),
    );

    // ---- the faults -----------------------------------------------------------------------------------
    const done: string[] = [];
    let loadDone = false;
    void load.then(() => (loadDone = true));
    for (const fault of options.faults) {
      await new Promise((r) => setTimeout(r, options.faultEveryMs));
      const t0 = Date.now();
      if (fault === 'kill-worker') {
        const killed = worker.process;
        killed.child.kill('SIGKILL');
        await killed.exited;
        await waitFor('the worker to be restarted', async () => worker!.process !== killed, 30_000);
      } else if (fault === 'restart-temporal') {
        await temporal.process.stop();
        temporal = await startTemporal();
      } else {
        await postgres.process.stop();
        postgres = await startPostgres();
      }
      const line = `${fault} at ${((t0 - started) / 1000).toFixed(1)} s${loadDone ? ' (after the load)' : ''}, back in ${Date.now() - t0} ms`;
      done.push(line);
      log(`chaos: ${line}`);
    }
    await load;
    log(`chaos: load done: ${caseIds.length} cases, ${acknowledged.length} acknowledged, ${retried} retries`);

    // ---- the checks -----------------------------------------------------------------------------------
    const ds = await createDataSource(postgres.url, {
      applicationName: 'jiuzhu-chaos',
      poolSize: 2,
    }).initialize();
    try {
      await waitFor(
        'the outbox to drain',
        async () => {
          const [{ n }] = (await ds.query(
            `SELECT count(*)::int AS n FROM notifications WHERE status = 'PENDING'`,
          )) as [{ n: number }];
          return n === 0;
        },
        Math.max(10_000, deadline - Date.now()),
      ).catch(() => undefined);

      const actionsLost: string[] = [];
      for (const a of acknowledged) {
        const rows = (await ds.query('SELECT 1 FROM case_events WHERE case_id = $1 AND type = $2', [
          a.caseId,
          EVENT_OF[a.action],
        ])) as unknown[];
        if (!rows.length) actionsLost.push(`${a.caseId} ${a.action}`);
      }
      const duplicatedEvents = (
        (await ds.query(
          `SELECT case_id, type, count(*)::int AS n FROM case_events WHERE type = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`,
          [Object.values(EVENT_OF)],
        )) as Array<{ case_id: string; type: string; n: number }>
      ).map((r) => `${r.case_id} ${r.type} ×${r.n}`);
      const sequenceGaps = (
        (await ds.query(
          `SELECT case_id FROM case_events GROUP BY case_id HAVING max(sequence) <> count(*)`,
        )) as Array<{ case_id: string }>
      ).map((r) => r.case_id);
      // The projection is written inside the activity, the workflow's state when its task completes: give a
      // workflow that is replaying after a crash up to 30 s to catch up before calling it a mismatch.
      const compare = async () => {
        const found: string[] = [];
        for (const caseId of caseIds) {
          const [row] = (await ds.query('SELECT status, current_step FROM cases WHERE case_id = $1', [
            caseId,
          ])) as Array<{ status: string; current_step: string | null }>;
          const state = await read(caseId).catch(() => null);
          if (!row || !state || row.status !== state.status || row.current_step !== state.currentStep) {
            found.push(
              `${caseId}: workflow ${state?.status}/${state?.currentStep}, projection ${row?.status}/${row?.current_step}`,
            );
          }
        }
        return found;
      };
      let mismatches = await compare();
      for (let i = 0; i < 30 && mismatches.length; i++) {
        await new Promise((r) => setTimeout(r, 1_000));
        mismatches = await compare();
      }
      const chain = await new EventStore(ds).verify();
      const [outbox] = (await ds.query(
        `SELECT count(*)::int AS rows, count(*) FILTER (WHERE status = 'DELIVERED')::int AS delivered,
                count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*) FILTER (WHERE status = 'FAILED')::int AS failed
           FROM notifications WHERE channel = 'WEBHOOK'`,
      )) as Array<{ rows: number; delivered: number; pending: number; failed: number }>;
      const deliveredIds = (
        (await ds.query(
          `SELECT id FROM notifications WHERE channel = 'WEBHOOK' AND status = 'DELIVERED'`,
        )) as Array<{ id: string }>
      ).map((r) => r.id);
      return {
        casesDriven: caseIds.length,
        actionsAcknowledged: acknowledged.length,
        actionsLost,
        duplicatedEvents,
        sequenceGaps,
        mismatches,
        hashChain: { events: chain.events, cases: chain.cases, breaks: chain.breaks.length },
        outbox: {
          ...outbox!,
          received: receipts.size,
          repeats: [...receipts.values()].filter((n) => n > 1).length,
          deliveredNotReceived: deliveredIds.filter((id) => !receipts.has(id)).length,
        },
        faults: done,
        restarts,
        requestsRetried: retried,
        seconds: Math.round((Date.now() - started) / 1000),
      };
    } finally {
      await ds.destroy();
    }
  } finally {
    await Promise.all([api?.stop(), worker?.stop()]);
    await Promise.all([temporal?.process.stop(), postgres?.process.stop()]);
    await new Promise((resolve) => webhook.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The report as printed by `npm run chaos`. */
export function formatReport(r: ChaosReport): string {
  const list = (items: string[]) => (items.length ? `${items.length}: ${items.slice(0, 5).join('; ')}` : '0');
  return [
    `cases driven                 ${r.casesDriven}`,
    `actions acknowledged         ${r.actionsAcknowledged} (requests retried after a fault: ${r.requestsRetried})`,
    `actions lost                 ${list(r.actionsLost)}`,
    `duplicated events            ${list(r.duplicatedEvents)}`,
    `sequence gaps                ${list(r.sequenceGaps)}`,
    `workflow ≠ projection        ${list(r.mismatches)}`,
    `hash chain                   ${r.hashChain.breaks ? `BROKEN (${r.hashChain.breaks})` : 'intact'}: ${r.hashChain.events} events in ${r.hashChain.cases} cases`,
    `outbox (webhook)             ${r.outbox.rows} rows: ${r.outbox.delivered} delivered, ${r.outbox.pending} pending, ${r.outbox.failed} failed; ` +
      `gateway received ${r.outbox.received} ids, ${r.outbox.repeats} more than once, ${r.outbox.deliveredNotReceived} delivered but never received`,
    `faults                       ${r.faults.join('; ')}`,
    `worker/API restarts          ${r.restarts}`,
    `took                         ${r.seconds} s`,
  ].join('\n');
}
