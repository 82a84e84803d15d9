import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { startTimeSkippingServer } from '../../../libs/devstack/test/time-skipping';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { householdFor } from '../../../libs/rules/test/fixtures/case-facts';
import { signToken, type Actor } from '../src/auth/jwt';

const TOWN = '会城街道';
const people: Record<string, Actor> = {
  caseworker: { id: 'cw-li', name: '李敏', role: 'CASEWORKER', town: TOWN },
  otherTown: { id: 'cw-chen', name: '陈洁', role: 'CASEWORKER', town: '司前镇' },
  reviewer: { id: 'dr-zhao', name: '赵强', role: 'DISTRICT_REVIEWER' },
  finance: { id: 'fin-he', name: '何芳', role: 'FINANCE' },
  supervisor: { id: 'sv-lin', name: '林督查', role: 'SUPERVISOR' },
};

/**
 * A newcomer's walk through one whole case over HTTP: the compiled API and worker as real processes on
 * Temporal's time-skipping server (so the 5-day publicity and the 6-month list pass in milliseconds) and
 * a real PostgreSQL database.
 */
describe('one case from application to recipients list, over HTTP', () => {
  let env: TestWorkflowEnvironment;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;
  const token = (who: keyof typeof people) => signToken(people[who]!, process.env.JWT_SECRET!);
  const call = async (
    who: keyof typeof people,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(who)}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads many JSON shapes
    return { status: res.status, body: (await res.json()) as any };
  };
  const application = {
    category: 'ILLNESS_POVERTY',
    town: TOWN,
    applicationDate: '2019-03-01',
    applicant: { name: '陈阿姨', householdSize: 3, personRef: 'P-440705-0001' },
  };

  beforeAll(async () => {
    env = await startTimeSkippingServer();
    db = await createTestDatabase('case_walk');
    system = await startSystem({
      databaseUrl: db.url,
      taskQueue: `walk-${Date.now()}`,
      temporal: { address: env.address, namespace: env.namespace ?? 'default' },
    });
  });
  afterAll(async () => {
    await system?.stop();
    await env?.teardown();
    await db?.drop();
  });

  let caseId: string;

  it('registers the application once, however often it is sent with the same Idempotency-Key', async () => {
    const key = randomUUID();
    const first = await call('caseworker', 'POST', '/cases', application, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    caseId = first.body.caseId;
    expect(first.body.currentStep).toBe('ACCEPTANCE');
    expect(first.body.allowedActions).toEqual(
      expect.arrayContaining(['AcceptApplication', 'RequestMissingMaterials']),
    );
    const again = await call('caseworker', 'POST', '/cases', application, { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(caseId);
    const changed = await call(
      'caseworker',
      'POST',
      '/cases',
      { ...application, town: TOWN, applicant: { ...application.applicant, householdSize: 4 } },
      { 'idempotency-key': key },
    );
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const none = await call('caseworker', 'POST', '/cases', application);
    expect(none.status).toBe(422);
    expect(none.body.error.field).toBe('Idempotency-Key');
  });

  it('gives two racing registrations with one key one case (201 and 200), and never starts an ended case again', async () => {
    const key = randomUUID();
    const send = () => call('caseworker', 'POST', '/cases', application, { 'idempotency-key': key });
    const racing = await Promise.all([send(), send()]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 201]);
    const racedId = racing[0]!.body.caseId;
    expect(racing[1]!.body.caseId).toBe(racedId);
    const withdrawn = await call('caseworker', 'POST', `/cases/${racedId}/withdraw`, {
      reason: '申请人书面撤回 The applicant withdrew in writing',
    });
    expect(withdrawn.status).toBe(200);
    // Repeated after the case ended: its record answers; no second run submits it again.
    const late = await send();
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ caseId: racedId, status: 'WITHDRAWN' });
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query(
        `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'ApplicationSubmitted'`,
        [racedId],
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await pg.end();
    }
  });

  it('refuses bad input with the field, in Chinese and English, and changes nothing', async () => {
    const bad = await call(
      'caseworker',
      'POST',
      '/cases',
      { ...application, applicant: { ...application.applicant, householdSize: 0 } },
      { 'idempotency-key': randomUUID() },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({
      code: 'INVALID_DATA',
      field: expect.stringContaining('householdSize'),
    });
    expect(bad.body.error.messageZh).toBeTruthy();
    expect(bad.body.error.messageEn).toBeTruthy();
    const noPolicy = await call(
      'caseworker',
      'POST',
      '/cases',
      { ...application, applicationDate: '2030-01-01' },
      { 'idempotency-key': randomUUID() },
    );
    expect(noPolicy.status).toBe(422);
    expect(noPolicy.body.error.field).toBe('applicationDate');
  });

  it('keeps other towns out and refuses actions out of step or role', async () => {
    expect((await call('otherTown', 'GET', `/cases/${caseId}`)).status).toBe(403);
    expect((await call('otherTown', 'POST', `/cases/${caseId}/accept`, {})).status).toBe(403);
    expect((await call('supervisor', 'POST', `/cases/${caseId}/accept`, {})).status).toBe(403);
    const outOfStep = await call('caseworker', 'POST', `/cases/${caseId}/submit`, { materialsRef: 'X' });
    expect(outOfStep.status).toBe(409);
    expect(outOfStep.body.error.code).toBe('ACTION_NOT_ALLOWED_IN_STEP');
    expect((await call('caseworker', 'POST', `/cases/${caseId}/no-such-action`, {})).status).toBe(404);
    expect((await call('caseworker', 'GET', `/cases/${caseId}`)).body.currentStep).toBe('ACCEPTANCE');
  });

  it('walks the whole Art. 15 route', async () => {
    const step = async (who: keyof typeof people, action: string, body: unknown, expected: string) => {
      const res = await call(who, 'POST', `/cases/${caseId}/${action}`, body);
      expect({ action, status: res.status, error: res.body.error }).toEqual({
        action,
        status: 200,
        error: undefined,
      });
      expect(res.body.currentStep).toBe(expected);
      return res.body;
    };
    const waitForStep = async (expected: string) => {
      for (let i = 0; i < 100; i++) {
        const res = await call('caseworker', 'GET', `/cases/${caseId}`);
        if (res.body.currentStep === expected || res.body.status === expected) return res.body;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`case never reached ${expected}`);
    };

    await step('caseworker', 'accept', {}, 'INVESTIGATION');
    const invalid = await call('caseworker', 'POST', `/cases/${caseId}/investigation`, {
      investigatorIds: ['cw-li'],
      visitedOn: '2019-03-05',
      survey: { ref: 'DC-1', signedByInvestigatorIds: ['cw-li'], signedByApplicant: true },
      findings: '…',
      household: householdFor(),
    });
    expect(invalid.status).toBe(409);
    expect(invalid.body.error.code).toBe('INSUFFICIENT_INVESTIGATORS');
    // People record the household facts; the rules decide eligibility from them (issue 10).
    const noFacts = await call('caseworker', 'POST', `/cases/${caseId}/investigation`, {
      investigatorIds: ['cw-li', 'cw-wang'],
      visitedOn: '2019-03-05',
      survey: { ref: 'DC-1', signedByInvestigatorIds: ['cw-li', 'cw-wang'], signedByApplicant: true },
      findings: '…',
    });
    expect(noFacts.status).toBe(422);
    expect(noFacts.body.error.field).toBe('data.household');
    await step(
      'caseworker',
      'investigation',
      {
        investigatorIds: ['cw-li', 'cw-wang'],
        visitedOn: '2019-03-05',
        survey: { ref: 'DC-1', signedByInvestigatorIds: ['cw-li', 'cw-wang'], signedByApplicant: true },
        findings: '医疗负担重',
        household: householdFor(),
      },
      'TOWN_REVIEW',
    );
    await step('caseworker', 'town-review', { eligible: true, opinion: '符合条件' }, 'FIRST_NOTICE');
    await env.sleep('10 days');
    await waitForStep('SUBMISSION');
    await step('caseworker', 'submit', { materialsRef: 'SB-1' }, 'DISTRICT_REVIEW');

    const preview = await call('reviewer', 'POST', '/rules/preview', calculation());
    expect(preview.status).toBe(200);
    expect(preview.body.total).toBe('2800.00');
    // The year-to-date figures are the system's own (issue 10): a review that types them is refused.
    const typed = await call('reviewer', 'POST', `/cases/${caseId}/district-review`, {
      eligible: true,
      calculation: calculation(),
    });
    expect(typed.status).toBe(422);
    expect(typed.body.error).toMatchObject({
      code: 'SYSTEM_DECIDED_FIELD',
      field: 'data.calculation.applicationDate',
    });
    const { applicationDate: _date, category: _category, yearToDate: _ytd, ...costs } = calculation();
    const review = await step(
      'reviewer',
      'district-review',
      { eligible: true, calculation: costs },
      'SECOND_NOTICE',
    );
    expect(review.amounts.proposed).toBe('2800.00');
    await env.sleep('10 days');
    await waitForStep('APPROVAL');
    await step('reviewer', 'approve', { decisionRef: 'SP-1' }, 'FUNDS_REQUEST');
    await step('reviewer', 'request-funds', { requestRef: 'CZ-1' }, 'DISBURSEMENT');
    const wrongAmount = await call('finance', 'POST', `/cases/${caseId}/disbursement`, {
      amount: '2900.00',
      bankReference: 'B-1',
      paidOn: '2019-04-20',
    });
    expect(wrongAmount.status).toBe(409);
    await step(
      'finance',
      'disbursement',
      { amount: '2800.00', bankReference: 'B-1', paidOn: '2019-04-20' },
      'RECIPIENTS_LIST',
    );
    await env.sleep('200 days');
    const closed = await waitForStep('CLOSED');
    expect(closed.status).toBe('CLOSED');

    const timeline = await call('caseworker', 'GET', `/cases/${caseId}/timeline`);
    expect(timeline.body.steps.map((s: { step: string }) => s.step)).toEqual([
      'ACCEPTANCE',
      'INVESTIGATION',
      'TOWN_REVIEW',
      'FIRST_NOTICE',
      'SUBMISSION',
      'DISTRICT_REVIEW',
      'SECOND_NOTICE',
      'APPROVAL',
      'FUNDS_REQUEST',
      'DISBURSEMENT',
      'RECIPIENTS_LIST',
    ]);
    expect(timeline.body.steps.every((s: { statutoryDueDate: string | null }) => s.statutoryDueDate)).toBe(
      true,
    );

    const events = await call('supervisor', 'GET', `/cases/${caseId}/events`);
    expect(events.status).toBe(200);
    const types = events.body.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('ApplicationSubmitted');
    expect(types).toEqual(expect.arrayContaining(['ApplicationAccepted', 'AidDisbursed', 'CaseClosed']));
    // Every change is attributed to the person whose token made it.
    const accepted = events.body.find((e: { type: string }) => e.type === 'ApplicationAccepted');
    expect(accepted.actor.id).toBe('cw-li');
    const paid = events.body.find((e: { type: string }) => e.type === 'AidDisbursed');
    expect(paid.actor.id).toBe('fin-he');

    // The read models follow the event store: lists by town with filters, an inbox of reminders.
    const mine = await call('caseworker', 'GET', '/cases?status=CLOSED');
    expect(mine.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    expect(mine.body.items[0].paidAmount).toBe('2800.00');
    expect((await call('otherTown', 'GET', '/cases')).body.items).toEqual([]);
    expect((await call('caseworker', 'GET', '/cases?step=NOPE')).status).toBe(422);
    const inbox = await call('caseworker', 'GET', '/inbox');
    expect(
      inbox.body.some(
        (n: { eventType: string; titleZh: string }) =>
          n.eventType === 'ReminderIssued' && n.titleZh.includes(caseId),
      ),
    ).toBe(true);
    const ack = await call(
      'caseworker',
      'POST',
      `/inbox/${encodeURIComponent(inbox.body[0].id)}/acknowledge`,
    );
    expect(ack.body.acknowledgedBy).toBe('cw-li');

    // Public notices carry only name, household size and amount (Art. 15(7)); written notices go to the applicant.
    const notices = await call('caseworker', 'GET', `/cases/${caseId}/notices`);
    expect(notices.body.map((n: { kind: string }) => n.kind)).toEqual([
      'FIRST_PUBLICITY',
      'SECOND_PUBLICITY',
      'APPROVAL',
      'RECIPIENTS_LIST',
    ]);
    for (const notice of notices.body.filter((n: { audience: string }) => n.audience === 'PUBLIC')) {
      expect(Object.keys(notice.publicContent).sort()).toEqual([
        'applicantName',
        'householdSize',
        'proposedAmount',
      ]);
      expect(JSON.stringify(notice)).not.toContain('P-440705-0001');
    }
    expect(notices.body[1].publicContent).toEqual({
      applicantName: '陈阿姨',
      householdSize: 3,
      proposedAmount: '2800.00',
    });

    // Art. 35: fraud found after the case closed reopens it from its events; the money is recovered.
    const fraud = await call('reviewer', 'POST', `/cases/${caseId}/fraud`, {
      kind: 'FALSE_DECLARATION',
      findings: '隐瞒名下营运车辆',
      evidenceRefs: ['车管所查询单-1'],
    });
    expect({ status: fraud.status, error: fraud.body.error }).toEqual({ status: 200, error: undefined });
    expect(fraud.body).toMatchObject({ status: 'RECOVERING', currentStep: 'RECOVERY' });
    const recovered = await call('reviewer', 'POST', `/cases/${caseId}/recovery`, {
      amount: '2800.00',
      reference: 'ZH-1',
      recoveredOn: '2019-12-01',
    });
    expect(recovered.body.status).toBe('CANCELLED');
    const ledgerEvents = (await call('supervisor', 'GET', `/cases/${caseId}/events`)).body.map(
      (e: { type: string }) => e.type,
    );
    expect(ledgerEvents.slice(-8)).toEqual(expect.arrayContaining(['FraudReported', 'RecoveryRecorded']));

    // The stored calculation explains the amount by article.
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const rows = await pg.query('SELECT total::text, result FROM aid_calculations WHERE case_id = $1', [
        caseId,
      ]);
      expect(rows.rows[0].total).toBe('2800.00');
      expect(rows.rows[0].result.explanation.lines.length).toBeGreaterThan(0);
    } finally {
      await pg.end();
    }
  });
});

function calculation() {
  return {
    applicationDate: '2019-03-01',
    category: 'ILLNESS_POVERTY',
    aidYear: 2019,
    applicant: { birthDate: '1960-05-01', insured: true },
    yearToDate: {
      basicAidPaid: '0.00',
      secondaryAidPaid: '0.00',
      selfPaidAfterAid: '0.00',
      mentalRehabPaid: '0.00',
    },
    bills: [
      {
        id: 'ZY-1',
        kind: 'INPATIENT',
        date: '2019-02-01',
        totalCost: '10000.00',
        compliantCost: '10000.00',
        reimbursements: { basicInsurance: '5000.00', criticalIllnessInsurance: '1000.00' },
      },
    ],
  };
}
