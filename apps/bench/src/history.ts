import type { Client } from '@temporalio/client';
import { applicationWorkflowId } from '../../../workflows/src/definitions';

export interface HistoryShape {
  events: number;
  activities: number;
  workflowTasks: number;
}

/** The size of a case's Temporal history (GetWorkflowExecutionHistory), as the server keeps it. */
export async function historyShape(temporal: Client, caseId: string): Promise<HistoryShape> {
  const history = await temporal.workflow.getHandle(applicationWorkflowId(caseId)).fetchHistory();
  const events = history.events ?? [];
  return {
    events: events.length,
    activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
    workflowTasks: events.filter((e) => e.workflowTaskScheduledEventAttributes).length,
  };
}
