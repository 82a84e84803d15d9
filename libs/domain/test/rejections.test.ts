import type { CaseCommand } from '../src/commands';
import { decide, type Decision } from '../src/decide';
import { REJECTION_CODES, type RejectionCode } from '../src/rejections';
import { requestProblem } from '../src/requests';
import { initialState } from '../src/state';
import {
  actors,
  CaseDriver,
  dateOf,
  PROCEDURE,
  districtEligible,
  expectRejected,
  investigationData,
  submitData,
  submitted,
} from './support';
import { VERIFICATION_REJECTION_EXAMPLES } from './verification.support';

const objection = { objector: '村民甲', summary: 's', evidenceRefs: [], evidenceValid: false };
const fraud = { kind: 'FALSE_DECLARATION', findings: 'f', evidenceRefs: ['E'] };

/** One example per stable rejection code; the last test proves the table covers them all. */
const EXAMPLES: Array<{ code: RejectionCode; field?: string; name: string; decision: () => Decision }> = [
  {
    code: 'UNKNOWN_COMMAND',
    field: 'type',
    name: 'an unknown command type',
    decision: () =>
      decide(undefined, {
        type: 'DeleteCase',
        data: {},
        actor: actors.admin,
        at: '2019-03-01T09:00:00+08:00',
      } as unknown as CaseCommand),
  },
  {
    code: 'INVALID_DATA',
    field: 'data',
    name: 'data that is not an object',
    decision: () => submitted().when('AcceptApplication', null, actors.caseworker),
  },
  {
    code: 'INVALID_DATA',
    field: 'at',
    name: 'a time without offset',
    decision: () => submitted().when('AcceptApplication', {}, actors.caseworker, '2019-03-01 09:00'),
  },
  {
    code: 'INVALID_DATA',
    field: 'actor',
    name: 'an unknown role',
    decision: () => submitted().when('AcceptApplication', {}, { id: 'x', role: 'MAYOR' } as never),
  },
  {
    code: 'INVALID_DATA',
    field: 'actor.town',
    name: 'a caseworker without a town',
    decision: () => submitted().when('AcceptApplication', {}, { id: 'cw', role: 'CASEWORKER' }),
  },
  {
    code: 'INVALID_DATA',
    field: 'data.periods.refusalNotice',
    name: 'a missing process period',
    decision: () =>
      new CaseDriver().when(
        'SubmitApplication',
        submitData('DIBAO', { periods: { ...submitData().periods, refusalNotice: undefined } }),
        actors.caseworker,
      ),
  },
  {
    code: 'TIME_BEFORE_LAST_EVENT',
    field: 'at',
    name: 'a command dated before the last event',
    decision: () => submitted().when('AcceptApplication', {}, actors.caseworker, '2019-02-01T09:00:00+08:00'),
  },
  {
    code: 'CASE_NOT_FOUND',
    name: 'acting on a case never submitted',
    decision: () => new CaseDriver().when('AcceptApplication', {}, actors.caseworker),
  },
  {
    code: 'CASE_ALREADY_EXISTS',
    field: 'caseId',
    name: 'submitting twice',
    decision: () => submitted().when('SubmitApplication', submitData(), actors.caseworker),
  },
  {
    code: 'CASE_CLOSED',
    name: 'acting on a withdrawn case',
    decision: () => {
      const d = submitted();
      d.do('Withdraw', { reason: 'r' }, actors.caseworker);
      return d.when('AcceptApplication', {}, actors.caseworker);
    },
  },
  {
    code: 'ROLE_NOT_PERMITTED',
    field: 'actor.role',
    name: 'a supervisor acting',
    decision: () => submitted().when('AcceptApplication', {}, actors.supervisor),
  },
  {
    code: 'WRONG_TOWN',
    field: 'actor.town',
    name: "another town's caseworker",
    decision: () => submitted().when('AcceptApplication', {}, actors.otherTownCaseworker),
  },
  {
    code: 'WRONG_TOWN',
    field: 'actor.town',
    name: 'registering for another town',
    decision: () => new CaseDriver().when('SubmitApplication', submitData(), actors.otherTownCaseworker),
  },
  {
    code: 'CASE_SUSPENDED',
    name: 'business while suspended',
    decision: () => {
      const d = submitted();
      d.do('Suspend', { reason: 'r' }, actors.reviewer);
      return d.when('AcceptApplication', {}, actors.caseworker);
    },
  },
  {
    code: 'ACTION_NOT_ALLOWED_IN_STEP',
    name: 'approving at acceptance',
    decision: () => submitted().when('Approve', { decisionRef: 'D' }, actors.reviewer),
  },
  {
    code: 'STEP_NOT_OPEN',
    field: 'data.step',
    name: 'a reminder for a step not open',
    decision: () => submitted().when('IssueReminder', { step: 'APPROVAL', kind: 'OPENED' }, actors.system),
  },
  {
    code: 'STEP_CLOCK_PAUSED',
    field: 'data.step',
    name: 'extending a paused step',
    decision: () => {
      const d = submitted();
      d.do('RequestMissingMaterials', { missingItems: ['a'], noticeRef: 'N' }, actors.caseworker);
      return d.when(
        'ExtendDeadline',
        { step: 'ACCEPTANCE', newDueDate: '2019-05-01', reason: 'r' },
        actors.leader,
      );
    },
  },
  {
    code: 'DUPLICATE_MISSING_MATERIALS_NOTICE',
    name: 'a second missing-materials notice',
    decision: () => {
      const d = submitted();
      d.do('RequestMissingMaterials', { missingItems: ['a'], noticeRef: 'N' }, actors.caseworker);
      return d.when('RequestMissingMaterials', { missingItems: ['b'], noticeRef: 'N2' }, actors.caseworker);
    },
  },
  {
    code: 'MATERIALS_OUTSTANDING',
    name: 'accepting with materials outstanding',
    decision: () => {
      const d = submitted();
      d.do('RequestMissingMaterials', { missingItems: ['a'], noticeRef: 'N' }, actors.caseworker);
      return d.when('AcceptApplication', {}, actors.caseworker);
    },
  },
  {
    code: 'NO_MATERIALS_OUTSTANDING',
    name: 'supplying without a notice',
    decision: () => submitted().when('SupplyMaterials', { suppliedItems: ['a'] }, actors.caseworker),
  },
  {
    code: 'INSUFFICIENT_INVESTIGATORS',
    field: 'data.investigatorIds',
    name: 'one investigator',
    decision: () =>
      submitted()
        .driveTo('INVESTIGATION')
        .when('RecordInvestigation', investigationData({ investigatorIds: ['cw-a'] }), actors.caseworker),
  },
  {
    code: 'SURVEY_NOT_SIGNED',
    field: 'data.survey',
    name: 'survey unsigned by the applicant',
    decision: () =>
      submitted()
        .driveTo('INVESTIGATION')
        .when(
          'RecordInvestigation',
          investigationData({
            survey: { ref: 'S', signedByInvestigatorIds: ['cw-a', 'cw-c'], signedByApplicant: false },
          }),
          actors.caseworker,
        ),
  },
  {
    code: 'WRONG_APPROVAL_AUTHORITY',
    field: 'actor.role',
    name: 'the bureau approving a leader-level amount',
    decision: () => {
      const d = submitted('DIBAO').driveTo('DISTRICT_REVIEW');
      d.do('RecordDistrictReview', districtEligible('90000', 'DISTRICT_LEADER'), actors.reviewer);
      return d.when('Approve', { decisionRef: 'D' }, actors.reviewer);
    },
  },
  {
    code: 'AMOUNT_MISMATCH',
    field: 'data.amount',
    name: 'paying another amount',
    decision: () =>
      submitted()
        .driveTo('DISBURSEMENT')
        .when(
          'RecordDisbursement',
          { amount: '1.00', bankReference: 'B', paidOn: '2019-05-01' },
          actors.finance,
        ),
  },
  {
    code: 'AMOUNT_EXCEEDS_OUTSTANDING',
    field: 'data.amount',
    name: 'recovering more than paid',
    decision: () => {
      const d = submitted().driveTo('RECIPIENTS_LIST');
      d.do('ReportFraud', fraud, actors.reviewer);
      return d.when(
        'RecordRecovery',
        { amount: '99999', reference: 'R', recoveredOn: '2019-07-01' },
        actors.reviewer,
      );
    },
  },
  {
    code: 'ALREADY_SUSPENDED',
    name: 'suspending twice',
    decision: () => {
      const d = submitted();
      d.do('Suspend', { reason: 'r' }, actors.reviewer);
      return d.when('Suspend', { reason: 'r' }, actors.reviewer);
    },
  },
  {
    code: 'NOT_SUSPENDED',
    name: 'resuming a running case',
    decision: () => submitted().when('Resume', { reason: 'r' }, actors.reviewer),
  },
  {
    code: 'ALREADY_DISBURSED',
    name: 'withdrawing after payment',
    decision: () =>
      submitted().driveTo('RECIPIENTS_LIST').when('Withdraw', { reason: 'r' }, actors.caseworker),
  },
  {
    code: 'ALREADY_CANCELLED',
    name: 'reporting fraud twice',
    decision: () => {
      const d = submitted().driveTo('RECIPIENTS_LIST');
      d.do('ReportFraud', fraud, actors.reviewer);
      return d.when('ReportFraud', fraud, actors.reviewer);
    },
  },
  {
    code: 'APPLICANT_ALREADY_DECEASED',
    name: 'reporting death twice',
    decision: () => {
      const d = submitted();
      d.do(
        'ReportDeath',
        { dateOfDeath: '2019-03-01', heir: { name: 'h', personRef: 'p', relation: '子' } },
        actors.caseworker,
      );
      return d.when('ReportDeath', { dateOfDeath: '2019-03-01', heir: null }, actors.caseworker);
    },
  },
  {
    code: 'NO_B_POST',
    field: 'data.toStaffId',
    name: 'handing to a B post that does not exist',
    decision: () =>
      submitted()
        .driveTo('DISBURSEMENT')
        .when('Reassign', { step: 'DISBURSEMENT', reason: 'r' }, actors.admin),
  },
  {
    code: 'DEADLINE_NOT_SET',
    field: 'data.step',
    name: 'closing a publicity with no recorded due',
    decision: () => {
      const d = submitted().driveTo('TOWN_REVIEW');
      d.autoDeadlines = false;
      d.do('RecordTownReview', { eligible: true, opinion: 'o' }, actors.caseworker);
      return d.when('ClosePublicityPeriod', { step: 'FIRST_NOTICE' }, actors.system);
    },
  },
  {
    code: 'DEADLINE_ALREADY_SET',
    field: 'data.step',
    name: 'recording a deadline twice',
    decision: () =>
      submitted().when(
        'RecordDeadline',
        { step: 'ACCEPTANCE', dueDate: '2019-03-08', dueAt: '2019-03-08T23:59:59+08:00', provisional: false },
        actors.system,
      ),
  },
  {
    code: 'DEADLINE_NOT_PROVISIONAL',
    field: 'data.step',
    name: 'recomputing a firm deadline',
    decision: () =>
      submitted().when(
        'RecomputeDeadline',
        { step: 'ACCEPTANCE', dueDate: '2019-03-08', dueAt: '2019-03-08T23:59:59+08:00', provisional: false },
        actors.system,
      ),
  },
  {
    code: 'EXTENSION_NOT_LATER',
    field: 'data.newDueDate',
    name: 'an extension that shortens',
    decision: () =>
      submitted().when(
        'ExtendDeadline',
        { step: 'ACCEPTANCE', newDueDate: '2019-03-02', reason: 'r' },
        actors.leader,
      ),
  },
  {
    code: 'PERIOD_NOT_ELAPSED',
    name: 'closing a publicity early',
    decision: () =>
      submitted()
        .driveTo('FIRST_NOTICE')
        .when('ClosePublicityPeriod', { step: 'FIRST_NOTICE' }, actors.system),
  },
  {
    code: 'NOT_YET_OVERDUE',
    field: 'data.kind',
    name: 'a 催办 before the due time',
    decision: () => submitted().when('IssueReminder', { step: 'ACCEPTANCE', kind: 'OVERDUE' }, actors.system),
  },
  {
    code: 'SYSTEM_DECIDED_FIELD',
    field: 'data.proposedAmount',
    name: 'a district review that types the amount',
    decision: () => ({
      ok: false,
      rejection: requestProblem(
        submitted('ILLNESS_POVERTY', { systemDecides: true }).state,
        'RecordDistrictReview',
        {
          eligible: true,
          proposedAmount: '100.00',
        },
      )!,
    }),
  },
  {
    code: 'OVERRIDE_REASON_REQUIRED',
    field: 'data.overrideReason',
    name: 'a town review against the rules without a reason',
    decision: () => {
      const driver = submitted('ILLNESS_POVERTY', { systemDecides: true });
      driver.do('AcceptApplication', {}, actors.caseworker);
      const eligibility = {
        assessmentId: 'A',
        eligible: false,
        policyVersion: 'p',
        failedCriteria: ['BURDEN'],
      };
      driver.do('RecordInvestigation', investigationData({ eligibility }), actors.caseworker);
      return driver.when('RecordTownReview', { eligible: true, opinion: '符合' }, actors.caseworker);
    },
  },
  {
    code: 'PUBLICITY_PERIOD_OVER',
    name: 'an objection after the publicity period ended (issue 12)',
    decision: () =>
      submitted('ILLNESS_POVERTY', { procedure: PROCEDURE })
        .driveTo('FIRST_NOTICE')
        .passDue()
        .when('RaiseObjection', objection, actors.caseworker),
  },
  {
    code: 'NO_HEIR_AWAITED',
    name: 'naming an heir when none is awaited',
    decision: () =>
      submitted('ILLNESS_POVERTY', { procedure: PROCEDURE }).when(
        'NameHeir',
        { heir: { name: '王某', personRef: 'p-2', relation: '配偶' } },
        actors.caseworker,
      ),
  },
  {
    code: 'HEIR_NOT_NAMED',
    name: 'paying while the case waits for an heir',
    decision: () => {
      const d = submitted('DIBAO', { procedure: PROCEDURE }).driveTo('DISBURSEMENT');
      d.do('ReportDeath', { dateOfDeath: dateOf(d.clock) }, actors.reviewer);
      return d.when(
        'RecordDisbursement',
        { amount: '12000.50', bankReference: 'B', paidOn: dateOf(d.clock) },
        actors.finance,
      );
    },
  },
  {
    code: 'HEIR_WAIT_NOT_OVER',
    name: 'ending for no heir before the wait is over',
    decision: () => {
      const d = submitted('ILLNESS_POVERTY', { procedure: PROCEDURE });
      d.do('ReportDeath', { dateOfDeath: dateOf(d.clock) }, actors.caseworker);
      return d.when('EndForNoHeir', {}, actors.system);
    },
  },
  {
    code: 'EXTENSION_NOT_ALLOWED',
    field: 'data.step',
    name: 'extending a step the policy does not allow (issue 12)',
    decision: () =>
      submitted('ILLNESS_POVERTY', { procedure: PROCEDURE })
        .driveTo('TOWN_REVIEW')
        .when(
          'ExtendDeadline',
          { step: 'TOWN_REVIEW', newDueDate: '2019-12-01', reason: 'r' },
          actors.leader,
        ),
  },
  {
    code: 'EXTENSION_TOO_LONG',
    field: 'data.newDueDate',
    name: 'extending past the policy limit',
    decision: () =>
      submitted('ILLNESS_POVERTY', { procedure: PROCEDURE }).when(
        'ExtendDeadline',
        { step: 'ACCEPTANCE', newDueDate: '2019-12-01', reason: 'r' },
        actors.leader,
      ),
  },
  {
    code: 'SUSPENSION_GROUND_NOT_FOR_CATEGORY',
    field: 'data.ground',
    name: "suspending on Art. 20's ground a case outside the key groups",
    decision: () =>
      submitted('ILLNESS_POVERTY', { procedure: PROCEDURE }).when(
        'Suspend',
        { reason: '拒不出院', ground: 'REFUSES_DISCHARGE' },
        actors.reviewer,
      ),
  },
  {
    code: 'SUSPENSION_GROUND_NOT_LISTED',
    field: 'data.ground',
    name: 'suspending on a ground the policy does not list',
    decision: () =>
      submitted('ILLNESS_POVERTY', { procedure: PROCEDURE }).when(
        'Suspend',
        { reason: '领导要求', ground: 'BOSS_SAID_SO' },
        actors.reviewer,
      ),
  },
];

