import type { Actor } from '../../api/src/auth/jwt';

/**
 * Every request the benchmarks send, in one place: when an action's body changes, this is the only file
 * to update. The bodies are those of the API's own walk through a case (apps/api/test/case-walk.e2e.test.ts
 * and libs/rules/test/fixtures/case-facts.ts): an eligible ILLNESS_POVERTY household.
 *
 * The application date must fall inside a policy version in force (libs/rules/src/policies/; Xinhui 2018
 * is in force 2018-10-01..2021-09-30), and the dates of the facts below are consistent with it.
 */
export const APPLICATION_DATE = '2019-03-01';

export const BENCH_TOWN = '会城街道';

export const BENCH_PEOPLE = {
  caseworker: { id: 'cw-bench', name: '李敏', role: 'CASEWORKER', town: BENCH_TOWN },
  reviewer: { id: 'dr-bench', name: '赵强', role: 'DISTRICT_REVIEWER' },
} as const satisfies Record<string, Actor>;

export type BenchPerson = keyof typeof BENCH_PEOPLE;

export function applicationBody(n: number) {
  return {
    category: 'ILLNESS_POVERTY',
    town: BENCH_TOWN,
    applicationDate: APPLICATION_DATE,
    applicant: { name: `申请人${n}`, householdSize: 3, personRef: `P-BENCH-${String(n).padStart(6, '0')}` },
  };
}

export interface BenchAction {
  /** The path segment: POST /cases/:caseId/<action>. */
  action: string;
  who: BenchPerson;
  body: () => unknown;
  /** The step the case is at once the action is done. */
  then: string;
}

/**
 * The route a case takes without waiting for a timer: accept, investigate, review; then the first
 * publicity runs its 5 days (issue 12: objections are heard through the whole period and do not end it),
 * so the last actions are two objections recorded while it runs.
 */
export const BENCH_ROUTE: BenchAction[] = [
  { action: 'accept', who: 'caseworker', body: () => ({}), then: 'INVESTIGATION' },
  {
    action: 'investigation',
    who: 'caseworker',
    body: () => ({
      investigatorIds: ['cw-bench', 'cw-wang'],
      visitedOn: '2019-03-05',
      survey: { ref: 'DC-1', signedByInvestigatorIds: ['cw-bench', 'cw-wang'], signedByApplicant: true },
      findings: '医疗负担重',
      household: household(),
    }),
    then: 'TOWN_REVIEW',
  },
  {
    action: 'town-review',
    who: 'caseworker',
    body: () => ({ eligible: true, opinion: '符合条件' }),
    then: 'FIRST_NOTICE',
  },
  {
    action: 'objection',
    who: 'caseworker',
    body: () => ({
      objector: '村民代表',
      summary: '收入情况有疑问',
      evidenceRefs: ['YY-1'],
      evidenceValid: true,
    }),
    then: 'FIRST_NOTICE',
  },
  {
    action: 'objection',
    who: 'caseworker',
    body: () => ({ objector: '另一村民', summary: '另有存款', evidenceRefs: [], evidenceValid: false }),
    then: 'FIRST_NOTICE',
  },
];

/** Household facts recorded by the investigation, each with its source (Art. 15(2)): eligible under Art. 5(2) and 6. */
function household() {
  const vehicle = (type: string, extra: Record<string, unknown> = {}) => ({ type, ...extra });
  const assets = (
    homes: number,
    deposits: string,
    securities: string,
    vehicles: unknown[],
    businesses: unknown[] = [],
  ) => ({
    homes,
    deposits,
    securities,
    vehicles,
    businesses,
  });
  return {
    residence: { registeredInDistrict: false, residencePermit: true, residentSince: '2018-09-01' },
    householdDisposableIncome12m: '36000.00',
    members: [
      {
        id: 'm1',
        relation: 'SELF',
        birthDate: '1972-06-01',
        medicalCosts: { inpatientSelfPaid: '15000.00', specifiedOutpatientSelfPaid: '1000.00' },
        assets: assets(
          1,
          '12000.00',
          '0.00',
          [
            vehicle('LIGHT_TRUCK', {
              firstRegistrationDate: '2014-03-01',
              displacementLitres: '1.6',
              usedForLivelihood: true,
            }),
          ],
          [{ kind: 'SMALL_SHOP', employees: 0 }],
        ),
      },
      {
        id: 'm2',
        relation: 'SPOUSE',
        birthDate: '1974-02-11',
        medicalCosts: { inpatientSelfPaid: '6000.00', specifiedOutpatientSelfPaid: '0.00' },
        assets: assets(0, '3000.00', '2000.00', [vehicle('MOTORCYCLE')]),
      },
      {
        id: 'm3',
        relation: 'CHILD',
        birthDate: '1999-09-01',
        education: 'BACHELOR_OR_BELOW',
        assets: assets(0, '500.00', '0.00', []),
      },
      {
        id: 'm4',
        relation: 'CHILD',
        birthDate: '1995-01-01',
        assets: assets(1, '80000.00', '0.00', [vehicle('CAR')]),
      },
    ],
    evidence: [
      { fact: 'residence', source: '派出所居住证登记', verifiedOn: '2019-03-04', reference: 'JZZ-2018-0901' },
      { fact: 'householdDisposableIncome12m', source: '家庭经济状况核对中心', verifiedOn: '2019-03-04' },
      { fact: 'members', source: '入户调查及户籍、不动产、车辆、存款核对', verifiedOn: '2019-03-05' },
    ],
  };
}
