import { NativeConnection, Worker } from '@temporalio/worker';
import type { AppConfig } from '../../../libs/config/src';
import { createActivities, type ActivityDependencies } from './activities';

export const workflowsPath = require.resolve('../../../workflows/src');

/** A worker on the application task queue with every workflow and activity registered. */
export async function createWorker(
  config: Pick<AppConfig, 'temporal'>,
  deps: ActivityDependencies,
  connection: NativeConnection,
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath,
    activities: createActivities(deps),
  });
}
