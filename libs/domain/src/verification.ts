import type { CommandEnvelope } from './commands';
import type { EventEnvelope } from './events';
import type { Rejection } from './rejections';
import type { Due } from './state';

/**
 * Issue 15: household economic verification across departments (家庭经济状况核对, joint-meeting rules
 * 赤府办发〔2014〕87号 四). The investigation asks each department about one household member; the department's
 * liaison answers (by hand or by file), or the caseworker marks the request unobtainable with a reason. The
 * investigation cannot conclude while a request is open. What each department answers, on what legal basis and
 * within how many working days comes from the case's policy version (the API copies it into the command).
 */

export type VerificationStatus = 'OPEN' | 'ANSWERED' | 'UNOBTAINABLE';
/** How an answer arrived: a liaison through the API, a department's file, or another case's recent answer. */
export type AnswerChannel = 'API' | 'IMPORT' | 'REUSE';

/** The applicant's written authorisation to query the departments (授权书); required before any request. */
export interface VerificationAuthorisation {
  reference: string;
  signedOn: string;
}

/** Another case's answer for the same person and department, reused within the policy's window. */
export interface ReusedAnswer {
  caseId: string;
  requestId: string;
  department: string;
  answeredOn: string;
  reference: string;
  /** How the original arrived (API or IMPORT). */
  via: AnswerChannel;
}

export interface VerificationAnswer {
  values: Record<string, unknown>;
  answeredOn: string;
  reference: string;
  via: AnswerChannel;
  by: string;
  at: string;
  reusedFrom: ReusedAnswer | null;
}

export interface FactCorrection {
  field: string;
  original: unknown;
  corrected: unknown;
  reason: string;
  by: string;
  at: string;
}

export interface VerificationRequestRecord {
  requestId: string;
  department: string;
  departmentName: string;
  memberId: string;
  personRef: string;
  fields: string[];
  legalBasis: string;
  dueWorkingDays: number;
  reuseDays: number;
  requestedAt: string;
  requestedBy: string;
  /** Counted by the worker's calendar from the request (working days); null until recorded. */
  due: Due | null;
  status: VerificationStatus;
  answer: VerificationAnswer | null;
  unobtainable: { reason: string; by: string; at: string } | null;
  corrections: FactCorrection[];
  urges: number;
  /** The department was reminded on the due day (absent in states recorded before the reminder existed). */
  reminded?: boolean;
}

export interface VerificationState {
  authorisation: (VerificationAuthorisation & { recordedAt: string; by: string }) | null;
  requests: VerificationRequestRecord[];
}

export const EMPTY_VERIFICATION: VerificationState = { authorisation: null, requests: [] };

// ---- commands -------------------------------------------------------------------------------------------

export type RequestVerification = CommandEnvelope<
  'RequestVerification',
  {
    requestId: string;
    department: string;
    departmentName: string;
    memberId: string;
    personRef: string;
    fields: string[];
    legalBasis: string;
    dueWorkingDays: number;
    reuseDays: number;
    /** Required unless the case already holds one. */
    authorisation?: VerificationAuthorisation;
    /** Filled in by the system: another case's answer within the reuse window. */
    reuse?: { values: Record<string, unknown>; from: ReusedAnswer };
  }
>;
export type AnswerVerification = CommandEnvelope<
  'AnswerVerification',
  {
    requestId: string;
    values: Record<string, unknown>;
    answeredOn: string;
    reference: string;
    via: 'API' | 'IMPORT';
  }
>;
export type MarkVerificationUnobtainable = CommandEnvelope<
  'MarkVerificationUnobtainable',
  { requestId: string; reason: string }
>;
export type CorrectVerifiedFact = CommandEnvelope<
  'CorrectVerifiedFact',
  { requestId: string; field: string; value: unknown; reason: string }
>;
export type UrgeVerification = CommandEnvelope<'UrgeVerification', { requestId: string }>;
/** The system reminds the department on the due day's office morning (a reminder, not a counted 催办). */
export type RemindVerification = CommandEnvelope<'RemindVerification', { requestId: string }>;
export type RecordVerificationDue = CommandEnvelope<
  'RecordVerificationDue',
  { requestId: string; dueDate: string; dueAt: string; provisional: boolean }