describe('rejections', () => {
  test.each(EXAMPLES)('$code: $name', ({ code, field, decision }) => {
    expectRejected(decision(), code, field);
  });

  test.each(VERIFICATION_REJECTION_EXAMPLES)('$code: $name', ({ code, field, decision }) => {
    expectRejected(decision(), code, field);
  });

  test('every rejection code has an example', () => {
    const codes = [...EXAMPLES, ...VERIFICATION_REJECTION_EXAMPLES].map((example) => example.code);
    expect(new Set(codes)).toEqual(new Set(REJECTION_CODES));
  });

  test('messages say what to do, in both languages', () => {
    const decision = submitted().when('AcceptApplication', {}, actors.otherTownCaseworker);
    expect(decision).toMatchObject({
      ok: false,
      rejection: {
        messageZh: expect.stringContaining('请转交会城街道'),
        messageEn: expect.stringContaining('pass it to 会城街道'),
      },
    });
  });

  test('decide never throws on malformed commands', () => {
    const junk: unknown[] = [
      null,
      undefined,
      42,
      'Approve',
      [],
      { type: 'Approve' },
      { type: 'Approve', actor: null },
      { type: 'Approve', actor: actors.reviewer, at: 5 },
    ];
    for (const value of junk) {
      const decision = decide(initialState, value as CaseCommand);
      expect(decision.ok).toBe(false);
    }
    const driver = submitted().driveTo('DISTRICT_REVIEW');
    const shapes: unknown[] = [
      {},
      { eligible: 'yes' },
      { eligible: true, proposedAmount: 5 },
      { eligible: false, reasons: [1, 2] },
      { eligible: true, proposedAmount: '5', breakdownRef: [], approvalAuthority: null },
    ];
    for (const data of shapes)
      expect(driver.when('RecordDistrictReview', data, actors.reviewer).ok).toBe(false);
  });
});
