import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { startTimeSkippingServer } from '../../../libs/devstack/test/time-skipping';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import {
  calculationFor,
  directRouteHousehold,
  householdFor,
} from '../../../libs/rules/test/fixtures/case-facts';
import { signToken, type Actor } from '../src/auth/jwt';

const TOWN = '会城街道';
const people: Record<string, Actor> = {
  caseworker: { id: 'cw-li', name: '李敏', role: 'CASEWORKER', town: TOWN },
  reviewer: { id: 'dr-zhao', name: '赵强', role: 'DISTRICT_REVIEWER' },
  leader: { id: 'dl-wu', name: '吴副区长', role: 'DISTRICT_LEADER' },
  admin: { id: 'adm-xu', name: '许管理', role: 'ADMINISTRATOR' },
  supervisor: { id: 'sv-lin', name: '林督查', role: 'SUPERVISOR' },
};

/**
 * Issue 10 over HTTP, with the compiled API and worker on the time-skipping server and a real database:
 * eligibility decided from recorded facts, year-to-date figures from the system's own records (opening
 * balances and the person's other cases, under a lock), and the Art. 17 authority computed, never typed.
 */
describe('money and eligibility decided from the system’s own records', () => {
  let env: TestWorkflowEnvironment;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;
  let pg: Client;
  // One token per person, signed once: concurrent calls then leave in the order they were made.
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (who: keyof typeof people) => {
    if (!tokens.has(who)) tokens.set(who, signToken(people[who]!, process.env.JWT_SECRET!));
    return tokens.get(who)!;
  };
  const call = async (who: keyof typeof people, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokenOf(who)}`,
        'content-type': 'application/json',
        ...(method === 'POST' && path === '/cases' ? { 'idempotency-key': randomUUID() } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads many JSON shapes
    return { status: res.status, body: (await res.json()) as any };
  };
  const ok = async (who: keyof typeof people, path: string, body: unknown) => {
    const res = await call(who, 'POST', path, body);
    expect({ path, status: res.status, error: res.body.error }).toEqual({
      path,
      status: 200,
      error: undefined,
    });
    return res.body;
  };
  const register = async (category: string, personRef: string) => {
    const res = await call('caseworker', 'POST', '/cases', {
      category,
      town: TOWN,
      applicationDate: '2019-03-01',
      applicant: { name: '陈阿姨', householdSize: 3, personRef },
    });
    expect(res.status).toBe(201);
    return res.body.caseId as string;
  };
  const eventCount = async (caseId: string) =>
    Number((await pg.query('SELECT count(*) FROM case_events WHERE case_id = $1', [caseId])).rows[0].count);
  const directReview = (compliantCost?: string) => ({
    eligible: true,
    calculation: calculationFor('DIBAO', compliantCost),
    household: directRouteHousehold(),
  });

  beforeAll(async () => {
    env = await startTimeSkippingServer();
    db = await createTestDatabase('money_records');
    system = await startSystem({
      databaseUrl: db.url,
      taskQueue: `money-${Date.now()}`,
      temporal: { address: env.address, namespace: env.namespace ?? 'default' },
    });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await system?.stop();
    await env?.teardown();
    await db?.drop();
  });

  it('opening balances: administrators only, one per person and year, corrected by a new entry', async () => {
    const entry = {
      personRef: 'P-YTD',
      aidYear: 2019,
      basicAidPaid: '96000.00',
      reference: '2019年手工台账第12页',
      reason: '系统上线前已发放',
    };
    expect((await call('reviewer', 'POST', '/opening-balances', entry)).status).toBe(403);
    const bad = await call('admin', 'POST', '/opening-balances', { ...entry, basicAidPaid: 96000 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('basicAidPaid');
    const first = await call('admin', 'POST', '/opening-balances', entry);
    expect(first.status).toBe(201);
    const again = await call('admin', 'POST', '/opening-balances', entry);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('OPENING_BALANCE_NOT_CURRENT');
    const corrected = await call('admin', 'POST', '/opening-balances', {
      ...entry,
      basicAidPaid: '95000.00',
      reason: '台账复核更正',
      supersedes: first.body.id,
    });
    expect(corrected.status).toBe(201);
    const list = await call('reviewer', 'GET', '/opening-balances?personRef=P-YTD&aidYear=2019');
    expect(
      list.body.map((b: { current: boolean; figures: { basicAidPaid: string } }) => [
        b.current,
        b.figures.basicAidPaid,
      ]),
    ).toEqual([
      [false, '96000.00'],
      [true, '95000.00'],
    ]);
    await expect(pg.query('UPDATE aid_opening_balances SET basic_aid = 0')).rejects.toThrow(/append-only/);
  });

  it('two cases of one person decided at the same moment share the cap room, never both use it', async () => {
    // Room left under the DIBAO cap (Art. 9: 100,000 a year): 100,000 - 95,000 = 5,000. Each case alone
    // would get 90% of 4,000 = 3,600 basic aid.
    const [a, b] = [await register('DIBAO', 'P-YTD'), await register('DIBAO', 'P-YTD')];
    await ok('caseworker', `/cases/${a}/accept`, {});
    await ok('caseworker', `/cases/${b}/accept`, {});
    const typed = await call('reviewer', 'POST', `/cases/${a}/district-review`, {
      ...directReview(),
      calculation: { ...calculationFor(), yearToDate: { basicAidPaid: '0.00' } },
    });
    expect(typed.status).toBe(422);
    expect(typed.body.error).toMatchObject({
      code: 'SYSTEM_DECIDED_FIELD',
      field: 'data.calculation.yearToDate',
    });
    const amountTyped = await call('reviewer', 'POST', `/cases/${a}/district-review`, {
      ...directReview(),
      proposedAmount: '3600.00',
    });
    expect(amountTyped.status).toBe(422);
    const before = await eventCount(a);

    const [ra, rb] = await Promise.all([
      call('reviewer', 'POST', `/cases/${a}/district-review`, directReview()),
      call('reviewer', 'POST', `/cases/${b}/district-review`, directReview()),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect(await eventCount(a)).toBeGreaterThan(before);
    const rows = await pg.query(
      `SELECT case_id, result->'components'->>'basicAid' AS basic, input->'yearToDate'->>'basicAidPaid' AS ytd
       FROM aid_calculations WHERE case_id = ANY($1) ORDER BY created_at`,
      [[a, b]],
    );
    expect(rows.rows).toHaveLength(2);
    // The first decided saw only the opening balance; the second also saw the first's proposal.
    expect(rows.rows.map((r) => [r.basic, r.ytd])).toEqual([
      ['3600.00', '95000.00'],
      ['1400.00', '98600.00'],
    ]);
    const usage = await pg.query(
      `SELECT sum(basic_aid)::text AS used FROM aid_cap_usage WHERE person_ref = 'P-YTD' AND status <> 'RELEASED'`,
    );
    expect(usage.rows[0].used).toBe('5000.00');
    const basicOf = async (caseId: string) =>
      (
        await pg.query(
          `SELECT result->'components'->>'basicAid' AS basic, input->'yearToDate'->>'basicAidPaid' AS ytd
           FROM aid_calculations WHERE case_id = $1 ORDER BY created_at DESC LIMIT 1`,
          [caseId],
        )
      ).rows[0];
    // The basic-aid cap is full: a third case gets no basic aid (Art. 10 secondary aid may remain).
    const c = await register('DIBAO', 'P-YTD');
    await ok('caseworker', `/cases/${c}/accept`, {});
    await ok('reviewer', `/cases/${c}/district-review`, directReview());
    expect(await basicOf(c)).toEqual({ basic: '0.00', ytd: '100000.00' });
    // Withdrawing a case releases the room it held for the person's later cases.
    await ok('caseworker', `/cases/${a}/withdraw`, { reason: '申请人撤回' });
    const released = await pg.query(`SELECT status FROM aid_cap_usage WHERE case_id = $1`, [a]);
    expect(released.rows[0].status).toBe('RELEASED');
    const d = await register('DIBAO', 'P-YTD');
    await ok('caseworker', `/cases/${d}/accept`, {});
    await ok('reviewer', `/cases/${d}/district-review`, directReview());
    // d sees the opening balance and b (a is released, c used no basic aid): whichever of a and b was
    // decided first took 3,600, the other 1,400.
    const bBasic = Number((await basicOf(b)).basic);
    expect(await basicOf(d)).toEqual({
      basic: Math.min(3600, 5000 - bBasic).toFixed(2),
      ytd: (95000 + bBasic).toFixed(2),
    });
  });

  it('when every cap of the year is used up the reviewer is told to refuse, not to propose 0.00', async () => {
    const full = {
      personRef: 'P-FULL',
      aidYear: 2019,
      basicAidPaid: '100000.00',
      secondaryAidPaid: '30000.00',
      reference: '2019年手工台账第3页',
      reason: '系统上线前已发放',
    };
    expect((await call('admin', 'POST', '/opening-balances', full)).status).toBe(201);
    const caseId = await register('DIBAO', 'P-FULL');
    await ok('caseworker', `/cases/${caseId}/accept`, {});
    const before = await eventCount(caseId);
    const nothing = await call('reviewer', 'POST', `/cases/${caseId}/district-review`, directReview());
    expect(nothing.status).toBe(422);
    expect(nothing.body.error.code).toBe('NO_AID_DUE');
    expect(await eventCount(caseId)).toBe(before);
    const usage = await pg.query('SELECT count(*)::int AS n FROM aid_cap_usage WHERE case_id = $1', [caseId]);
    expect(usage.rows[0].n).toBe(0);
  });

  it('the approval authority comes from the amount: a leader-level case cannot be approved by a reviewer', async () => {
    const caseId = await register('DIBAO', 'P-BIG');
    await ok('caseworker', `/cases/${caseId}/accept`, {});
    const review = await ok('reviewer', `/cases/${caseId}/district-review`, directReview('200000.00'));
    expect(review.amounts.approvalAuthority).toBe('DISTRICT_LEADER'); // 100,000 > 80,000 (Art. 17)
    const byReviewer = await call('reviewer', 'POST', `/cases/${caseId}/approve`, { decisionRef: 'SP-1' });
    expect(byReviewer.body.error?.code).toBe('WRONG_APPROVAL_AUTHORITY');
    const approved = await ok('leader', `/cases/${caseId}/approve`, { decisionRef: 'SP-1' });
    expect(approved.status).toBe('APPROVED');
  });

  it('eligibility is decided from the recorded facts; a town review against it needs a reason, shown to supervisors', async () => {
    const caseId = await register('ILLNESS_POVERTY', 'P-ELIG');
    await ok('caseworker', `/cases/${caseId}/accept`, {});
    const survey = {
      investigatorIds: ['cw-li', 'cw-wang'],
      visitedOn: '2019-03-05',
      survey: { ref: 'DC-9', signedByInvestigatorIds: ['cw-li', 'cw-wang'], signedByApplicant: true },
      findings: '医疗支出较少',
    };
    const unsourced = householdFor({ burden: false });
    const noSource = await call('caseworker', 'POST', `/cases/${caseId}/investigation`, {
      ...survey,
      household: { ...unsourced, evidence: unsourced.evidence.slice(0, 1) },
    });
    expect(noSource.status).toBe(422);
    expect(noSource.body.error.field).toBe('data.household.evidence');
    await ok('caseworker', `/cases/${caseId}/investigation`, { ...survey, household: unsourced });
    const eligibility = await call('caseworker', 'GET', `/cases/${caseId}/eligibility`);
    expect(eligibility.body.inForce.eligible).toBe(false);
    expect(
      eligibility.body.inForce.result.criteria.find((c: { id: string }) => c.id === 'BURDEN').passed,
    ).toBe(false);
    expect(eligibility.body.inForce.evidence.length).toBe(3);

    const before = await eventCount(caseId);
    const bare = await call('caseworker', 'POST', `/cases/${caseId}/town-review`, {
      eligible: true,
      opinion: '符合',
    });
    expect(bare.status).toBe(422);
    expect(bare.body.error.code).toBe('OVERRIDE_REASON_REQUIRED');
    expect(await eventCount(caseId)).toBe(before);
    await ok('caseworker', `/cases/${caseId}/town-review`, {
      eligible: true,
      opinion: '符合',
      overrideReason: '本月新增住院费用票据尚未入账，已核实',
    });
    const timeline = await call('caseworker', 'GET', `/cases/${caseId}/timeline`);
    expect(timeline.body.eligibility).toMatchObject({ eligible: false, conclusion: true });
    expect(timeline.body.eligibility.overrides[0]).toMatchObject({ step: 'TOWN_REVIEW', by: 'cw-li' });
    const board = await call('supervisor', 'GET', '/supervision/board');
    expect(board.body.eligibilityOverrides).toEqual([{ town: TOWN, step: 'TOWN_REVIEW', overrides: 1 }]);
    const overrides = await call('supervisor', 'GET', '/supervision/overrides');
    expect(overrides.body.overrides[0]).toMatchObject({
      caseId,
      reason: '本月新增住院费用票据尚未入账，已核实',
    });
  });
});
