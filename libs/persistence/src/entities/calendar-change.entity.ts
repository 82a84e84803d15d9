import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change an administrator made to the bureau's calendar data (a year's State Council arrangement, a
 * single-day entry such as a typhoon closure, or the withdrawal of such an entry). Append-only: the calendar
 * in force is derived from the whole log (libs/persistence/src/calendar/calendar-store.ts).
 */
@Entity({ name: 'calendar_changes' })
export class CalendarChangeEntity {
  /** Store-wide order of changes (bigint, read as a string); a later change supersedes an earlier one. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text' })
  kind!: 'YEAR_ARRANGEMENT' | 'ENTRY' | 'ENTRY_WITHDRAWAL';

  /** The arrangement's year, or the year of the entry's date. */
  @Column({ type: 'integer' })
  year!: number;

  /** `[{ date, kind, name }]` (for a withdrawal: `[{ date }]`). */
  @Column({ type: 'jsonb' })
  entries!: Array<Record<string, string>>;

  /** The document transcribed, e.g. '国办发明电〔2026〕X号' or the district's closure notice. */
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  /** Who made the change: `{ id, name, role, town? }` from the verified token. */
  @Column({ type: 'jsonb' })
  actor!: Record<string, string>;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;
}
