import { formatReport, runChaos, type Fault } from './chaos';

// `npm run chaos [cases]`: the full run (150 cases by default; CHAOS_CASES too) on loopback servers of its
// own, with the worker SIGKILLed four times, the Temporal dev server and PostgreSQL each restarted once.
// Exits 1 when anything acknowledged is lost, duplicated or disagrees, or the hash chain is broken.
async function main() {
  const cases = Number(process.argv[2] ?? process.env.CHAOS_CASES ?? 150);
  if (!Number.isInteger(cases) || cases < 1 || cases > 2_000) throw new Error('cases must be 1-2000');
  const faults: Fault[] = [
    'kill-worker',
    'kill-worker',
    'restart-temporal',
    'kill-worker',
    'restart-postgres',
    'kill-worker',
  ];
  const report = await runChaos({
    cases,
    faults,
    faultEveryMs: 4_000,
    concurrency: 8,
    deadlineMs: 10 * 60_000,
    log: (line) => console.log(line),
  });
  console.log(`\n${formatReport(report)}`);
  const bad =
    report.actionsLost.length +
    report.duplicatedEvents.length +
    report.sequenceGaps.length +
    report.mismatches.length +
    report.hashChain.breaks +
    report.outbox.deliveredNotReceived;
  process.exitCode = bad ? 1 : 0;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
