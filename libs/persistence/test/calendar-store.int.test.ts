import { DataSource } from 'typeorm';
import { HYPOTHETICAL_2027 } from '../../calendar/test/fixtures/hypothetical-2027';
import {
  buildCalendar,
  CalendarChangeRejectedError,
  CalendarStore,
  createDataSource,
  listChanges,
  loadBureauOverlay,
} from '../src';
import { createTestDatabase } from './test-database';

const admin = { id: 'admin-1', name: '李管理', role: 'ADMINISTRATOR' };
const load2027 = {
  reason: '国务院办公厅公布2027年节假日安排（测试数据）',
  reference: HYPOTHETICAL_2027.reference,
};

describe('calendar store on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let store: CalendarStore;
  const count = async () =>
    Number((await dataSource.query('SELECT count(*) AS n FROM calendar_changes'))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase('calendar_store');
    dataSource = await createDataSource(db.url).initialize();
    store = new CalendarStore(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('with nothing loaded, is the official data alone: a deadline crossing into 2027 is provisional', async () => {
    expect(await loadBureauOverlay(dataSource.manager)).toEqual({ arrangements: [], entries: [] });
    const calendar = await buildCalendar(dataSource);
    expect(calendar.coverage().authoritativeThrough).toBe('2026-12-31');
    const due = calendar.addWorkingDays('2026-12-24', 10);
    expect(due).toMatchObject({ dueDate: '2027-01-07', provisional: true, uncoveredFrom: '2027-01-01' });
  });

  it('refuses an invalid arrangement with every issue and writes nothing', async () => {
    const attempt = store.recordYearArrangement({
      year: 2027,
      entries: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2028-01-01', kind: 'holiday', name: '元旦' }, // outside the year
        { date: '2027-02-20', kind: 'workday', name: '春节' },
        { date: '2027-02-20', kind: 'holiday', name: '春节' }, // both holiday and make-up day
      ],
      reason: '  ',
      actor: admin,
    });
    await expect(attempt).rejects.toBeInstanceOf(CalendarChangeRejectedError);
    const error = (await attempt.catch((e: unknown) => e)) as CalendarChangeRejectedError;
    expect(error.issues.map((i) => [i.code, i.field])).toEqual([
      ['DATE_OUTSIDE_YEAR', 'entries[1].date'],
      ['HOLIDAY_AND_WORKDAY', 'entries[3].date'],
      ['MISSING_REASON', 'reason'],
    ]);
    await expect(
      store.recordYearArrangement({ year: '2027', entries: [], reason: 'x', actor: admin }),
    ).rejects.toMatchObject({
      issues: [
        expect.objectContaining({ code: 'INVALID_YEAR', field: 'year' }),
        expect.objectContaining({ code: 'EMPTY_ARRANGEMENT' }),
      ],
    });
    expect(await count()).toBe(0);
    expect((await buildCalendar(dataSource)).coverage().authoritativeThrough).toBe('2026-12-31');
  });

  it('records a 2027 arrangement, attributed; coverage extends and the crossing deadline becomes certain', async () => {
    const recorded = await store.recordYearArrangement({
      year: 2027,
      entries: HYPOTHETICAL_2027.entries,
      ...load2027,
      actor: admin,
    });
    expect(recorded.changed).toBe(true);
    expect(recorded.change).toMatchObject({
      kind: 'YEAR_ARRANGEMENT',
      year: 2027,
      reason: load2027.reason,
      actor: admin,
    });
    expect(recorded.change.entries).toHaveLength(HYPOTHETICAL_2027.entries.length);
    expect(recorded.coverage.authoritativeThrough).toBe('2027-12-31');
    expect(recorded.affected).toEqual({ from: '2027-01-01', through: '2027-12-31' });

    // Reloaded from the database by a fresh reader, not only the calendar returned to the writer.
    const calendar = await buildCalendar(dataSource);
    expect(calendar.coverage().authoritativeThrough).toBe('2027-12-31');
    expect(calendar.coverage().years.at(-1)).toEqual({
      year: 2027,
      source: 'bureau',
      reference: HYPOTHETICAL_2027.reference,
    });
    expect(calendar.addWorkingDays('2026-12-24', 10)).toMatchObject({
      dueDate: '2027-01-08',
      provisional: false,
    });
    expect(calendar.dayInfo('2027-02-08')).toMatchObject({
      status: 'holiday',
      name: '春节',
      source: 'bureau',
      authoritative: true,
    });

    const history = await listChanges(dataSource, 2027);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      id: recorded.change.id,
      current: true,
      actor: admin,
      reason: load2027.reason,
    });
    expect(Date.parse(history[0]!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('loading the same arrangement again writes nothing (PUT is idempotent)', async () => {
    const before = await count();
    const again = await store.recordYearArrangement({
      year: 2027,
      entries: [...HYPOTHETICAL_2027.entries].reverse(),
      ...load2027,
      actor: { id: 'admin-2' },
    });
    expect(again.changed).toBe(false);
    expect(await count()).toBe(before);
  });

  it('a later load of the same year supersedes the earlier one, which stays in the history', async () => {
    const first = (await listChanges(dataSource, 2027))[0]!;
    // The corrected notice: New Year's Day only on 1 January.
    const corrected = HYPOTHETICAL_2027.entries.filter(
      (e) => e.date !== '2027-01-02' && e.date !== '2027-01-03',
    );
    const second = await store.recordYearArrangement({
      year: 2027,
      entries: corrected,
      reason: '更正：元旦仅1月1日放假',
      actor: { id: 'admin-2', name: '王管理', role: 'ADMINISTRATOR' },
    });
    expect(second.changed).toBe(true);
    expect(BigInt(second.change.id)).toBeGreaterThan(BigInt(first.id));

    const history = await listChanges(dataSource, 2027);
    expect(history.map((c) => [c.id, c.current, c.supersededBy])).toEqual([
      [first.id, false, second.change.id],
      [second.change.id, true, undefined],
    ]);
    const overlay = await loadBureauOverlay(dataSource.manager);
    expect(overlay.arrangements).toHaveLength(1);
    expect(overlay.arrangements![0]!.entries).toHaveLength(corrected.length);
    const calendar = await buildCalendar(dataSource);
    expect(calendar.dayInfo('2027-01-02').status).toBe('weekend'); // a Saturday, no longer listed
    expect(calendar.coverage().years.at(-1)).toEqual({ year: 2027, source: 'bureau' }); // no reference given this time
  });

  it('records a local closure over everything, without extending coverage, and withdraws it', async () => {
    const closure = await store.recordEntry({
      entry: { date: '2026-07-15', kind: 'closure', name: '台风停止办公' },
      reason: '区政府通知：台风“测试”期间全区停止办公',
      actor: admin,
    });
    expect(closure.change).toMatchObject({
      kind: 'ENTRY',
      year: 2026,
      entries: [{ date: '2026-07-15', kind: 'closure', name: '台风停止办公' }],
    });
    expect(closure.affected).toEqual({ from: '2026-07-15', through: '2026-07-15' });
    let calendar = await buildCalendar(dataSource);
    expect(calendar.dayInfo('2026-07-15')).toMatchObject({
      status: 'closure',
      working: false,
      source: 'bureau',
    });
    expect(calendar.addWorkingDays('2026-07-14', 1).dueDate).toBe('2026-07-16');
    expect(calendar.coverage().authoritativeThrough).toBe('2027-12-31');

    // The same entry again changes nothing; an invalid one is refused with its field, unprefixed.
    expect(
      (
        await store.recordEntry({
          entry: { date: '2026-07-15', kind: 'closure', name: '台风停止办公' },
          reason: 'again',
          actor: admin,
        })
      ).changed,
    ).toBe(false);
    const before = await count();
    await expect(
      store.recordEntry({
        entry: { date: '2026-02-30', kind: 'typhoon', name: '' },
        reason: 'x',
        actor: admin,
      }),
    ).rejects.toMatchObject({
      issues: [
        expect.objectContaining({ code: 'INVALID_KIND', field: 'kind' }),
        expect.objectContaining({ code: 'MISSING_NAME', field: 'name' }),
        expect.objectContaining({ code: 'INVALID_DATE', field: 'date' }),
      ],
    });
    expect(await count()).toBe(before);

    const withdrawn = await store.withdrawEntry({
      date: '2026-07-15',
      reason: '台风改道，照常办公',
      actor: admin,
    });
    expect(withdrawn.change.kind).toBe('ENTRY_WITHDRAWAL');
    calendar = await buildCalendar(dataSource);
    expect(calendar.dayInfo('2026-07-15')).toMatchObject({ status: 'workday', source: 'weekday-rule' });
    await expect(
      store.withdrawEntry({ date: '2026-07-15', reason: 'again', actor: admin }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'NO_ENTRY_TO_WITHDRAW', field: 'date' })],
    });
    const history2026 = await store.listChanges(2026);
    expect(history2026.map((c) => [c.kind, c.current])).toEqual([
      ['ENTRY', false],
      ['ENTRY_WITHDRAWAL', true],
    ]);
  });

  it('serves a cached calendar that follows new changes', async () => {
    const cached = await store.calendar();
    expect(await store.calendar()).toBe(cached);
    await store.recordEntry({
      entry: { date: '2027-03-01', kind: 'closure', name: '停电' },
      reason: '办公楼停电',
      actor: admin,
    });
    const fresh = await store.calendar();
    expect(fresh).not.toBe(cached);
    expect(fresh.dayInfo('2027-03-01').status).toBe('closure');
  });

  it('serialises concurrent loads: both are kept, the later id is in force', async () => {
    const a = HYPOTHETICAL_2027.entries.filter((e) => e.date !== '2027-06-09');
    const b = HYPOTHETICAL_2027.entries.filter((e) => e.date !== '2027-09-15');
    const [ra, rb] = await Promise.all([
      store.recordYearArrangement({ year: 2027, entries: a, reason: 'A', actor: admin }),
      store.recordYearArrangement({ year: 2027, entries: b, reason: 'B', actor: admin }),
    ]);
    const later = BigInt(ra.change.id) > BigInt(rb.change.id) ? ra : rb;
    const current = (await listChanges(dataSource, 2027)).filter(
      (c) => c.kind === 'YEAR_ARRANGEMENT' && c.current,
    );
    expect(current.map((c) => c.id)).toEqual([later.change.id]);
    expect((await buildCalendar(dataSource)).dayInfo(later === ra ? '2027-06-09' : '2027-09-15').status).toBe(
      'workday',
    );
  });

  it('refuses UPDATE and DELETE outright (every change is kept)', async () => {
    await expect(dataSource.query(`UPDATE calendar_changes SET reason = 'x'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM calendar_changes')).rejects.toThrow(/append-only/);
  });
});
