import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createProbeActivities } from '../../apps/worker/src/activities/probe.activities';

const { recordProbe } = proxyActivities<ReturnType<typeof createProbeActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
});

/** End-to-end probe: proves a worker picks up workflow tasks and its activities reach PostgreSQL. */
export async function stackProbeWorkflow(
  probeId: string,
): Promise<{ probeId: string; workerIdentity: string }> {
  const workerIdentity = await recordProbe({ probeId, workflowId: workflowInfo().workflowId });
  return { probeId, workerIdentity };
}