>;

export type VerificationCommand =
  | RequestVerification
  | AnswerVerification
  | MarkVerificationUnobtainable
  | CorrectVerifiedFact
  | UrgeVerification
  | RemindVerification
  | RecordVerificationDue;

export const VERIFICATION_COMMAND_TERMS: Record<VerificationCommand['type'], { zh: string; en: string }> = {
  RequestVerification: { zh: '发起家庭经济状况核对', en: 'request a household economic verification' },
  AnswerVerification: { zh: '反馈核对结果', en: 'answer a verification request' },
  MarkVerificationUnobtainable: { zh: '登记无法核对', en: 'mark a verification unobtainable' },
  CorrectVerifiedFact: { zh: '更正核对事实', en: 'correct a verified fact' },
  UrgeVerification: { zh: '催办核对请求', en: 'urge a verification request' },
  RemindVerification: { zh: '提醒核对请求今日到期', en: 'remind of a verification request due today' },
  RecordVerificationDue: { zh: '登记核对反馈时限', en: 'record a verification due date' },
};

// ---- events ---------------------------------------------------------------------------------------------

export type VerificationAuthorisationRecorded = EventEnvelope<
  'VerificationAuthorisationRecorded',
  VerificationAuthorisation
>;
export type VerificationRequested = EventEnvelope<
  'VerificationRequested',
  {
    requestId: string;
    department: string;
    departmentName: string;
    memberId: string;
    personRef: string;
    fields: string[];
    legalBasis: string;
    dueWorkingDays: number;
    reuseDays: number;
  }
>;
export type VerificationDueSet = EventEnvelope<
  'VerificationDueSet',
  { requestId: string; dueDate: string; dueAt: string; provisional: boolean }
>;
export type VerificationAnswered = EventEnvelope<
  'VerificationAnswered',
  {
    requestId: string;
    department: string;
    values: Record<string, unknown>;
    answeredOn: string;
    reference: string;
    via: AnswerChannel;
    reusedFrom: ReusedAnswer | null;
  }
>;
export type VerificationMarkedUnobtainable = EventEnvelope<
  'VerificationMarkedUnobtainable',
  { requestId: string; department: string; reason: string }
>;
export type VerifiedFactCorrected = EventEnvelope<
  'VerifiedFactCorrected',
  { requestId: string; field: string; original: unknown; corrected: unknown; reason: string }
>;
export type VerificationUrged = EventEnvelope<
  'VerificationUrged',
  { requestId: string; department: string; dueDate: string; count: number }
>;

export type VerificationReminded = EventEnvelope<
  'VerificationReminded',
  { requestId: string; department: string; dueDate: string }
>;

export type VerificationEvent =
  | VerificationAuthorisationRecorded
  | VerificationRequested
  | VerificationDueSet
  | VerificationAnswered
  | VerificationMarkedUnobtainable
  | VerifiedFactCorrected
  | VerificationUrged
  | VerificationReminded;

export const VERIFICATION_EVENT_TERMS: Record<VerificationEvent['type'], string> = {
  VerificationAuthorisationRecorded: '已登记核对授权书',
  VerificationRequested: '已发起家庭经济状况核对',
  VerificationDueSet: '核对反馈时限已登记',
  VerificationAnswered: '核对结果已反馈',
  VerificationMarkedUnobtainable: '核对结果无法取得（已说明理由）',
  VerifiedFactCorrected: '核对事实已更正（原值保留）',
  VerificationUrged: '核对请求已催办',
  VerificationReminded: '已提醒核对请求今日到期',
};

// ---- state ----------------------------------------------------------------------------------------------

interface WithVerification {
  verification?: VerificationState;
}

export function verificationOf(state: WithVerification): VerificationState {
  return state.verification ?? EMPTY_VERIFICATION;
}

export function requestOf(state: WithVerification, requestId: unknown): VerificationRequestRecord | null {
  return verificationOf(state).requests.find((r) => r.requestId === requestId) ?? null;
}

export function openRequests(state: WithVerification): VerificationRequestRecord[] {
  return verificationOf(state).requests.filter((r) => r.status === 'OPEN');
}

