import { formatReport, runChaos } from '../chaos/chaos';

/**
 * The small chaos run of CI: 40 cases through the API on servers of its own while the worker is SIGKILLed,
 * the Temporal dev server restarted and PostgreSQL restarted (`npm run chaos` is the full run). Nothing
 * acknowledged may be lost or duplicated, workflows and projections agree, the hash chain holds and every
 * delivered notification reached the gateway.
 */
describe('chaos: faults while cases are driven', () => {
  it('loses nothing acknowledged, duplicates nothing, and every check holds', async () => {
    const report = await runChaos({
      cases: 40,
      faults: ['kill-worker', 'restart-temporal', 'restart-postgres'],
      faultEveryMs: 2_500,
      concurrency: 6,
      deadlineMs: 150_000,
    });
    process.stdout.write(`\n${formatReport(report)}\n`);
    expect(report.faults).toHaveLength(3);
    expect(report.casesDriven).toBe(40);
    expect(report.actionsAcknowledged).toBeGreaterThan(40);
    expect(report.actionsLost).toEqual([]);
    expect(report.duplicatedEvents).toEqual([]);
    expect(report.sequenceGaps).toEqual([]);
    expect(report.mismatches).toEqual([]);
    expect(report.hashChain.breaks).toBe(0);
    expect(report.outbox.deliveredNotReceived).toBe(0);
  }, 240_000);
});
