import { signToken, type Actor } from '../../../apps/api/src/auth/jwt';
import { calculationFor, householdFor } from '../../rules/test/fixtures/case-facts';

/**
 * The one place where the fuzz and chaos runs keep the valid requests they send: who acts, the
 * application, and one valid body per case action (household facts and costs from the rules' fixtures). When an action's body changes (new fields, new rules),
 * change it here.
 */
export const TOWN = '会城街道';
export const OTHER_TOWN = '司前镇';

export const PEOPLE = {
  caseworker: { id: 'cw-li', name: '李敏', role: 'CASEWORKER', town: TOWN },
  otherTown: { id: 'cw-chen', name: '陈洁', role: 'CASEWORKER', town: OTHER_TOWN },
  reviewer: { id: 'dr-zhao', name: '赵强', role: 'DISTRICT_REVIEWER' },
  leader: { id: 'dl-wu', name: '吴局长', role: 'DISTRICT_LEADER' },
  finance: { id: 'fin-he', name: '何芳', role: 'FINANCE' },
  supervisor: { id: 'sv-lin', name: '林督查', role: 'SUPERVISOR' },
  administrator: { id: 'adm-xu', name: '徐管理', role: 'ADMINISTRATOR' },
} as const satisfies Record<string, Actor>;
export type Person = keyof typeof PEOPLE;

export const tokenFor = (who: Person, secret: string) => signToken(PEOPLE[who], secret);

export const application = (n = 0) => ({
  category: 'ILLNESS_POVERTY',
  town: TOWN,
  applicationDate: '2019-03-01',
  applicant: { name: `申请人${n}`, householdSize: 3, personRef: `P-440705-${String(n).padStart(6, '0')}` },
});

/** One valid body per action path of POST /cases/:caseId/<action> (valid in shape; the step decides). */
export const ACTION_BODIES: Record<string, Record<string, unknown>> = {
  accept: {},
  'request-materials': { missingItems: ['户口簿'], noticeRef: 'BZ-1' },
  'supply-materials': { suppliedItems: ['户口簿'] },
  investigation: {
    investigatorIds: ['cw-li', 'cw-wang'],
    visitedOn: '2019-03-05',
    survey: { ref: 'DC-1', signedByInvestigatorIds: ['cw-li', 'cw-wang'], signedByApplicant: true },
    findings: '医疗负担重',
    household: householdFor(),
  },
  'town-review': { eligible: true, opinion: '符合条件' },
  objection: { objector: '村民甲', summary: '收入不实', evidenceRefs: ['E-1'], evidenceValid: false },
  'democratic-review': {
    eligible: true,
    conclusion: '符合',
    participants: ['甲', '乙', '丙'],
    heldOn: '2019-03-08',
  },
  submit: { materialsRef: 'SB-1' },
  'district-review': { eligible: true, calculation: calculationFor() },
  're-investigation': { approve: false, findings: '不符合', reasons: ['收入超标'] },
  approve: { decisionRef: 'SP-1' },
  refuse: { reasons: ['收入超标'] },
  'request-funds': { requestRef: 'CZ-1' },
  disbursement: { amount: '2800.00', bankReference: 'B-1', paidOn: '2019-04-20' },
  'written-notice': { noticeRef: 'WN-1', deliveredOn: '2019-03-10' },
  withdraw: { reason: '申请人撤回' },
  death: { dateOfDeath: '2019-03-09', heir: null },
  suspend: { reason: '待核实' },
  resume: { reason: '已核实' },
  fraud: { kind: 'FALSE_DECLARATION', findings: '隐瞒收入', evidenceRefs: ['E-2'] },
  recovery: { amount: '100.00', reference: 'R-1', recoveredOn: '2019-05-01' },
  reassign: { step: 'INVESTIGATION', toStaffId: 'cw-wang', reason: '休假' },
  'extend-deadline': { step: 'INVESTIGATION', newDueDate: '2019-04-30', reason: '材料复杂' },
};

/** The actions a case takes on the real clock (no publicity period to wait for): ACCEPTANCE → FIRST_NOTICE. */
export const ROUTE_TO_FIRST_NOTICE: Array<{ who: Person; action: string; step: string }> = [
  { who: 'caseworker', action: 'accept', step: 'INVESTIGATION' },
  { who: 'caseworker', action: 'investigation', step: 'TOWN_REVIEW' },
  { who: 'caseworker', action: 'town-review', step: 'FIRST_NOTICE' },
];
