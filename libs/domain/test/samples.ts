import type { Actor } from '../src/actors';
import type { CaseCommand, CommandType } from '../src/commands';
import { currentStep, effectiveDue, isClockRunning, type CaseState, type OpenStep } from '../src/state';
import type { Category, Step } from '../src/steps';
import { openRequests, verificationOf } from '../src/verification';
import {
  dateOf,
  districtEligible,
  democraticData,
  investigationData,
  iso,
  outstanding,
  submitData,
} from './support';

const DAY = 86_400_000;

/**
 * The best valid command of a type for this state and actor: the data a careful user would send.
 * Used to check allowedActions against decide: a listed type must be accepted with this data, an
 * unlisted one rejected.
 */
export function sampleCommand(
  state: CaseState,
  type: CommandType,
  actor: Actor,
  clockMs: number,
  options: { category?: Category; provisional?: boolean; variant?: number } = {},
): CaseCommand {
  const variant = options.variant ?? 0;
  let atMs = clockMs;
  const open = currentStep(state);
  const anyStep: Step = open?.step ?? 'ACCEPTANCE';
  const running = state.openSteps.find(isClockRunning) ?? open;
  const pick = (predicate: (step: OpenStep) => boolean): OpenStep | undefined =>
    state.openSteps.find(predicate);
  const today = dateOf(clockMs);
  const data = ((): unknown => {
    switch (type) {
      case 'SubmitApplication':
        return { ...submitData(options.category ?? 'ILLNESS_POVERTY'), town: actor.town ?? 'none' };
      case 'AcceptApplication':
        return {};
      case 'RequestMissingMaterials':
        return { missingItems: ['户口簿复印件', '住院收费明细'], noticeRef: 'N-1' };
      case 'SupplyMaterials':
        return {
          suppliedItems:
            variant % 2 === 0
              ? (state.materialsNotice?.outstandingItems ?? ['x'])
              : (state.materialsNotice?.outstandingItems ?? ['x']).slice(0, 1),
        };
      case 'RecordInvestigation':
        return investigationData();
      case 'RecordTownReview':
        return { eligible: variant % 4 !== 3, opinion: '意见' };
      case 'RaiseObjection':
        return { objector: '村民', summary: '异议', evidenceRefs: ['E-1'], evidenceValid: variant % 3 !== 2 };
      case 'RecordDemocraticReview':
        return democraticData(variant % 4 !== 3);
      case 'SubmitToDistrict':
        return { materialsRef: 'M-1' };
      case 'RecordDistrictReview':
        return variant % 5 === 4
          ? { eligible: false, reasons: ['不符合'] }
          : districtEligible(
              variant % 2 ? '60000.00' : '12000.50',
              variant % 2 ? 'DISTRICT_LEADER' : 'DISTRICT_BUREAU',
            );
      case 'RecordReInvestigation':
        return variant % 4 === 3
          ? { approve: false, findings: 'f', reasons: ['r'] }
          : { approve: true, findings: 'f' };
      case 'Approve':
        return { decisionRef: 'D-1' };
      case 'Refuse':
        return { reasons: ['不符合条件'] };
      case 'RequestFunds':
        return { requestRef: 'F-1' };
      case 'RecordDisbursement':
        return { amount: state.amounts.approved ?? '1.00', bankReference: 'BANK-1', paidOn: today };
      case 'IssueWrittenNotice':
        return { noticeRef: 'W-1', deliveredOn: today };
      case 'Withdraw':
        return { reason: '撤回' };
      case 'ReportDeath':
        return {
          dateOfDeath: today,
          heir: variant % 2 ? null : { name: '继承人', personRef: 'p-2', relation: '配偶' },
        };
      case 'Suspend':
      case 'Resume':
        return { reason: '第二十条' };
      case 'ReportFraud':
        return { kind: 'FALSE_DECLARATION', findings: '虚报', evidenceRefs: ['E'] };
      case 'RecordRecovery':
        return {
          amount: variant % 2 ? outstanding(state) : halfOrAll(outstanding(state)),
          reference: 'R',
          recoveredOn: today,
        };
      case 'Reassign': {
        const held = pick((step) => step.assignee.id === actor.id) ?? open;
        const current = held?.assignee.id;
        return {
          step: held?.step ?? anyStep,
          toStaffId: current === 'stand-in-1' ? 'stand-in-2' : 'stand-in-1',
          reason: '出差',
        };
      }
      case 'ExtendDeadline': {
        const target = pick((step) => isClockRunning(step) && step.statutoryDue !== null) ?? running;
        const due = target && effectiveDue(target);
        return {
          step: target?.step ?? anyStep,
          newDueDate: due ? dateOf(Date.parse(due.dueAt) + DAY) : dateOf(clockMs + 30 * DAY),
          reason: '领导批准延期',
        };
      }
      case 'RecordDeadline':
      case 'RecomputeDeadline': {
        const target =
          (type === 'RecordDeadline'
            ? pick((step) => isClockRunning(step) && step.awaitingDeadline)
            : pick((step) => isClockRunning(step) && step.statutoryDue?.provisional === true)) ?? running;
        const dueMs = Date.parse(target?.clockStartedAt ?? iso(clockMs)) + (5 + (variant % 3)) * DAY;
        return {
          step: target?.step ?? anyStep,
          dueDate: dateOf(dueMs),
          dueAt: `${dateOf(dueMs)}T23:59:59+08:00`,
          provisional: type === 'RecordDeadline' ? (options.provisional ?? false) : false,
        };
      }
      case 'ClosePublicityPeriod':
      case 'CloseRecipientsList': {
        const steps: Step[] =
          type === 'ClosePublicityPeriod' ? ['FIRST_NOTICE', 'SECOND_NOTICE'] : ['RECIPIENTS_LIST'];
        const target = pick((step) => steps.includes(step.step));
        const due = target && effectiveDue(target);
        if (due) atMs = Math.max(atMs, Date.parse(due.dueAt));
        return type === 'ClosePublicityPeriod' ? { step: target?.step ?? 'FIRST_NOTICE' } : {};
      }
      case 'IssueReminder':
        return { step: running?.step ?? anyStep, kind: 'OPENED' };
      case 'RequestVerification': {
        const n = verificationOf(state).requests.length + 1;
        return {
          ...verificationRequestData(`VR-${n}`, `DEPT-${n}`),
          ...(variant % 2 ? {} : { authorisation: { reference: 'SQ-1', signedOn: today } }),
        };
      }
      case 'AnswerVerification': {
        const request =
          openRequests(state).find((r) => r.department === actor.department) ?? openRequests(state)[0];
        return {
          requestId: request?.requestId ?? 'VR-1',
          values: Object.fromEntries((request?.fields ?? ['homes']).map((f) => [f, 0])),
          answeredOn: today,
          reference: 'ANS-1',
          via: 'API',
        };
      }
      case 'MarkVerificationUnobtainable':
        return { requestId: openRequests(state)[0]?.requestId ?? 'VR-1', reason: '部门系统停机' };
      case 'CorrectVerifiedFact': {
        const request = verificationOf(state).requests.find((r) => r.status === 'ANSWERED');
        return {
          requestId: request?.requestId ?? 'VR-1',
          field: request?.fields[0] ?? 'homes',
          value: 1,
          reason: '入户核实更正',
        };
      }
      case 'UrgeVerification': {
        const request = openRequests(state).find((r) => r.due !== null);
        if (request?.due) atMs = Math.max(atMs, Date.parse(request.due.dueAt) + 1000);
        return { requestId: request?.requestId ?? 'VR-1' };
      }
      case 'RemindVerification': {
        const request = openRequests(state).find((r) => r.due !== null && !r.reminded && r.urges === 0);
        return { requestId: request?.requestId ?? 'VR-1' };
      }
      case 'RecordVerificationDue': {
        const request = openRequests(state).find((r) => r.due === null);
        const dueMs = Date.parse(request?.requestedAt ?? iso(clockMs)) + 7 * DAY;
        return {
          requestId: request?.requestId ?? 'VR-1',
          dueDate: dateOf(dueMs),
          dueAt: `${dateOf(dueMs)}T23:59:59+08:00`,
          provisional: false,
        };
      }
    }
  })();
  return { type, data, actor, at: iso(atMs) } as CaseCommand;
}

function halfOrAll(amount: string): string {
  const fen = Math.round(Number(amount) * 100);
  return fen >= 2 ? (Math.floor(fen / 2) / 100).toFixed(2) : amount;
}

/** A verification request as the API builds it from the policy's departments list (issue 15). */
export function verificationRequestData(requestId: string, department: string, memberId = 'm1') {
  return {
    requestId,
    department,
    departmentName: `${department} 部门`,
    memberId,
    personRef: `P-${memberId}`,
    fields: ['homes', 'deposits'],
    legalBasis: '赤府办发〔2014〕87号 四',
    dueWorkingDays: 5,
    reuseDays: 30,
  };
}
