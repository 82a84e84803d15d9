import type { DataSource } from 'typeorm';
import { EventStore } from '../event-store/event-store';
import { CaseProjector, READ_MODEL_TABLES } from './case-projector';

export interface RebuildReport {
  events: number;
  /** Rows in each read model after the rebuild. */
  rows: Record<(typeof READ_MODEL_TABLES)[number], number>;
  milliseconds: number;
}

/**
 * Throws every read model away and folds the whole log into it again, through the very projector the
 * appends use, in ONE transaction: readers see the old tables until the new ones are complete, and a
 * failure leaves the old ones in place. Appends wait meanwhile (SHARE lock on case_events), so no event
 * can slip between the last page read and the commit.
 */
export async function rebuildProjections(
  dataSource: DataSource,
  options: { pageSize?: number } = {},
): Promise<RebuildReport> {
  const started = Date.now();
  const projector = new CaseProjector();
  const store = new EventStore(dataSource);
  return dataSource.transaction(async (tx) => {
    await tx.query('LOCK TABLE case_events IN SHARE MODE');
    await tx.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
    let events = 0;
    for await (const page of store.readAll(options.pageSize ?? 5_000, tx)) {
      await projector.apply(tx, page);
      events += page.length;
    }
    const rows = {} as RebuildReport['rows'];
    for (const table of READ_MODEL_TABLES) {
      const [row] = (await tx.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>;
      rows[table] = row!.n;
    }
    return { events, rows, milliseconds: Date.now() - started };
  });
}
