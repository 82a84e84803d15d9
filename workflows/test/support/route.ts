import type { WorkflowHandle } from '@temporalio/client';
import type { CaseSummary, Step } from '../../../libs/domain/src';
import type { ActionRequest } from '../../src/definitions';
import {
  WorkflowHarness,
  caseworker,
  calculationFor,
  directRouteHousehold,
  finance,
  householdFor,
  reviewer,
} from './harness';

/**
 * The actions of the FULL route (Art. 15) as a caseworker, reviewer and finance would send them, and
 * drivers that walk a case to a given step so each test starts where its branch begins.
 */
export const actions = {
  accept: { type: 'AcceptApplication', actor: caseworker, data: {} },
  investigate: {
    type: 'RecordInvestigation',
    actor: caseworker,
    data: {
      investigatorIds: ['cw-li', 'cw-wang'],
      visitedOn: '2019-03-05',
      survey: { ref: 'DC-2019-001', signedByInvestigatorIds: ['cw-li', 'cw-wang'], signedByApplicant: true },
      findings: '家庭收入低，医疗负担重',
      household: householdFor(),
    },
  },
  townEligible: {
    type: 'RecordTownReview',
    actor: caseworker,
    data: { eligible: true, opinion: '符合因病致贫条件' },
  },
  submit: { type: 'SubmitToDistrict', actor: caseworker, data: { materialsRef: 'SB-2019-01' } },
  districtEligible: (category = 'ILLNESS_POVERTY', compliantCost?: string) => ({
    type: 'RecordDistrictReview' as const,
    actor: reviewer,
    data: {
      eligible: true as const,
      calculation: calculationFor(category, compliantCost),
      // Art. 14 direct route: no investigation, so the facts come with the district review.
      ...(category === 'ILLNESS_POVERTY' || category === 'OTHER_HARDSHIP'
        ? {}
        : { household: directRouteHousehold() }),
    },
  }),
  approve: { type: 'Approve', actor: reviewer, data: { decisionRef: 'SP-2019-07' } },
  requestFunds: { type: 'RequestFunds', actor: reviewer, data: { requestRef: 'CZ-2019-07' } },
  disburse: (amount: string) => ({
    type: 'RecordDisbursement' as const,
    actor: finance,
    data: { amount, bankReference: 'BANK-778', paidOn: '2019-04-20' },
  }),
  writtenNotice: {
    type: 'IssueWrittenNotice',
    actor: caseworker,
    data: { noticeRef: 'GZ-2019-09', deliveredOn: '2019-04-02' },
  },
} satisfies Record<string, ActionRequest | ((...args: never[]) => ActionRequest)>;

type Handle = WorkflowHandle;

/** Art. 15(4)-(5): the democratic review, held today in workflow time (issue 12: not before the publicity ended). */
export async function democraticReview(h: WorkflowHarness, eligible: boolean): Promise<ActionRequest> {
  return {
    type: 'RecordDemocraticReview',
    actor: caseworker,
    data: {
      eligible,
      conclusion: eligible ? '车辆为残疾人代步车，符合条件' : '评议认定不符合条件',
      participants: ['镇街干部', '村党组织', '党员代表', '村民代表'],
      heldOn: await h.today(),
    },
  };
}

/** The stops of the FULL route, in order, each with how to get past it. */
const FULL_ROUTE: { step: Step; pass: (h: WorkflowHarness, handle: Handle) => Promise<CaseSummary> }[] = [
  { step: 'ACCEPTANCE', pass: (h, handle) => h.act(handle, actions.accept) },
  { step: 'INVESTIGATION', pass: (h, handle) => h.act(handle, actions.investigate) },
  { step: 'TOWN_REVIEW', pass: (h, handle) => h.act(handle, actions.townEligible) },
  { step: 'FIRST_NOTICE', pass: (h, handle) => endPublicity(h, handle, 'SUBMISSION') },
  { step: 'SUBMISSION', pass: (h, handle) => h.act(handle, actions.submit) },
  { step: 'DISTRICT_REVIEW', pass: (h, handle) => h.act(handle, actions.districtEligible()) },
  { step: 'SECOND_NOTICE', pass: (h, handle) => endPublicity(h, handle, 'APPROVAL') },
  { step: 'APPROVAL', pass: (h, handle) => h.act(handle, actions.approve) },
  { step: 'FUNDS_REQUEST', pass: (h, handle) => h.act(handle, actions.requestFunds) },
  { step: 'DISBURSEMENT', pass: (h, handle) => h.act(handle, actions.disburse('2800.00')) },
];

/** Lets a 5-day publicity (extended over rest days) run out without objection. */
export async function endPublicity(h: WorkflowHarness, handle: Handle, next: Step): Promise<CaseSummary> {
  await h.env.sleep('10 days');
  return h.waitFor(handle, (s) => s.currentStep === next, `the publicity to end and ${next} to open`);
}

/** Walks an open FULL-route case from wherever it is to `target` (which stays open). */
export async function advanceTo(h: WorkflowHarness, handle: Handle, target: Step): Promise<CaseSummary> {
  let summary = await h.summary(handle);
  for (;;) {
    if (summary.currentStep === target) return summary;
    const stop = FULL_ROUTE.find((s) => s.step === summary.currentStep);
    if (!stop) throw new Error(`cannot drive from ${summary.currentStep} to ${target}`);
    summary = await stop.pass(h, handle);
  }
}

/** A fresh ILLNESS_POVERTY case walked to `target`. */
export async function caseAt(
  h: WorkflowHarness,
  target: Step,
  overrides: Parameters<WorkflowHarness['startCase']>[0] = {},
) {
  const handle = await h.startCase(overrides);
  const summary = await advanceTo(h, handle, target);
  return { handle, summary };
}
