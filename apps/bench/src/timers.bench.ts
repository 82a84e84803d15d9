import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BENCH_REMINDER_FILE_VARIABLE } from '../../worker/src/activities/bench-reminders';
import { reminderOffsetMs } from '../../worker/src/activities/reminder-spread';
import { flagSetting, intSetting } from './args';
import { BenchApi } from './bench-api';
import { startBenchStack } from './bench-stack';
import { inParallel, loadAverage, ms, percentiles } from './stats';

/**
 * `npm run bench:timers`: K cases (`--cases K`, BENCH_CASES, default 2,000) whose reminders fall due in
 * the same minute, on the real stack (started here on free ports in a temporary folder); prints the
 * lateness of the reminder events (the event's `at` against each one's planned instant): p50/p95/p99/max.
 * As on a bureau's morning, each case's reminder is due at T plus its own place in that minute
 * (apps/worker/src/activities/reminder-spread.ts); `--one-instant` (BENCH_ONE_INSTANT=1) plans all K at
 * the one instant T instead, the harsher shape the product avoids, for comparison.
 *
 * How K reminders fall due at one instant T on a real dev server: the worker runs with the bench-only
 * JIUZHU_BENCH_REMINDER_FILE (apps/worker/src/activities/bench-reminders.ts), so while that file holds T
 * the `planNextReminder` activity plans the next reminder of a step at T. A few cases are created first
 * (file absent: reminders from the calendar as usual) to measure how fast cases are created; then T is
 * written, on a whole minute a little after the K creations are expected to be done, and the K cases are
 * created: each workflow plans the first reminder of its acceptance step at T, a durable timer like any
 * other. Then the bench waits for the ReminderIssued events in the event store. Cases created after T
 * are left out (and counted).
 */
const CASES = intSetting('cases', 'BENCH_CASES', 2_000);
const CLIENTS = intSetting('clients', 'BENCH_CLIENTS', 8);
/** How long after T a reminder may still arrive before it counts as missing. */
const WAIT_AFTER_DUE_MS = intSetting('wait-seconds', 'BENCH_WAIT_SECONDS', 300) * 1000;
const ONE_INSTANT = flagSetting('one-instant', 'BENCH_ONE_INSTANT');

