import { randomUUID } from 'node:crypto';
import { householdFor } from '../../../../libs/rules/test/fixtures/case-facts';
import { signToken, type Actor } from '../../src/auth/jwt';

/** People, request bodies and HTTP helpers the policy e2e tests share (issue 11). */
export const TOWN = '会城街道';
export const people: Record<string, Actor> = {
  adminA: { id: 'admin-li', name: '李管理', role: 'ADMINISTRATOR' },
  adminB: { id: 'admin-wang', name: '王复核', role: 'ADMINISTRATOR' },
  caseworker: { id: 'cw-li', name: '李敏', role: 'CASEWORKER', town: TOWN },
  reviewer: { id: 'dr-zhao', name: '赵强', role: 'DISTRICT_REVIEWER' },
};
export const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
export const year = Number(today.slice(0, 4));

/** The request bodies of the case actions, in one place (they follow libs/domain's commands). */
export const bodies = {
  application: (applicationDate: string) => ({
    category: 'ILLNESS_POVERTY',
    town: TOWN,
    applicationDate,
    applicant: { name: '陈阿姨', householdSize: 3, personRef: `P-${randomUUID().slice(0, 8)}` },
  }),
  investigation: (visitedOn: string) => ({
    investigatorIds: ['cw-li', 'cw-wang'],
    visitedOn,
    survey: { ref: 'DC-1', signedByInvestigatorIds: ['cw-li', 'cw-wang'], signedByApplicant: true },
    findings: '医疗负担重',
    household: householdFor(),
  }),
  townReview: { eligible: true, opinion: '符合条件' },
  submit: { materialsRef: 'SB-1' },
  districtReview: (applicationDate: string) => ({
    eligible: true,
    // The application date, category and year-to-date figures are the system's (issue 10).
    calculation: {
      aidYear: Number(applicationDate.slice(0, 4)),
      applicant: { birthDate: '1960-05-01', insured: true },
      bills: [
        {
          id: 'ZY-1',
          kind: 'INPATIENT',
          date: applicationDate,
          totalCost: '10000.00',
          compliantCost: '10000.00',
          reimbursements: { basicInsurance: '5000.00', criticalIllnessInsurance: '1000.00' },
        },
      ],
    },
  }),
};

/** Calls the API as one of `people`; `step` requires the action to be accepted and the case to reach `expected`. */
export function caseClient(baseUrl: () => string) {
  const call = async (who: keyof typeof people, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await signToken(people[who]!, process.env.JWT_SECRET!)}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read many JSON shapes
    return { status: res.status, body: (await res.json()) as any };
  };
  const waitForStep = async (caseId: string, expected: string) => {
    for (let i = 0; i < 100; i++) {
      const res = await call('caseworker', 'GET', `/cases/${caseId}`);
      if (res.body.currentStep === expected) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`case never reached ${expected}`);
  };
  const step = async (
    who: keyof typeof people,
    caseId: string,
    action: string,
    body: unknown,
    expected: string,
  ) => {
    const res = await call(who, 'POST', `/cases/${caseId}/${action}`, body);
    expect({ action, status: res.status, error: res.body.error }).toEqual({
      action,
      status: 200,
      error: undefined,
    });
    expect(res.body.currentStep).toBe(expected);
    return res.body;
  };
  return { call, waitForStep, step };
}
