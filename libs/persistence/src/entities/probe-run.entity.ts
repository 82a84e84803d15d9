import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per end-to-end probe: the API starts a probe workflow, the worker's activity writes this row,
 * the API reads it back. Operators use it to prove the whole chain (API → Temporal → worker → PostgreSQL)
 * is alive, which liveness and readiness checks alone cannot show.
 */
@Entity({ name: 'probe_runs' })
export class ProbeRunEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text', name: 'workflow_id' })
  workflowId!: string;

  @Column({ type: 'text', name: 'worker_identity' })
  workerIdentity!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt!: Date;
}
