import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { repoRoot } from '../../../libs/devstack/src';
import { launchChromium } from '../../../libs/devstack/test/chromium';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { startTimeSkippingServer } from '../../../libs/devstack/test/time-skipping';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { HOUSEHOLD_VERIFICATION_SECTION, XINHUI_2018_POLICY, continuationOf } from '../../../libs/rules/src';
import { householdFor } from '../../../libs/rules/test/fixtures/case-facts';
import { signToken, type Actor } from '../src/auth/jwt';

const TOWN = '会城街道';
const people: Record<string, Actor> = {
  caseworker: { id: 'cw-li', name: '李敏', role: 'CASEWORKER', town: TOWN },
  otherTown: { id: 'cw-zhou', name: '周静', role: 'CASEWORKER', town: '司前镇' },
  reviewer: { id: 'dr-zhao', name: '赵强', role: 'DISTRICT_REVIEWER' },
  adminA: { id: 'adm-xu', name: '许管理', role: 'ADMINISTRATOR' },
  adminB: { id: 'adm-wang', name: '王管理', role: 'ADMINISTRATOR' },
  supervisor: { id: 'sv-lin', name: '林督查', role: 'SUPERVISOR' },
  auditor: { id: 'au-he', name: '何审计', role: 'AUDITOR' },
  bank: { id: 'li-bank', name: '银行联络员', role: 'DEPARTMENT_LIAISON', department: 'PBOC' },
  police: { id: 'li-police', name: '公安联络员', role: 'DEPARTMENT_LIAISON', department: 'PUBLIC_SECURITY' },
  housing: { id: 'li-housing', name: '住建联络员', role: 'DEPARTMENT_LIAISON', department: 'HOUSING' },
  transport: { id: 'li-transport', name: '交通联络员', role: 'DEPARTMENT_LIAISON', department: 'TRANSPORT' },
  noDepartment: { id: 'li-none', name: '无部门', role: 'DEPARTMENT_LIAISON' },
};
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const AUTHORISATION = { reference: 'SQ-2026-001', signedOn: TODAY };

/**
 * Issue 15 over HTTP with the compiled API and worker, the time-skipping Temporal server and a real database:
 * verification requests to the departments from the investigation, answered by a liaison through the API and
 * by a department's file, one marked unobtainable; eligibility computed from the answers; an overdue request
 * urged and counted by department; liaisons confined to their own department's requests.
 */
