import type { Client } from '@temporalio/client';
import { applicationWorkflowId } from '../../../workflows/src/definitions';

export interface HistoryShape {
  events: number;
  activities: number;
  /** Local activities leave a marker in history instead of scheduled/started/completed events. */
  localActivities: number;
  workflowTasks: number;
}

/** The size of a case's Temporal history (GetWorkflowExecutionHistory), as the server keeps it. */
export async function historyShape(temporal: Client, caseId: string): Promise<HistoryShape> {
  const history = await temporal.workflow.getHandle(applicationWorkflowId(caseId)).fetchHistory();
  const events = history.events ?? [];
  return {
    events: events.length,
    activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
    localActivities: events.filter(
      (e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
    ).length,
    workflowTasks: events.filter((e) => e.workflowTaskScheduledEventAttributes).length,
  };
}