/** A request with a due date the department has been neither reminded of nor urged for yet. */
export function awaitsDueReminder(request: VerificationRequestRecord): boolean {
  return !!request.due && !request.reminded && request.urges === 0;
}

/** Requests whose due date the workflow still owes (counted by the worker's calendar). */
export function requestsAwaitingDue(state: WithVerification): VerificationRequestRecord[] {
  return openRequests(state).filter((r) => r.due === null);
}

function updateRequest<S extends WithVerification>(
  state: S,
  requestId: string,
  change: (r: VerificationRequestRecord) => VerificationRequestRecord,
): S {
  const v = verificationOf(state);
  return {
    ...state,
    verification: { ...v, requests: v.requests.map((r) => (r.requestId === requestId ? change(r) : r)) },
  };
}

/** The verification part of `evolve`: pure and total (an unknown request id changes nothing). */
export function evolveVerification<S extends WithVerification>(state: S, event: VerificationEvent): S {
  const v = verificationOf(state);
  switch (event.type) {
    case 'VerificationAuthorisationRecorded':
      return {
        ...state,
        verification: {
          ...v,
          authorisation: { ...event.data, recordedAt: event.at, by: event.actor.id },
        },
      };
    case 'VerificationRequested': {
      const d = event.data;
      const record: VerificationRequestRecord = {
        ...d,
        fields: [...d.fields],
        requestedAt: event.at,
        requestedBy: event.actor.id,
        due: null,
        status: 'OPEN',
        answer: null,
        unobtainable: null,
        corrections: [],
        urges: 0,
      };
      return { ...state, verification: { ...v, requests: [...v.requests, record] } };
    }
    case 'VerificationDueSet': {
      const { dueDate, dueAt, provisional } = event.data;
      return updateRequest(state, event.data.requestId, (r) => ({
        ...r,
        due: { dueDate, dueAt, provisional },
      }));
    }
    case 'VerificationAnswered': {
      const { values, answeredOn, reference, via, reusedFrom } = event.data;
      return updateRequest(state, event.data.requestId, (r) => ({
        ...r,
        status: 'ANSWERED',
        answer: { values, answeredOn, reference, via, reusedFrom, by: event.actor.id, at: event.at },
      }));
    }
    case 'VerificationMarkedUnobtainable':
      return updateRequest(state, event.data.requestId, (r) => ({
        ...r,
        status: 'UNOBTAINABLE',
        unobtainable: { reason: event.data.reason, by: event.actor.id, at: event.at },
      }));
    case 'VerifiedFactCorrected': {
      const { field, original, corrected, reason } = event.data;
      return updateRequest(state, event.data.requestId, (r) => ({
        ...r,
        corrections: [
          ...r.corrections,
          { field, original, corrected, reason, by: event.actor.id, at: event.at },
        ],
      }));
    }
    case 'VerificationUrged':
      return updateRequest(state, event.data.requestId, (r) => ({ ...r, urges: event.data.count }));
    case 'VerificationReminded':
      return updateRequest(state, event.data.requestId, (r) => ({ ...r, reminded: true }));
    default: {
      const unreachable: never = event;
      void unreachable;
      return state;
    }
  }
}

/** The answered values as they count now: the department's answer with the caseworker's corrections on top. */
export function effectiveValues(request: VerificationRequestRecord): Record<string, unknown> {
  const values = { ...(request.answer?.values ?? {}) };
  for (const c of request.corrections) values[c.field] = c.corrected;
  return values;
}

// ---- rejections -----------------------------------------------------------------------------------------

const describe = (r: VerificationRequestRecord) => `${r.departmentName}（${r.memberId}）`;
const describeEn = (r: VerificationRequestRecord) => `${r.department} (${r.memberId})`;

