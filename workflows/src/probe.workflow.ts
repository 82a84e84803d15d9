import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ProbeActivities } from './activities-contract';

const { recordProbe } = proxyActivities<ProbeActivities>({
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