describe('household economic verification across departments', () => {
  let env: TestWorkflowEnvironment;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;
  let pg: Client;
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
  const ok = async (who: keyof typeof people, path: string, body: unknown, status = 200) => {
    const res = await call(who, 'POST', path, body);
    expect({ path, status: res.status, error: res.body.error }).toEqual({ path, status, error: undefined });
    return res.body;
  };
  const register = async (personRef: string) => {
    const res = await call('caseworker', 'POST', '/cases', {
      category: 'ILLNESS_POVERTY',
      town: TOWN,
      applicationDate: TODAY,
      applicant: { name: '陈阿姨', householdSize: 4, personRef },
    });
    expect(res.status).toBe(201);
    await ok('caseworker', `/cases/${res.body.caseId}/accept`, {});
    return res.body.caseId as string;
  };
  const ask = (caseId: string, department: string, extra: Record<string, unknown> = {}) =>
    call('caseworker', 'POST', `/cases/${caseId}/verification-requests`, {
      department,
      memberId: 'm1',
      personRef: 'P-VERIFY-1',
      ...extra,
    });
  const eventCount = async (caseId: string) =>
    Number((await pg.query('SELECT count(*) FROM case_events WHERE case_id = $1', [caseId])).rows[0].count);
  const investigation = () => ({
    investigatorIds: ['cw-li', 'cw-wang'],
    visitedOn: TODAY,
    survey: { ref: 'DC-1', signedByInvestigatorIds: ['cw-li', 'cw-wang'], signedByApplicant: true },
    findings: '医疗负担重',
    household: householdFor(),
  });

  let caseId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await startTimeSkippingServer();
    db = await createTestDatabase('household_verification');
    system = await startSystem({
      databaseUrl: db.url,
      taskQueue: `verify-${Date.now()}`,
      temporal: { address: env.address, namespace: env.namespace ?? 'default' },
    });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    // The bureau's next version carries the departments list (xinhui-2018 is published and never edited).
    const document = {
      ...continuationOf(XINHUI_2018_POLICY, {
        id: 'xinhui-2021-verification',
        from: '2021-10-01',
        to: '2031-12-31',
        reference: '关于继续执行《新会区困难群众医疗救助实施办法》并建立家庭经济状况核对机制的通知（测试）',
      }),
      verification: HOUSEHOLD_VERIFICATION_SECTION,
    };
    expect((await call('adminA', 'PUT', '/policies/xinhui-2021-verification', document)).status).toBe(200);
    expect((await call('adminB', 'POST', '/policies/xinhui-2021-verification/approve')).status).toBe(200);
  });
  afterAll(async () => {
    await pg?.end();
    await system?.stop();
    await env?.teardown();
    await db?.drop();
  });

  it('requests go to the departments of the policy, each after the applicant’s authorisation', async () => {
    caseId = await register('P-VERIFY-1');
    const before = await eventCount(caseId);
    const noAuthorisation = await ask(caseId, 'PBOC');
    expect(noAuthorisation.status).toBe(409);
    expect(noAuthorisation.body.error.code).toBe('VERIFICATION_AUTHORISATION_REQUIRED');
    const unknown = await ask(caseId, 'MARS', { authorisation: AUTHORISATION });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_DEPARTMENT', field: 'department' });
    expect(
      (await call('otherTown', 'POST', `/cases/${caseId}/verification-requests`, { department: 'PBOC' }))
        .status,
    ).toBe(403);
    expect(await eventCount(caseId)).toBe(before);

    const bank = await ask(caseId, 'PBOC', { authorisation: AUTHORISATION });
    expect(bank.status).toBe(201);
    expect(bank.body).toMatchObject({
      department: 'PBOC',
      memberId: 'm1',
      fields: ['deposits', 'securities'],
      status: 'OPEN',
      authorisationReference: 'SQ-2026-001',
      legalBasis: expect.stringContaining('赤府办发〔2014〕87号'),
    });
    // Due 10 working days after the request (the policy's parameter for the banks), by the worker's calendar.
    expect(bank.body.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    ids.bank = bank.body.requestId;
    const again = await ask(caseId, 'PBOC');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('VERIFICATION_ALREADY_REQUESTED');
    ids.police = (await ask(caseId, 'PUBLIC_SECURITY')).body.requestId;
    ids.housing = (await ask(caseId, 'HOUSING')).body.requestId;

    const early = await call('caseworker', 'POST', `/cases/${caseId}/investigation`, investigation());
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('VERIFICATIONS_OPEN');
    expect(early.body.error.messageZh).toContain('人民银行支行');
    expect(early.body.error.messageEn).toContain('PUBLIC_SECURITY');
  });

  it('a liaison sees only their department’s requests, only the fields asked, and no case data', async () => {
    const housing = await call('housing', 'GET', '/verification-requests');
    expect(housing.status).toBe(200);
    expect(housing.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([ids.housing]);
    expect(Object.keys(housing.body.items[0]).sort()).toEqual(
      [
        'answer',
        'authorisationReference',
        'caseId',
        'department',
        'dueDate',
        'fields',
        'legalBasis',
        'memberId',
        'personRef',
        'requestId',
        'requestedAt',
        'status',
        'urges',
      ].sort(),
    );
    expect(JSON.stringify(housing.body)).not.toContain('陈阿姨');
    // Each department is told of its requests in its liaisons' inbox (and through the gateway).
    const inbox = await call('bank', 'GET', '/inbox');
    expect(inbox.status).toBe(200);
    expect(JSON.stringify(inbox.body)).toContain('【核对请求】');
    // The first message names the due date the calendar counted, not only the number of working days.
    const housingInbox = JSON.stringify((await call('housing', 'GET', '/inbox')).body);
    expect(housingInbox).toContain(`（${housing.body.items[0].dueDate} 前）反馈`);
    expect(housingInbox).not.toContain('deposits');
    const bank = await call('bank', 'GET', '/verification-requests');
    expect(bank.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([ids.bank]);
    // Another department's request does not exist for them; case screens are closed to them.
    const foreign = await call('housing', 'POST', `/verification-requests/${ids.bank}/answer`, {
      values: { homes: 0 },
      answeredOn: TODAY,
      reference: 'ZJ-1',
    });
    expect(foreign.status).toBe(404);
    for (const path of [
      `/cases/${caseId}`,
      `/cases/${caseId}/events`,
      `/cases/${caseId}/eligibility`,
      `/cases/${caseId}/verification-requests`,
      '/cases',
      '/supervision/verifications',
    ])
      expect({ path, status: (await call('housing', 'GET', path)).status }).toEqual({ path, status: 403 });
    expect((await call('housing', 'POST', `/cases/${caseId}/accept`, {})).status).toBe(403);
    expect((await call('housing', 'GET', '/auth/me')).body).toMatchObject({ department: 'HOUSING' });
    const missing = await call('noDepartment', 'GET', '/verification-requests');
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('DEPARTMENT_MISSING');
  });

  it('the bank answers through the API: every problem listed first, then the answer is recorded', async () => {
    const before = await eventCount(caseId);
    const bad = await call('bank', 'POST', `/verification-requests/${ids.bank}/answer`, {
      values: { deposits: 90000, salary: '1.00' },
      answeredOn: TODAY,
      reference: 'YH-2026-77',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('INVALID_ANSWER');
    expect(bad.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual([
      'values.salary',
      'values.deposits',
      'values.securities',
    ]);
    expect(await eventCount(caseId)).toBe(before);
    const answered = await call('bank', 'POST', `/verification-requests/${ids.bank}/answer`, {
      values: { deposits: '90000.00', securities: '0.00' },
      answeredOn: TODAY,
      reference: 'YH-2026-77',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'ANSWERED',
      answer: { values: { deposits: '90000.00', securities: '0.00' }, reference: 'YH-2026-77', via: 'API' },
    });
  });

  it('the police send a file: a bad file is refused line by line with nothing applied, a good one once', async () => {
    const before = await eventCount(caseId);
    const badCsv = [
      'requestId,answeredOn,reference,vehicles,registeredInDistrict',
      `${ids.police},${TODAY},GA-2026-5,[],maybe`,
      `VR-unknown,2026-13-01,,[],true`,
      `${ids.bank},${TODAY},GA-2026-6,[],true`,
    ].join('\n');
    const bad = await call('police', 'POST', '/verification-imports', { format: 'csv', content: badCsv });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('IMPORT_INVALID');
    expect(
      bad.body.error.details.problems.map((p: { line: number; field: string }) => [p.line, p.field]),
    ).toEqual([
      [2, 'registeredInDistrict'],
      [3, 'answeredOn'],
      [3, 'reference'],
      [3, 'requestId'],
      [4, 'requestId'],
    ]);
    expect(bad.body.error.details.problems[0].messageZh).toContain('第 2 行');
    expect(await eventCount(caseId)).toBe(before);
    expect((await call('police', 'GET', '/verification-requests')).body.items).toHaveLength(1);

    const goodCsv = [
      'requestId,answeredOn,reference,vehicles,registeredInDistrict',
      `${ids.police},${TODAY},GA-2026-5,"[{""type"":""MOTORCYCLE""}]",true`,
      '',
    ].join('\r\n');
    const imported = await call('police', 'POST', '/verification-imports', {
      format: 'csv',
      fileName: 'ga-2026.csv',
      content: goodCsv,
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ status: 'APPLIED', lines: 1, applied: 1, alreadyApplied: 0 });
    const events = await eventCount(caseId);
    // The same file again (a retry after a crash, say): nothing is answered twice.
    const retried = await call('police', 'POST', '/verification-imports', {
      format: 'csv',
      content: goodCsv,
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ importId: imported.body.importId, applied: 0, alreadyApplied: 1 });
    expect(await eventCount(caseId)).toBe(events);
    const answered = await call('police', 'GET', '/verification-requests?status=ANSWERED');
    expect(answered.body.items[0]).toMatchObject({
      requestId: ids.police,
      answer: { via: 'IMPORT', reference: 'GA-2026-5', values: { registeredInDistrict: true } },
    });
  });

  it('with housing unobtainable, the investigation concludes and eligibility comes from the answers', async () => {
    const noReason = await call(
      'caseworker',
      'POST',
      `/cases/${caseId}/verification-requests/${ids.housing}/unobtainable`,
      {},
    );
    expect(noReason.status).toBe(422);
    await ok('caseworker', `/cases/${caseId}/verification-requests/${ids.housing}/unobtainable`, {
      reason: '不动产登记系统迁移，30日内无法查询',
    });
    const summary = await ok('caseworker', `/cases/${caseId}/investigation`, investigation());
    expect(summary.currentStep).toBe('TOWN_REVIEW');
    // The caseworker typed 12,000 of deposits for m1; the banks said 90,000, and that is what counts (Art. 6(2)).
    expect(summary.eligibility).toMatchObject({
      eligible: false,
      failedCriteria: expect.arrayContaining(['DEPOSITS']),
    });
    const eligibility = await call('caseworker', 'GET', `/cases/${caseId}/eligibility`);
    const inForce = eligibility.body.inForce;
    expect(inForce.evidence).toContainEqual({
      fact: 'members.m1.assets.deposits',
      source: '人民银行支行（经各金融机构）（家庭经济状况核对）',
      verifiedOn: TODAY,
      reference: 'YH-2026-77',
    });
    expect(inForce.result.verifications).toEqual([
      expect.objectContaining({
        department: 'PBOC',
        status: 'ANSWERED',
        applied: ['deposits', 'securities'],
        via: 'API',
      }),
      expect.objectContaining({
        department: 'PUBLIC_SECURITY',
        status: 'ANSWERED',
        applied: ['vehicles', 'registeredInDistrict'],
        via: 'IMPORT',
      }),
      expect.objectContaining({
        department: 'HOUSING',
        status: 'UNOBTAINABLE',
        unobtainableReason: '不动产登记系统迁移，30日内无法查询',
      }),
    ]);
    const seen = await call('caseworker', 'GET', `/cases/${caseId}/verification-requests`);
    expect(seen.body.requests.map((r: { status: string }) => r.status)).toEqual([
      'ANSWERED',
      'ANSWERED',
      'UNOBTAINABLE',
    ]);

    // The town concludes otherwise with a reason; the public notice carries name, household size, amount only.
    await ok('caseworker', `/cases/${caseId}/town-review`, {
      eligible: true,
      opinion: '符合条件',
      overrideReason: '存款系亲友为治疗募集的专款，见村委证明',
    });
    const notices = JSON.stringify((await call('caseworker', 'GET', `/cases/${caseId}/notices`)).body);
    expect(notices).toContain('陈阿姨');
    for (const secret of ['90000', 'YH-2026-77', 'GA-2026-5', 'MOTORCYCLE', 'SQ-2026-001'])
      expect(notices).not.toContain(secret);
  });

  it('every read of answers is in the access log: who, when, which case', async () => {
    const log = await call('auditor', 'GET', `/access-log?caseId=${caseId}&limit=500`);
    expect(log.status).toBe(200);
    const reads = log.body.items.map((e: { staffId: string; endpoint: string; caseId: string }) => [
      e.staffId,
      e.endpoint,
    ]);
    expect(reads).toEqual(
      expect.arrayContaining([
        ['li-bank', 'GET /verification-requests'],
        ['li-bank', 'POST /verification-requests/:requestId/answer'],
        ['li-police', 'POST /verification-imports'],
        ['li-police', 'GET /verification-requests'],
        ['cw-li', 'GET /cases/:caseId/verification-requests'],
      ]),
    );
    for (const e of log.body.items) expect(e).toMatchObject({ caseId, readAt: expect.any(String) });
  });

  it('an overdue request is urged and shown by department on the supervisors’ board', async () => {
    const other = await register('P-VERIFY-2');
    const transport = await call('caseworker', 'POST', `/cases/${other}/verification-requests`, {
      department: 'TRANSPORT',
      memberId: 'm1',
      personRef: 'P-VERIFY-2',
      authorisation: AUTHORISATION,
    });
    expect(transport.status).toBe(201);
    const requestId = transport.body.requestId as string;
    const unknownRequest = await call(
      'caseworker',
      'POST',
      `/cases/${other}/verification-requests/VR-none/urge`,
    );
    expect(unknownRequest.status).toBe(404);
    expect(unknownRequest.body.error.code).toBe('VERIFICATION_NOT_FOUND');
    const early = await call('caseworker', 'POST', `/cases/${other}/verification-requests/${requestId}/urge`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('NOT_YET_OVERDUE');
    await env.sleep('15 days');
    // The system has urged it every working morning since it fell due (its own timer): 催办 by the system.
    const listed = await call('caseworker', 'GET', `/cases/${other}/verification-requests`);
    const systemUrges = listed.body.requests[0].urges as number;
    expect(systemUrges).toBeGreaterThanOrEqual(1);
    const events = (await call('caseworker', 'GET', `/cases/${other}/events`)).body;
    expect(events.filter((e: { type: string }) => e.type === 'VerificationUrged')[0]).toMatchObject({
      actor: { role: 'SYSTEM' },
      data: { requestId, department: 'TRANSPORT', count: 1 },
    });
    const inbox = JSON.stringify((await call('transport', 'GET', '/inbox')).body);
    expect(inbox).toContain('【提醒】'); // on the due day
    expect(inbox).toContain('【催办】'); // every working day after it
    expect(events.filter((e: { type: string }) => e.type === 'VerificationReminded')).toHaveLength(1);
    expect(
      (await call('supervisor', 'POST', `/cases/${other}/verification-requests/${requestId}/urge`)).status,
    ).toBe(403);
    const urged = await ok('caseworker', `/cases/${other}/verification-requests/${requestId}/urge`, {});
    expect(urged.urges).toBe(systemUrges + 1);
    const asOf = new Date(Date.parse(`${transport.body.dueDate}T23:59:59+08:00`) + 86_400_000).toISOString();
    const board = await call('supervisor', 'GET', `/supervision/verifications?asOf=${asOf}`);
    expect(board.status).toBe(200);
    expect(board.body.byDepartment).toContainEqual(
      expect.objectContaining({ department: 'TRANSPORT', open: 1, overdue: 1, urges: systemUrges + 1 }),
    );
    expect(board.body.overdue).toContainEqual(
      expect.objectContaining({ requestId, caseId: other, department: 'TRANSPORT', urges: systemUrges + 1 }),
    );
    expect(JSON.stringify(board.body)).not.toContain('values');
    const csv = await fetch(`${system.baseUrl}/supervision/verifications?format=csv&asOf=${asOf}`, {
      headers: { authorization: `Bearer ${await tokenOf('supervisor')}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toMatch(new RegExp(`\r\nTRANSPORT,[^,]+,1,1,${systemUrges + 1},`));
    // The supervisors' dashboard shows the departments' counts and the overdue request.
    const { browser, close } = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${system.baseUrl}/supervision/dashboard`);
      await page.fill('#token', await tokenOf('supervisor'));
      await page.fill('#asOf', asOf);
      await page.click('#connect');
      await page.waitForSelector('body[data-loaded="true"]');
      const row = page.locator('#departments tr.department-row', { hasText: 'TRANSPORT' });
      expect((await row.locator('td').allTextContents()).slice(1, 4)).toEqual([
        '1',
        '1',
        String(systemUrges + 1),
      ]);
      expect(await page.textContent('#verification-overdue')).toContain(other);
      mkdirSync(path.join(repoRoot, '.test-artifacts'), { recursive: true });
      await page.screenshot({
        path: path.join(repoRoot, '.test-artifacts', 'dashboard-verifications.png'),
        fullPage: true,
      });
    } finally {
      await close();
    }
    // A case that ends takes its open requests off the liaison's list and the board.
    expect((await call('transport', 'GET', '/verification-requests')).body.items).toHaveLength(1);
    await ok('caseworker', `/cases/${other}/withdraw`, { reason: '申请人撤回' });
    expect((await call('transport', 'GET', '/verification-requests')).body.items).toEqual([]);
    const after = await call('supervisor', 'GET', `/supervision/verifications?asOf=${asOf}`);
    expect(after.body.byDepartment).toContainEqual(
      expect.objectContaining({ department: 'TRANSPORT', open: 0, overdue: 0 }),
    );
  });

  it('a recent answer about the same person is reused by another case, shown with its origin', async () => {
    const third = await register('P-VERIFY-1');
    const reused = await call('caseworker', 'POST', `/cases/${third}/verification-requests`, {
      department: 'PBOC',
      memberId: 'm1',
      personRef: 'P-VERIFY-1',
      authorisation: AUTHORISATION,
    });
    expect(reused.status).toBe(201);
    expect(reused.body).toMatchObject({
      status: 'ANSWERED',
      reused: true,
      answer: {
        via: 'REUSE',
        values: { deposits: '90000.00', securities: '0.00' },
        reusedFrom: { caseId, requestId: ids.bank, reference: 'YH-2026-77', via: 'API' },
      },
    });
    // Asked afresh on request.
    const fresh = await call('caseworker', 'POST', `/cases/${third}/verification-requests`, {
      department: 'PUBLIC_SECURITY',
      memberId: 'm1',
      personRef: 'P-VERIFY-1',
      reuse: false,
    });
    expect(fresh.body.status).toBe('OPEN');
  });
});