async function main() {
  const started = performance.now();
  const reminderFile = path.join(os.tmpdir(), `jiuzhu-bench-reminder-${randomBytes(4).toString('hex')}`);
  console.log('starting the stack (Temporal dev server, PostgreSQL, worker, API) in a temporary folder');
  const stack = await startBenchStack({ workerEnv: { [BENCH_REMINDER_FILE_VARIABLE]: reminderFile } });
  const db = new Client({ connectionString: stack.databaseUrl });
  try {
    await db.connect();
    const api = await BenchApi.connect(stack.baseUrl, stack.jwtSecret);
    // Calibration (file absent, reminders from the calendar): how fast cases are created here and now.
    const calibration = Math.max(CLIENTS, Math.min(40, Math.ceil(CASES / 20)));
    let t = performance.now();
    await inParallel(CLIENTS, calibration, async (i) => void (await api.create(i)));
    const perSecond = calibration / ((performance.now() - t) / 1000);
    // T: on a whole minute, comfortably after the K creations are expected to be done.
    const expectedMs = (CASES / perSecond) * 1000;
    const dueAt = new Date(Math.ceil((Date.now() + 30_000 + 1.5 * expectedMs) / 60_000) * 60_000);
    fs.writeFileSync(reminderFile, `${dueAt.toISOString()}${ONE_INSTANT ? ' exact' : ''}`);
    const shape = ONE_INSTANT ? 'all at' : "each at its case's place in the minute from";
    console.log(
      `${perSecond.toFixed(1)} cases/s; reminders planned ${shape} ${dueAt.toISOString()}; creating ${CASES} cases ` +
        `with ${CLIENTS} clients (${loadAverage()})`,
    );
    const createdBefore = new Set<string>();
    let createdLate = 0;
    t = performance.now();
    await inParallel(CLIENTS, CASES, async (i) => {
      const { caseId } = await api.create(calibration + i);
      if (Date.now() < dueAt.getTime()) createdBefore.add(caseId);
      else createdLate++;
    });
    console.log(
      `created ${CASES} cases in ${((performance.now() - t) / 1000).toFixed(1)} s ` +
        `(${api.unavailable} answer(s) 503 and retried); ${createdBefore.size} before the reminder instant ` +
        `(${loadAverage()})`,
    );

    const plannedAt = (caseId: string) => dueAt.getTime() + (ONE_INSTANT ? 0 : reminderOffsetMs(caseId));
    const late = await waitForReminders(db, dueAt, createdBefore, plannedAt);
    const loadWhileFiring = loadAverage();
    const lateness = percentiles(late.map((r) => r.eventMs));
    const committed = percentiles(late.map((r) => r.recordedMs));
    console.log(
      `\n${CASES} cases, reminders due ${ONE_INSTANT ? 'at' : 'in the minute from'} ${dueAt.toISOString()}; ` +
        `lateness in ms after each one's planned instant`,
    );
    console.log('measure                           n     p50     p95     p99     max');
    console.log(
      `event at (workflow clock)      ${String(lateness.n).padStart(5)} ${ms(lateness.p50, 7)} ${ms(lateness.p95, 7)} ${ms(lateness.p99, 7)} ${ms(lateness.max, 7)}`,
    );
    console.log(
      `committed to the event store   ${String(committed.n).padStart(5)} ${ms(committed.p50, 7)} ${ms(committed.p95, 7)} ${ms(committed.p99, 7)} ${ms(committed.max, 7)}`,
    );
    const missing = createdBefore.size - late.length;
    console.log(
      `${missing} reminder(s) missing ${WAIT_AFTER_DUE_MS / 1000} s after the minute; ` +
        `${createdLate} case(s) created too late to take part (${loadWhileFiring})`,
    );
    const verdict = lateness.p99 <= 5_000 && missing === 0 ? 'OK' : 'MISSED';
    const target = ONE_INSTANT ? '(all at one instant; the target is for one minute)' : '(target ≤ 5 s)';
    console.log(`\nreminder p99 lateness ${(lateness.p99 / 1000).toFixed(2)} s ${target}: ${verdict}`);
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
    fs.rmSync(reminderFile, { force: true });
    console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}

interface Fired {
  caseId: string;
  /** Event `at` − planned instant. */
  eventMs: number;
  /** Commit to case_events − planned instant. */
  recordedMs: number;
}

/** Polls the event store until every expected reminder is there, or WAIT_AFTER_DUE_MS after the minute. */
async function waitForReminders(
  db: Client,
  dueAt: Date,
  expected: Set<string>,
  plannedAt: (caseId: string) => number,
): Promise<Fired[]> {
  const until = dueAt.getTime() + 60_000 + WAIT_AFTER_DUE_MS;
  for (;;) {
    const { rows } = await db.query<{ case_id: string; event_ms: number; recorded_ms: number }>(
      `SELECT case_id, extract(epoch FROM occurred_at) * 1000 AS event_ms,
         extract(epoch FROM recorded_at) * 1000 AS recorded_ms
       FROM case_events
       WHERE type = 'ReminderIssued' AND payload->>'kind' = 'BEFORE_DUE' AND occurred_at >= $1::timestamptz - interval '1 minute'`,
      [dueAt.toISOString()],
    );
    const fired = rows
      .filter((r) => expected.has(r.case_id))
      .map((r) => ({
        caseId: r.case_id,
        eventMs: Number(r.event_ms) - plannedAt(r.case_id),
        recordedMs: Number(r.recorded_ms) - plannedAt(r.case_id),
      }));
    if (fired.length >= expected.size || Date.now() > until) return fired;
    if (Date.now() > dueAt.getTime()) {
      process.stdout.write(`\r${fired.length}/${expected.size} reminders so far`);
    }
    await new Promise((r) => setTimeout(r, Math.max(1_000, Math.min(10_000, dueAt.getTime() - Date.now()))));
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
