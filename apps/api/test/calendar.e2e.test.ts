import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { HYPOTHETICAL_2027 } from '../../../libs/calendar/test/fixtures/hypothetical-2027';
import { loadConfig } from '../../../libs/config/src';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { signToken, type Actor } from '../src/auth/jwt';
import { createApiApp } from '../src/bootstrap';
import { CalendarChangeNotifier } from '../src/calendar/calendar-change.notifier';

const caseworker: Actor = { id: 'cw-7', name: '陈经办', role: 'CASEWORKER', town: '会城街道' };
const admin: Actor = { id: 'admin-1', name: '李管理', role: 'ADMINISTRATOR' };
const reason2027 = '国务院办公厅关于2027年部分节假日安排的通知（测试数据）';
const crossing = '/calendar/deadline?trigger=2026-12-24&unit=workingDays&count=10';

// Response bodies are checked field by field with toMatchObject; typing every shape here would add nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

function client(baseUrl: string) {
  const secret = process.env.JWT_SECRET!;
  return async (
    method: string,
    path: string,
    as?: Actor,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(as ? { authorization: `Bearer ${await signToken(as, secret)}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
}

async function countChanges(url: string): Promise<number> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    return Number((await pg.query('SELECT count(*) AS n FROM calendar_changes')).rows[0].n);
  } finally {
    await pg.end();
  }
}

describe('calendar administration over HTTP (real API and worker processes)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;
  let call: ReturnType<typeof client>;

  beforeAll(async () => {
    db = await createTestDatabase('calendar_e2e');
    system = await startSystem({ databaseUrl: db.url, taskQueue: `calendar-${Date.now()}` });
    call = client(system.baseUrl);
  });
  afterAll(async () => {
    await system?.stop();
    await db?.drop();
  });

  it('lets any staff list a year, with status and source of each day', async () => {
    expect((await call('GET', '/calendar/years/2026')).status).toBe(401);
    const { status, body } = await call('GET', '/calendar/years/2026', caseworker);
    expect(status).toBe(200);
    expect(body).toMatchObject({ year: 2026, authoritative: true, source: 'official', changes: [] });
    expect(body.days).toHaveLength(365);
    expect(body.days.find((d: Json) => d.date === '2026-10-01')).toMatchObject({
      status: 'holiday',
      name: '国庆节',
      source: 'official',
      working: false,
      authoritative: true,
    });
    expect(body.coverage.authoritativeThrough).toBe('2026-12-31');
  });

  it('refuses changes from a caseworker (403) and changes nothing', async () => {
    const put = await call('PUT', '/calendar/years/2027', caseworker, {
      reason: reason2027,
      entries: HYPOTHETICAL_2027.entries,
    });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('ROLE_NOT_PERMITTED');
    const post = await call('POST', '/calendar/entries', caseworker, {
      date: '2026-07-15',
      kind: 'closure',
      name: '台风',
      reason: 'x',
    });
    expect(post.status).toBe(403);
    expect(await countChanges(db.url)).toBe(0);
  });

  it('previews a deadline crossing into an unloaded year as provisional', async () => {
    const { status, body } = await call('GET', crossing, caseworker);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      trigger: '2026-12-24',
      basis: { unit: 'working-days', n: 10 },
      dueDate: '2027-01-07',
      dueAt: '2027-01-07T23:59:59.999+08:00',
      provisional: true,
      uncoveredFrom: '2027-01-01',
      authoritativeThrough: '2026-12-31',
    });
    expect(body.reasonZh).toContain('暂定');
  });

  it('answers an invalid arrangement with 422, the field and every issue, and changes nothing', async () => {
    const { status, body } = await call('PUT', '/calendar/years/2027', admin, {
      reason: reason2027,
      entries: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2026-12-31', kind: 'holiday', name: '元旦' },
        { date: '2027-02-20', kind: 'workday', name: '春节' },
        { date: '2027-02-20', kind: 'holiday', name: '春节' },
      ],
    });
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'CALENDAR_VALIDATION_FAILED', field: 'entries[1].date' });
    expect(body.error.messageZh).toContain('未作任何更改');
    expect(body.error.details.map((i: Json) => [i.code, i.field])).toEqual([
      ['DATE_OUTSIDE_YEAR', 'entries[1].date'],
      ['HOLIDAY_AND_WORKDAY', 'entries[3].date'],
    ]);
    const noReason = await call('PUT', '/calendar/years/2027', admin, { entries: HYPOTHETICAL_2027.entries });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error).toMatchObject({
      field: 'reason',
      details: [expect.objectContaining({ code: 'MISSING_REASON' })],
    });
    const badYear = await call('PUT', '/calendar/years/20x7', admin, {
      reason: 'x',
      entries: HYPOTHETICAL_2027.entries,
    });
    expect(badYear.status).toBe(422);
    expect(badYear.body.error.field).toBe('year');

    expect(await countChanges(db.url)).toBe(0);
    expect((await call('GET', '/calendar/coverage', caseworker)).body.authoritativeThrough).toBe(
      '2026-12-31',
    );
  });

  it('loads 2027: coverage moves to 2027-12-31, the change is attributed, the preview becomes certain', async () => {
    const put = await call('PUT', '/calendar/years/2027', admin, {
      reason: reason2027,
      reference: HYPOTHETICAL_2027.reference,
      entries: HYPOTHETICAL_2027.entries,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ changed: true, coverage: { authoritativeThrough: '2027-12-31' } });
    expect(put.body.changeId).toMatch(/^\d+$/);

    const coverage = await call('GET', '/calendar/coverage', caseworker);
    expect(coverage.body).toMatchObject({
      authoritativeThrough: '2027-12-31',
      officialThrough: '2026-12-31',
    });
    expect(coverage.body.years.at(-1)).toEqual({
      year: 2027,
      source: 'bureau',
      reference: HYPOTHETICAL_2027.reference,
    });

    const year = await call('GET', '/calendar/years/2027', caseworker);
    expect(year.body).toMatchObject({ year: 2027, authoritative: true, source: 'bureau' });
    expect(year.body.days.find((d: Json) => d.date === '2027-02-08')).toMatchObject({
      status: 'holiday',
      source: 'bureau',
    });
    expect(year.body.changes).toEqual([
      expect.objectContaining({
        id: put.body.changeId,
        kind: 'YEAR_ARRANGEMENT',
        reason: reason2027,
        reference: HYPOTHETICAL_2027.reference,
        actor: { id: 'admin-1', name: '李管理', role: 'ADMINISTRATOR' },
        current: true,
      }),
    ]);
    expect(Date.parse(year.body.changes[0].createdAt)).toBeGreaterThan(Date.now() - 120_000);

    const preview = await call('GET', crossing, caseworker);
    expect(preview.body).toMatchObject({
      dueDate: '2027-01-08',
      provisional: false,
      authoritativeThrough: '2027-12-31',
    });
    expect(preview.body.reason).toBeUndefined();

    // The same arrangement again is no change (PUT is idempotent).
    const again = await call('PUT', '/calendar/years/2027', admin, {
      reason: 'retry',
      reference: HYPOTHETICAL_2027.reference,
      entries: HYPOTHETICAL_2027.entries,
    });
    expect(again.body).toMatchObject({ changed: false, changeId: put.body.changeId });
    expect(await countChanges(db.url)).toBe(1);
  });

  it('records a local closure and withdraws it, both kept in the year history', async () => {
    const bad = await call('POST', '/calendar/entries', admin, {
      date: '2026-07-15',
      kind: 'typhoon',
      name: '台风',
      reason: 'x',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('kind');

    const closure = await call('POST', '/calendar/entries', admin, {
      date: '2026-07-15',
      kind: 'closure',
      name: '台风停止办公',
      reason: '区政府通知：台风期间全区停止办公',
    });
    expect(closure.status).toBe(200);
    expect(closure.body.change).toMatchObject({ kind: 'ENTRY', year: 2026 });
    const preview = await call(
      'GET',
      '/calendar/deadline?trigger=2026-07-14&unit=workingDays&count=1',
      caseworker,
    );
    expect(preview.body.dueDate).toBe('2026-07-16');

    const withdrawal = await call('POST', '/calendar/entries/2026-07-15/withdrawal', admin, {
      reason: '台风改道，照常办公',
    });
    expect(withdrawal.status).toBe(200);
    const year = await call('GET', '/calendar/years/2026', caseworker);
    expect(year.body.days.find((d: Json) => d.date === '2026-07-15')).toMatchObject({
      status: 'workday',
      source: 'weekday-rule',
    });
    expect(year.body.changes.map((c: Json) => [c.kind, c.current, c.actor.id])).toEqual([
      ['ENTRY', false, 'admin-1'],
      ['ENTRY_WITHDRAWAL', true, 'admin-1'],
    ]);
  });

  it('refuses a malformed preview query with every issue', async () => {
    const { status, body } = await call(
      'GET',
      '/calendar/deadline?trigger=2026-13-01&unit=weeks&count=ten',
      caseworker,
    );
    expect(status).toBe(422);
    expect(body.error.details.map((i: Json) => i.field)).toEqual(['trigger', 'unit', 'count']);
    expect((await call('GET', '/calendar/years/abc', caseworker)).body.error).toMatchObject({
      code: 'CALENDAR_VALIDATION_FAILED',
      field: 'year',
    });
  });

  it('documents the calendar endpoints in OpenAPI', async () => {
    const doc = (await (await fetch(`${system.baseUrl}/docs/openapi.json`)).json()) as Json;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/calendar/years/{year}',
        '/calendar/entries',
        '/calendar/entries/{date}/withdrawal',
        '/calendar/coverage',
        '/calendar/deadline',
      ]),
    );
    expect(doc.components.schemas.LoadYearArrangementDto.properties.entries.items.$ref).toContain(
      'ArrangementEntryDto',
    );
  });
});

// In-process (same HTTP, same modules) so the test can watch the seam the workflows will hang on.
describe('calendar change notification (in-process API)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let call: ReturnType<typeof client>;
  let notify: jest.SpyInstance;

  beforeAll(async () => {
    db = await createTestDatabase('calendar_notify');
    const config = loadConfig({ ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'fatal' });
    app = await createApiApp(config);
    await app.listen(0, '127.0.0.1');
    call = client((await app.getUrl()).replace('[::1]', '127.0.0.1'));
    notify = jest.spyOn(app.get(CalendarChangeNotifier), 'notifyCalendarChanged');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('notifies once per committed change, never for a refused or an unchanged one', async () => {
    await call('PUT', '/calendar/years/2027', admin, { reason: '', entries: HYPOTHETICAL_2027.entries });
    expect(notify).not.toHaveBeenCalled();

    const put = await call('PUT', '/calendar/years/2027', admin, {
      reason: reason2027,
      entries: HYPOTHETICAL_2027.entries,
    });
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0][0]).toMatchObject({
      type: 'CalendarChanged',
      changeId: put.body.changeId,
      kind: 'YEAR_ARRANGEMENT',
      year: 2027,
      affected: { from: '2027-01-01', through: '2027-12-31' },
      authoritativeThrough: '2027-12-31',
      actor: { id: 'admin-1' },
      reason: reason2027,
    });

    await call('PUT', '/calendar/years/2027', admin, {
      reason: reason2027,
      entries: HYPOTHETICAL_2027.entries,
    });
    expect(notify).toHaveBeenCalledTimes(1);

    await call('POST', '/calendar/entries', admin, {
      date: '2027-03-01',
      kind: 'closure',
      name: '停电',
      reason: '办公楼停电',
    });
    expect(notify).toHaveBeenCalledTimes(2);
    expect(notify.mock.calls[1][0]).toMatchObject({
      kind: 'ENTRY',
      affected: { from: '2027-03-01', through: '2027-03-01' },
    });
  });

  it('keeps a committed change when the notification fails', async () => {
    notify.mockRejectedValueOnce(new Error('Temporal unavailable'));
    const post = await call('POST', '/calendar/entries', admin, {
      date: '2027-03-02',
      kind: 'closure',
      name: '停电',
      reason: '办公楼停电',
    });
    expect(post.status).toBe(200);
    expect(post.body.changed).toBe(true);
    const year = await call('GET', '/calendar/years/2027', admin);
    expect(year.body.days.find((d: Json) => d.date === '2027-03-02').status).toBe('closure');
  });
});
