import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { startTimeSkippingServer } from '../../../libs/devstack/test/time-skipping';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import {
  XINHUI_2018_POLICY,
  continuationOf,
  loadPolicyDocument,
  type PolicyDocument,
} from '../../../libs/rules/src';
import { bodies, caseClient, year } from './support/policy-case';

/**
 * Issue 11, open cases and new versions, end to end (compiled API and worker, time-skipping Temporal,
 * PostgreSQL). Two cases are registered under the 2018 measures (A). A version that keeps open cases on
 * theirs changes nothing: the eligibility and the first calculation are made under A. Then B is published,
 * whose `openCases` says open cases adopt it: the second case's calculation, made after, uses B and says so;
 * every decision made before is unchanged and recomputes identically under its own version.
 */
describe('open cases take a new version for decisions not yet made only where the version says so', () => {
  let env: TestWorkflowEnvironment;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;
  const { call, waitForStep, step } = caseClient(() => system.baseUrl);
  const applicationDate = '2021-06-01'; // under xinhui-2018 (A)
  const cases: Record<'adopting' | 'keeping', string> = { adopting: '', keeping: '' };

  /** Uploaded by one administrator, published by another. */
  const publish = async (document: PolicyDocument) => {
    expect((await call('adminA', 'PUT', `/policies/${document.id}`, document)).status).toBe(200);
    const approved = await call('adminB', 'POST', `/policies/${document.id}/approve`);
    expect(approved.status).toBe(200);
    return approved.body as { hash: string };
  };

  beforeAll(async () => {
    env = await startTimeSkippingServer();
    db = await createTestDatabase('policy_adoption_e2e');
    system = await startSystem({
      databaseUrl: db.url,
      taskQueue: `adoption-${Date.now()}`,
      temporal: { address: env.address, namespace: env.namespace ?? 'default' },
    });
  });
  afterAll(async () => {
    await system?.stop();
    await env?.teardown();
    await db?.drop();
  });

  it('without the flag a new version changes nothing for open cases: eligibility and amount under A', async () => {
    // In force from 2021-10-01, keeping open cases on their version (no openCases: the default).
    await publish(
      continuationOf(XINHUI_2018_POLICY, {
        id: 'bridge',
        from: '2021-10-01',
        to: '2022-12-31',
        reference: '关于继续执行的通知（测试）',
      }),
    );
    for (const which of ['adopting', 'keeping'] as const) {
      const created = await call('caseworker', 'POST', '/cases', bodies.application(applicationDate));
      expect(created.status).toBe(201);
      cases[which] = created.body.caseId;
      await step('caseworker', cases[which], 'accept', {}, 'INVESTIGATION');
      await step(
        'caseworker',
        cases[which],
        'investigation',
        bodies.investigation('2021-06-03'),
        'TOWN_REVIEW',
      );
      await step('caseworker', cases[which], 'town-review', bodies.townReview, 'FIRST_NOTICE');
    }
    await env.sleep('10 days');
    for (const caseId of Object.values(cases)) {
      await waitForStep(caseId, 'SUBMISSION');
      await step('caseworker', caseId, 'submit', bodies.submit, 'DISTRICT_REVIEW');
    }
    const review = await step(
      'reviewer',
      cases.keeping,
      'district-review',
      bodies.districtReview(applicationDate),
      'SECOND_NOTICE',
    );
    expect(review.amounts.proposed).toBe('2800.00');
    const decisions = (await call('reviewer', 'GET', `/cases/${cases.keeping}/decisions`)).body.decisions;
    for (const d of decisions) {
      expect([d.kind, d.policy]).toEqual([
        d.kind,
        { id: 'xinhui-2018', hash: XINHUI_2018_POLICY.hash, adopted: false },
      ]);
    }
  });

  it('with the flag, a later calculation of an open case uses the new version and says so; made decisions stay', async () => {
    const next = continuationOf(
      loadPolicyDocument((await call('adminA', 'GET', '/policies/bridge')).body.document),
      {
        id: 'raised-rates',
        from: '2023-01-01',
        to: `${year + 1}-12-31`,
        reference: '提高因病致贫救助比例并适用于在办案件的通知（测试）',
        openCases: 'ADOPT_FOR_DECISIONS_NOT_YET_MADE',
      },
    );
    const b = await publish({
      ...next,
      basicAid: {
        ...next.basicAid,
        ILLNESS_POVERTY: {
          ...next.basicAid.ILLNESS_POVERTY,
          rate: { value: '0.75', source: '测试文件第1条' },
        },
      },
    });

    const review = await step(
      'reviewer',
      cases.adopting,
      'district-review',
      bodies.districtReview(applicationDate),
      'SECOND_NOTICE',
    );
    expect(review.amounts.proposed).toBe('3000.00'); // 4,000.00 self-paid × 0.75 (A: × 0.7 = 2,800.00)

    const adopting = await call('reviewer', 'GET', `/cases/${cases.adopting}/decisions`);
    expect(adopting.body.policyVersion).toBe('xinhui-2018'); // the case's own version (and its deadlines')
    const byKind = (kind: string) => adopting.body.decisions.filter((d: { kind: string }) => d.kind === kind);
    const [calculation] = byKind('CALCULATION');
    expect(calculation.policy).toEqual({ id: 'raised-rates', hash: b.hash, adopted: true });
    expect(calculation.result.total).toBe('3000.00');
    expect(calculation.recomputation).toMatchObject({ matches: true });
    // Made under A before B was published: unchanged, and reproduced identically.
    const [eligibility] = byKind('ELIGIBILITY');
    expect(eligibility.policy).toEqual({ id: 'xinhui-2018', hash: XINHUI_2018_POLICY.hash, adopted: false });
    expect(eligibility.recomputation).toMatchObject({ matches: true });
    for (const d of byKind('DEADLINE'))
      expect([d.policy.id, d.recomputation.matches]).toEqual(['xinhui-2018', true]);

    const keeping = await call('reviewer', 'GET', `/cases/${cases.keeping}/decisions`);
    for (const d of keeping.body.decisions) {
      expect([d.kind, d.policy.id, d.recomputation.matches]).toEqual([d.kind, 'xinhui-2018', true]);
    }
    const [kept] = keeping.body.decisions.filter((d: { kind: string }) => d.kind === 'CALCULATION');
    expect(kept.result.total).toBe('2800.00');
  });
});
