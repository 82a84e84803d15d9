import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { startTimeSkippingServer } from '../../../libs/devstack/test/time-skipping';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { XINHUI_2018_POLICY, continuationOf, loadPolicyDocument } from '../../../libs/rules/src';
import { bodies, caseClient, today, year } from './support/policy-case';

/**
 * Issue 11 end to end over HTTP (compiled API and worker, Temporal's time-skipping server, PostgreSQL): an
 * administrator uploads a continuation of the 2018 measures, an invalid draft is refused with every problem,
 * a second administrator publishes it, and an application dated today is registered and calculated under it.
 */
describe('policy versions published by administrators', () => {
  let env: TestWorkflowEnvironment;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;
  const { call, waitForStep, step } = caseClient(() => system.baseUrl);
  let decidedCaseId: string;
  const continuation = continuationOf(XINHUI_2018_POLICY, {
    id: 'xinhui-2018-continued',
    from: '2021-10-01',
    to: `${year + 1}-12-31`,
    reference: '关于继续执行《新会区困难群众医疗救助实施办法》的通知（测试）',
  });

  beforeAll(async () => {
    env = await startTimeSkippingServer();
    db = await createTestDatabase('policies_e2e');
    system = await startSystem({
      databaseUrl: db.url,
      taskQueue: `policies-${Date.now()}`,
      temporal: { address: env.address, namespace: env.namespace ?? 'default' },
    });
  });
  afterAll(async () => {
    await system?.stop();
    await env?.teardown();
    await db?.drop();
  });

  it('with no version in force today, refuses an application dated today', async () => {
    const listed = await call('reviewer', 'GET', '/policies');
    expect(listed.body.map((v: { id: string; status: string }) => [v.id, v.status])).toEqual([
      ['xinhui-2018', 'PUBLISHED'],
    ]);
    const refused = await call('caseworker', 'POST', '/cases', bodies.application(today));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'NO_POLICY_IN_FORCE', field: 'applicationDate' });
    expect((await call('caseworker', 'GET', '/policies')).status).toBe(403);
    expect((await call('reviewer', 'PUT', '/policies/x-1', continuation)).status).toBe(403);
  });

  it('refuses an invalid draft with every problem (path, zh, en) and stores nothing', async () => {
    const bad = JSON.parse(JSON.stringify(continuation));
    bad.basicAid.DIBAO.rate.value = 0.9;
    bad.approvalThresholds.ILLNESS_POVERTY.value = '50000';
    delete bad.periods.investigation.source;
    bad.process.urgeFlagTreshold = bad.process.urgeFlagThreshold;
    const res = await call('adminA', 'PUT', '/policies/xinhui-2018-continued', bad);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('POLICY_DOCUMENT_INVALID');
    expect(res.body.error.details.map((i: { path: string }) => i.path)).toEqual([
      'basicAid.DIBAO.rate.value',
      'approvalThresholds.ILLNESS_POVERTY.value',
      'periods.investigation.source',
      'process.urgeFlagTreshold',
    ]);
    for (const issue of res.body.error.details) {
      expect(issue.messageZh).toBeTruthy();
      expect(issue.messageEn).toBeTruthy();
    }
    expect((await call('adminA', 'GET', '/policies/xinhui-2018-continued')).status).toBe(404);
  });

  it('takes a valid draft, previews it, and publishes it only with a second administrator', async () => {
    const draft = await call('adminA', 'PUT', '/policies/xinhui-2018-continued', continuation);
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({
      status: 'DRAFT',
      continues: 'xinhui-2018',
      uploadedBy: { id: 'admin-li' },
    });
    // A draft is never used for a case.
    expect((await call('caseworker', 'POST', '/cases', bodies.application(today))).status).toBe(422);

    const preview = await call('adminB', 'POST', '/policies/xinhui-2018-continued/preview', {});
    expect(preview.status).toBe(200);
    expect(preview.body.baseline.id).toBe('xinhui-2018');
    expect(preview.body.lines).toHaveLength(3);
    for (const line of preview.body.lines) expect(line.difference).toBe('0.00');

    const self = await call('adminA', 'POST', '/policies/xinhui-2018-continued/approve');
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('POLICY_FOUR_EYES');
    expect(self.body.error.messageEn).toContain('another administrator');

    const approved = await call('adminB', 'POST', '/policies/xinhui-2018-continued/approve');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'PUBLISHED', approvedBy: { id: 'admin-wang' } });
    expect((await call('adminA', 'PUT', '/policies/xinhui-2018-continued', continuation)).status).toBe(409);
  });

  it('refuses a range overlapping a published version', async () => {
    const overlapping = await call('adminA', 'POST', '/policies/continue', {
      from: 'xinhui-2018-continued',
      id: 'overlapping',
      effectiveFrom: `${year}-01-01`,
      effectiveTo: `${year + 2}-12-31`,
      documentReference: '重叠的通知（测试）',
    });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error.code).toBe('POLICY_RANGE_OVERLAP');
    expect(overlapping.body.error.messageEn).toContain('xinhui-2018-continued');
  });

  it("registers today's application and calculates it under the published continuation", async () => {
    const created = await call('caseworker', 'POST', '/cases', bodies.application(today));
    expect(created.status).toBe(201);
    const caseId = created.body.caseId;
    await step('caseworker', caseId, 'accept', {}, 'INVESTIGATION');
    await step('caseworker', caseId, 'investigation', bodies.investigation(today), 'TOWN_REVIEW');
    await step('caseworker', caseId, 'town-review', bodies.townReview, 'FIRST_NOTICE');
    await env.sleep('10 days');
    await waitForStep(caseId, 'SUBMISSION');
    await step('caseworker', caseId, 'submit', bodies.submit, 'DISTRICT_REVIEW');
    const review = await step(
      'reviewer',
      caseId,
      'district-review',
      bodies.districtReview(today),
      'SECOND_NOTICE',
    );
    expect(review.amounts.proposed).toBe('2800.00');
    decidedCaseId = caseId;
  });

  it('reproduces a decision made under version A identically after version B is published', async () => {
    const a = await call('adminA', 'GET', '/policies/xinhui-2018-continued');
    const base = loadPolicyDocument(a.body.document);
    const next = continuationOf(base, {
      id: 'raised-rates',
      from: `${year + 2}-01-01`,
      to: `${year + 4}-12-31`,
      reference: '提高因病致贫救助比例的通知（测试）',
      // Open cases adopt it from its first day: still never a decision already made.
      openCases: 'ADOPT_FOR_DECISIONS_NOT_YET_MADE',
    });
    const b = {
      ...next,
      basicAid: {
        ...next.basicAid,
        ILLNESS_POVERTY: {
          ...next.basicAid.ILLNESS_POVERTY,
          rate: { value: '0.75', source: '测试文件第1条' },
        },
      },
    };
    expect((await call('adminB', 'PUT', '/policies/raised-rates', b)).status).toBe(200);
    const preview = await call('adminA', 'POST', '/policies/raised-rates/preview', {});
    expect(preview.body.baseline.id).toBe('xinhui-2018-continued');
    expect(preview.body.lines.some((l: { difference: string }) => l.difference !== '0.00')).toBe(true);
    expect((await call('adminA', 'POST', '/policies/raised-rates/approve')).status).toBe(200);

    const res = await call('reviewer', 'GET', `/cases/${decidedCaseId}/decisions`);
    expect(res.status).toBe(200);
    const calculation = res.body.decisions.find((d: { kind: string }) => d.kind === 'CALCULATION');
    expect(calculation.policy).toEqual({ id: 'xinhui-2018-continued', hash: a.body.hash, adopted: false });
    expect(calculation.result.total).toBe('2800.00');
    expect(calculation.recomputation).toMatchObject({ matches: true });
    const eligibility = res.body.decisions.find((d: { kind: string }) => d.kind === 'ELIGIBILITY');
    expect(eligibility.result.eligible).toBe(true);
    const deadlines = res.body.decisions.filter((d: { kind: string }) => d.kind === 'DEADLINE');
    expect(deadlines.length).toBeGreaterThan(3);
    for (const d of res.body.decisions) {
      expect([d.kind, d.policy.id, d.recomputation.matches]).toEqual([d.kind, 'xinhui-2018-continued', true]);
    }
    const investigation = deadlines.find(
      (d: { inputs: { step: string } }) => d.inputs.step === 'INVESTIGATION',
    );
    expect(investigation.recomputation.result).toMatchObject({
      period: { unit: 'workingDays', count: 10 },
      statutory: true,
    });
  });
});
