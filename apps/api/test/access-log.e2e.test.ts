import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { signToken, type Actor } from '../src/auth/jwt';

const TOWNS = ['会城街道', '司前镇'] as const;
const people: Record<string, Actor> = {
  cwA: { id: 'cw-li', name: '李敏', role: 'CASEWORKER', town: TOWNS[0] },
  cwB: { id: 'cw-chen', name: '陈洁', role: 'CASEWORKER', town: TOWNS[1] },
  supervisor: { id: 'sv-lin', name: '林督查', role: 'SUPERVISOR' },
  auditor: { id: 'au-zhou', name: '周审计', role: 'AUDITOR' },
};

/**
 * 查阅记录 over HTTP: every read of a case's personal data is in the access log (who, role, town, when,
 * which case, which endpoint), refused reads are not, supervisors and auditors query it by person, case
 * and time, caseworkers cannot, and the table refuses to be edited.
 */
describe('access log', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;
  let caseId: string;

  const call = async (who: keyof typeof people, method: string, url: string, body?: unknown) => {
    const res = await fetch(`${system.baseUrl}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${await signToken(people[who]!, process.env.JWT_SECRET!)}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
    return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as any };
  };
  const log = async (who: keyof typeof people, params: Record<string, string>) =>
    call(who, 'GET', `/access-log?${new URLSearchParams(params)}`);

  beforeAll(async () => {
    db = await createTestDatabase('access_log_e2e');
    system = await startSystem({ databaseUrl: db.url, taskQueue: `access-log-${Date.now()}` });
    const created = await call('cwA', 'POST', '/cases', {
      category: 'ILLNESS_POVERTY',
      town: TOWNS[0],
      applicationDate: '2019-03-01',
      applicant: { name: '陈阿姨', householdSize: 3, personRef: 'P-440705-0077' },
    });
    expect(created.status).toBe(201);
    caseId = created.body.caseId;
  });
  afterAll(async () => {
    await system?.stop();
    await db?.drop();
  });

  it('records each read of a case by whoever read it, through which endpoint; refused reads are not recorded', async () => {
    const startedAt = new Date().toISOString();
    for (const path of ['', '/events', '/timeline', '/notices', '/eligibility']) {
      expect((await call('cwA', 'GET', `/cases/${caseId}${path}`)).status).toBe(200);
    }
    expect((await call('cwA', 'GET', '/cases')).status).toBe(200);
    expect((await call('supervisor', 'GET', `/supervision/cases/${caseId}/timeline?format=csv`)).status).toBe(
      200,
    );
    // Another town's caseworker is refused: nothing was disclosed, nothing is recorded.
    expect((await call('cwB', 'GET', `/cases/${caseId}`)).status).toBe(403);

    const byCase = await log('supervisor', { caseId });
    expect(byCase.status).toBe(200);
    const rows = byCase.body.items as Array<Record<string, string | null>>;
    expect(rows.map((r) => `${r.staffId} ${r.endpoint}`).sort()).toEqual(
      [
        'cw-li GET /cases',
        'cw-li GET /cases/:caseId',
        'cw-li GET /cases/:caseId/eligibility',
        'cw-li GET /cases/:caseId/events',
        'cw-li GET /cases/:caseId/notices',
        'cw-li GET /cases/:caseId/timeline',
        'sv-lin GET /supervision/cases/:caseId/timeline',
      ].sort(),
    );
    expect(rows.find((r) => r.endpoint === 'GET /cases/:caseId')).toMatchObject({
      staffName: '李敏',
      role: 'CASEWORKER',
      town: TOWNS[0],
      caseId,
    });
    expect(rows.find((r) => r.staffId === 'sv-lin')).toMatchObject({ role: 'SUPERVISOR', town: null });
    for (const r of rows) expect(r.readAt! >= startedAt).toBe(true);
    // Newest first.
    expect([...rows.map((r) => r.readAt)].sort().reverse()).toEqual(rows.map((r) => r.readAt));
  });

  it('answers by person, by case and by time, page by page, for supervisors and auditors only', async () => {
    const byPerson = await log('auditor', { staffId: 'cw-li' });
    expect(byPerson.status).toBe(200);
    expect(byPerson.body.items.length).toBe(6);
    expect(new Set(byPerson.body.items.map((r: { staffId: string }) => r.staffId))).toEqual(
      new Set(['cw-li']),
    );

    const first = await log('auditor', { caseId, limit: '4' });
    expect(first.body.items).toHaveLength(4);
    const second = await log('auditor', { caseId, limit: '4', cursor: first.body.nextCursor });
    expect(second.body.items).toHaveLength(3);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(7);

    const future = await log('supervisor', { caseId, from: '2999-01-01' });
    expect(future.body.items).toHaveLength(0);
    const past = await log('supervisor', { to: '2000-01-01T00:00:00+08:00' });
    expect(past.body.items).toHaveLength(0);

    for (const who of ['cwA', 'cwB'] as const) {
      const refused = await log(who, { caseId });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('ROLE_NOT_PERMITTED');
    }
    const bad = await log('supervisor', { from: 'yesterday' });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_DATA', field: 'from' });
    expect((await log('supervisor', { cursor: 'nope' })).body.error.field).toBe('cursor');
    expect((await log('supervisor', { limit: '0' })).body.error.field).toBe('limit');
    // Querying the log is not itself a read of a case: the log holds the seven reads above, no more.
    expect((await log('supervisor', { caseId })).body.items).toHaveLength(7);
  });

  it('is append-only in the database: no UPDATE, DELETE or TRUNCATE', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      for (const sql of [
        "UPDATE access_log SET staff_id = 'someone-else'",
        'DELETE FROM access_log',
        'TRUNCATE access_log',
      ]) {
        await expect(client.query(sql)).rejects.toThrow(/access_log is append-only/);
      }
      const { rows } = await client.query('SELECT count(*)::int AS n FROM access_log');
      expect(rows[0].n).toBe(7);
    } finally {
      await client.end();
    }
  });
});
