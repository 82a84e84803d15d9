import { DataSource } from 'typeorm';
import { createDataSource, EventStore, HistoryConflictError, type NewEvent } from '../src';
import { createTestDatabase } from './test-database';

const actor = { id: 'cw-1', role: 'CASEWORKER', town: '会城街道' };
const event = (type: string, data: unknown, minute: number): NewEvent => ({
  type,
  data,
  actor,
  at: new Date(Date.UTC(2025, 8, 26, 1, minute)).toISOString(),
});
const history = [
  event('ApplicationSubmitted', { category: 'ILLNESS_POVERTY', amount: '1234.50' }, 0),
  event('ApplicationAccepted', { by: 'cw-1' }, 1),
  event('StepOpened', { step: 'INVESTIGATION' }, 2),
  event('DeadlineSet', { step: 'INVESTIGATION', dueDate: '2025-10-16', provisional: false }, 3),
];

describe('EventStore on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('event_store');
    dataSource = await createDataSource(db.url).initialize();
    store = new EventStore(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('appends with per-case sequences and reads them back as written', async () => {
    expect(await store.append('case-a', 1, history.slice(0, 3))).toEqual({
      appended: 3,
      alreadyStored: 0,
      lastSequence: 3,
    });
    const stored = await store.read('case-a');
    expect(stored.map((e) => [e.sequence, e.type])).toEqual([
      [1, 'ApplicationSubmitted'],
      [2, 'ApplicationAccepted'],
      [3, 'StepOpened'],
    ]);
    expect(stored[0]!.data).toEqual({ category: 'ILLNESS_POVERTY', amount: '1234.50' });
    expect(stored[1]!.prevHash).toBe(stored[0]!.hash);
  });

  it('is idempotent: a retried append writes nothing twice, an overlapping one only what is new', async () => {
    expect(await store.append('case-a', 1, history.slice(0, 3))).toEqual({
      appended: 0,
      alreadyStored: 3,
      lastSequence: 3,
    });
    expect(await store.append('case-a', 2, history.slice(1, 4))).toEqual({
      appended: 1,
      alreadyStored: 2,
      lastSequence: 4,
    });
    expect((await store.read('case-a')).length).toBe(4);
  });

  it('refuses a different event at a stored place, and a gap', async () => {
    await expect(store.append('case-a', 2, [event('ApplicationRejected', {}, 1)])).rejects.toBeInstanceOf(
      HistoryConflictError,
    );
    await expect(store.append('case-a', 7, [event('StepOpened', {}, 9)])).rejects.toThrow(/gap after 4/);
    await expect(store.append('case-new', 2, [event('StepOpened', {}, 9)])).rejects.toThrow(/gap after 0/);
    expect((await store.read('case-a')).length).toBe(4);
  });

  it('serialises concurrent appenders of one case: one wins, the other conflicts, no gap or duplicate', async () => {
    const results = await Promise.allSettled([
      store.append('case-race', 1, [event('ApplicationSubmitted', { n: 1 }, 0)]),
      store.append('case-race', 1, [event('ApplicationSubmitted', { n: 2 }, 0)]),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect((await store.read('case-race')).length).toBe(1);
  });

  it('refuses UPDATE and DELETE outright (append-only)', async () => {
    await expect(
      dataSource.query(`UPDATE case_events SET type = 'X' WHERE case_id = 'case-a'`),
    ).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM case_events WHERE case_id = 'case-a'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('verifies the hash chain and pinpoints a row modified behind its back', async () => {
    expect((await store.verify()).breaks).toEqual([]);
    // Someone with owner rights disables the guard and edits an amount.
    await dataSource.query('ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete');
    await dataSource.query(
      `UPDATE case_events SET payload = jsonb_set(payload, '{amount}', '"9999.00"') WHERE case_id = 'case-a' AND sequence = 1`,
    );
    await dataSource.query('ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete');
    const report = await store.verify('case-a');
    expect(report.events).toBe(4);
    expect(report.breaks).toEqual([{ caseId: 'case-a', sequence: 1, problem: 'hash mismatch' }]);
    expect((await store.verify('case-race')).breaks).toEqual([]);
  });
});
