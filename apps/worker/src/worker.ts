import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { AppConfig } from '../../../libs/config/src';
import { createActivities, type ActivityDependencies } from './activities';

export const workflowsPath = require.resolve('../../../workflows/src');

/**
 * A worker on the application task queue with every workflow and activity registered; `observability`
 * adds the metrics and tracing interceptors (and the tracing sinks) of main.ts.
 */
export async function createWorker(
  config: Pick<AppConfig, 'temporal'>,
  deps: ActivityDependencies,
  connection: NativeConnection,
  observability: Pick<WorkerOptions, 'interceptors' | 'sinks'> = {},
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath,
    activities: createActivities(deps),
    ...observability,
  });
}
