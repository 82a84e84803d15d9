import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The event store: one append-only row per domain event, per-case sequence, hash-chained. */
@Entity({ name: 'case_events' })
export class CaseEventEntity {
  @PrimaryColumn({ type: 'text', name: 'case_id' })
  caseId!: string;

  @PrimaryColumn({ type: 'integer' })
  sequence!: number;

  /** Store-wide order of appends, for readers that follow every case at once. */
  @Column({ type: 'bigint', name: 'global_position', insert: false, update: false })
  globalPosition!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  actor!: unknown;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Column({ type: 'timestamptz', name: 'recorded_at', insert: false, update: false })
  recordedAt!: Date;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ type: 'text', name: 'prev_hash', nullable: true })
  prevHash!: string | null;

  @Column({ type: 'text' })
  hash!: string;
}
