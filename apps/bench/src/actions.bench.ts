import { performance } from 'node:perf_hooks';
import { BENCH_ROUTE } from './action-bodies';
import { intList, intSetting } from './args';
import { BenchApi } from './bench-api';
import { startBenchStack, type BenchStack } from './bench-stack';
import { historyShape, type HistoryShape } from './history';
import { inParallel, loadAverage, ms, percentiles } from './stats';

/**
 * `npm run bench:actions`: the latency and throughput of caseworkers' and reviewers' actions, end to end
 * over HTTP on the real stack (started here on free ports in a temporary folder).
 *
 * For each client count (`--clients 1,8`, BENCH_CLIENTS), `--cases N` (BENCH_CASES, default 40) cases go
 * create → accept → investigation → town-review → objection → democratic-review → submit →
 * district-review (the route as far as it goes without waiting for a timer), each client driving one case
 * at a time. Prints p50/p95/p99 per action, actions per second, and the Temporal history length of a case
 * after the route (events, activities, workflow tasks), with the load average of the machine.
 */
const CASES = intSetting('cases', 'BENCH_CASES', 40);
const CLIENTS = intList('clients', 'BENCH_CLIENTS', [1, 8]);
const WARM_UP_CASES = 2;

async function main() {
  const started = performance.now();
  console.log(`starting the stack (Temporal dev server, PostgreSQL, worker, API) in a temporary folder`);
  const stack = await startBenchStack();
  let serial = 0;
  try {
    const api = await BenchApi.connect(stack.baseUrl, stack.jwtSecret);
    // Warm-up (not counted): the first workflow tasks, activities and queries of a fresh worker and API.
    await runRound(api, 1, WARM_UP_CASES, () => serial++);
    const rounds: Round[] = [];
    for (const clients of CLIENTS) {
      console.log(`\n${clients} client(s), ${CASES} cases ...`);
      const failuresBefore = stack.workerFailures();
      const unavailableBefore = api.unavailable;
      const round = await runRound(api, clients, CASES, () => serial++);
      const failures = stack.workerFailures();
      round.failedActivities = failures.activities - failuresBefore.activities;
      round.deadlocks = failures.deadlocks - failuresBefore.deadlocks;
      round.unavailable = api.unavailable - unavailableBefore;
      rounds.push(round);
      print(round);
    }
    const histories = await sampleHistories(stack, rounds[rounds.length - 1]!.caseIds);
    printHistories(histories);
    console.log('\nsummary');
    console.log('clients   actions/s     p50     p95     p99  slowest action (p99)');
    for (const r of rounds) {
      const all = percentiles(Object.values(r.times).flat());
      const slowest = Object.entries(r.times)
        .map(([action, t]) => [action, percentiles(t).p99] as const)
        .sort((a, b) => b[1] - a[1])[0]!;
      console.log(
        `${String(r.clients).padStart(7)} ${r.actionsPerSecond.toFixed(1).padStart(11)} ${ms(all.p50)} ${ms(all.p95)} ${ms(all.p99)}  ${slowest[0]} ${slowest[1].toFixed(0)} ms   (${r.load})`,
      );
    }
  } finally {
    await stack.stop();
    console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}

interface Round {
  clients: number;
  cases: number;
  /** Milliseconds per call, by action (create included). */
  times: Record<string, number[]>;
  actionsPerSecond: number;
  seconds: number;
  caseIds: string[];
  load: string;
  /** Activity attempts that failed (and were retried) during the round, and how many were deadlocks. */
  failedActivities?: number;
  deadlocks?: number;
  /** POST /cases answered 503 (worker did not answer in time) and retried with the same Idempotency-Key. */
  unavailable?: number;
}

async function runRound(
  api: BenchApi,
  clients: number,
  cases: number,
  nextSerial: () => number,
): Promise<Round> {
  const times: Record<string, number[]> = { create: [] };
  for (const step of BENCH_ROUTE) times[step.action] = [];
  const caseIds: string[] = [];
  const t0 = performance.now();
  await inParallel(clients, cases, async () => {
    const created = await api.create(nextSerial());
    times.create!.push(created.ms);
    caseIds.push(created.caseId);
    for (const step of BENCH_ROUTE) times[step.action]!.push(await api.act(created.caseId, step));
  });
  const seconds = (performance.now() - t0) / 1000;
  const actions = Object.values(times).reduce((n, t) => n + t.length, 0);
  return {
    clients,
    cases,
    times,
    actionsPerSecond: actions / seconds,
    seconds,
    caseIds,
    load: loadAverage(),
  };
}

function print(round: Round) {
  console.log(
    `${round.cases} cases × ${BENCH_ROUTE.length + 1} actions in ${round.seconds.toFixed(1)} s: ` +
      `${round.actionsPerSecond.toFixed(1)} actions/s (${round.load}); ` +
      `${round.failedActivities} failed activity attempt(s) retried, ${round.deadlocks} of them deadlocks; ` +
      `${round.unavailable} create(s) answered 503 and retried`,
  );
  console.log('action                  n     p50     p95     p99     max   (ms)');
  const line = (name: string, t: number[]) => {
    const p = percentiles(t);
    console.log(
      `${name.padEnd(20)} ${String(p.n).padStart(4)} ${ms(p.p50)} ${ms(p.p95)} ${ms(p.p99)} ${ms(p.max)}`,
    );
  };
  for (const [action, t] of Object.entries(round.times)) line(action, t);
  line('all actions', Object.values(round.times).flat());
}

async function sampleHistories(stack: BenchStack, caseIds: string[]): Promise<HistoryShape[]> {
  const shapes: HistoryShape[] = [];
  await inParallel(4, caseIds.length, async (i) => {
    shapes.push(await historyShape(stack.temporal, caseIds[i]!));
  });
  return shapes;
}

function printHistories(shapes: HistoryShape[]) {
  const line = (label: string, values: number[]) => {
    const p = percentiles(values);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    console.log(
      `  ${label.padEnd(16)} mean ${mean.toFixed(1).padStart(6)}  min ${String(Math.min(...values)).padStart(4)}  max ${String(p.max).padStart(4)}`,
    );
  };
  console.log(
    `\nTemporal history per case after the route (${BENCH_ROUTE.length + 1} actions, ${shapes.length} cases):`,
  );
  line(
    'events',
    shapes.map((s) => s.events),
  );
  line(
    'local activities',
    shapes.map((s) => s.localActivities),
  );
  line(
    'activities',
    shapes.map((s) => s.activities),
  );
  line(
    'workflow tasks',
    shapes.map((s) => s.workflowTasks),
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