export const rejectVerification = {
  notFound: (requestId: unknown): Rejection => ({
    code: 'VERIFICATION_NOT_FOUND',
    field: 'data.requestId',
    messageZh: `本案没有编号为“${String(requestId)}”的核对请求。`,
    messageEn: `This case has no verification request "${String(requestId)}".`,
  }),
  noneForDepartment: (department: string | undefined): Rejection => ({
    code: 'VERIFICATION_NOT_FOUND',
    field: 'actor.department',
    messageZh: `本案没有发往您所属单位（${department ?? '未注明'}）的待反馈核对请求。`,
    messageEn: `This case has no open verification request addressed to your department (${department ?? 'none'}).`,
  }),
  notOpen: (r: VerificationRequestRecord): Rejection => ({
    code: 'VERIFICATION_NOT_OPEN',
    field: 'data.requestId',
    messageZh: `向${describe(r)}的核对请求已${r.status === 'ANSWERED' ? '反馈' : '登记为无法核对'}，不能再办理此操作。`,
    messageEn: `The verification request to ${describeEn(r)} is already ${r.status.toLowerCase()}; this is no longer possible.`,
  }),
  notAnswered: (r: VerificationRequestRecord): Rejection => ({
    code: 'VERIFICATION_NOT_OPEN',
    field: 'data.requestId',
    messageZh: `向${describe(r)}的核对请求尚无反馈结果，没有可更正的事实。`,
    messageEn: `The verification request to ${describeEn(r)} has no answer yet; there is no fact to correct.`,
  }),
  authorisationRequired: (): Rejection => ({
    code: 'VERIFICATION_AUTHORISATION_REQUIRED',
    field: 'data.authorisation',
    messageZh: '发起核对前须登记申请人签署的授权书（authorisation：reference 编号、signedOn 签署日期）。',
    messageEn:
      "Record the applicant's signed authorisation (authorisation: reference, signedOn) before any verification request.",
  }),
  alreadyRequested: (r: VerificationRequestRecord): Rejection => ({
    code: 'VERIFICATION_ALREADY_REQUESTED',
    field: 'data.department',
    messageZh: `已向${describe(r)}发起核对（${r.requestId}，${r.status === 'OPEN' ? '待反馈' : '已办结'}），不能重复发起。`,
    messageEn: `A verification request to ${describeEn(r)} already exists (${r.requestId}, ${r.status.toLowerCase()}); it cannot be sent twice.`,
  }),
  wrongDepartment: (r: VerificationRequestRecord, department: string | undefined): Rejection => ({
    code: 'WRONG_DEPARTMENT',
    field: 'actor.department',
    messageZh: `该核对请求发往${r.departmentName}，您所属单位（${department ?? '未注明'}）不能反馈。`,
    messageEn: `This request is addressed to ${r.department}; your department (${department ?? 'none'}) cannot answer it.`,
  }),
  open: (requests: VerificationRequestRecord[]): Rejection => ({
    code: 'VERIFICATIONS_OPEN',
    field: 'verifications',
    messageZh: `以下家庭经济状况核对尚未反馈：${requests.map(describe).join('、')}。请等待反馈，或登记无法核对并说明理由后再录入入户调查结果。`,
    messageEn: `These verification requests are still open: ${requests.map(describeEn).join(', ')}. Wait for the answers, or mark them unobtainable with a reason, before recording the investigation.`,
  }),
  alreadyReminded: (r: VerificationRequestRecord): Rejection => ({
    code: 'VERIFICATION_ALREADY_REMINDED',
    field: 'data.requestId',
    messageZh: `向${describe(r)}的核对请求${r.due ? (r.reminded ? '已提醒过到期' : '已催办') : '尚未登记反馈时限'}，不再发到期提醒。`,
    messageEn: `The verification request to ${describeEn(r)} ${r.due ? (r.reminded ? 'was already reminded of its due date' : 'is already being urged') : 'has no due date yet'}; no due-date reminder is sent.`,
  }),
  notOverdue: (r: VerificationRequestRecord): Rejection => ({
    code: 'NOT_YET_OVERDUE',
    field: 'data.requestId',
    messageZh: `向${describe(r)}的核对请求反馈时限为 ${r.due?.dueAt ?? '（尚未登记）'}，尚未超期，不能催办。`,
    messageEn: `The verification request to ${describeEn(r)} is due at ${r.due?.dueAt ?? '(not yet recorded)'} and not overdue; no 催办 is possible.`,
  }),
};
