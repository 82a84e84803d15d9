import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { ProbeRunEntity } from '../../../../libs/persistence/src';

export function createProbeActivities(deps: { dataSource: DataSource }) {
  return {
    /** Idempotent: a retried attempt finds its row already written. */
    async recordProbe(input: { probeId: string; workflowId: string }): Promise<string> {
      const identity = Context.current().info.taskQueue + '@' + process.pid;
      await deps.dataSource
        .createQueryBuilder()
        .insert()
        .into(ProbeRunEntity)
        .values({ id: input.probeId, workflowId: input.workflowId, workerIdentity: identity })
        .orIgnore()
        .execute();
      return identity;
    },
  };
}
