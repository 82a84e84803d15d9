import type { Actor, Post, Role, StaffRef } from './actors';
import type {
  ApplicantSummary,
  ApprovalAuthority,
  EligibilityOutcome,
  FraudKind,
  Heir,
  ReminderKind,
} from './commands';
import type { ProcedureRules, SuspensionGround } from './procedure';
import { VERIFICATION_EVENT_TERMS, type VerificationEvent } from './verification';
import type { AbandonOutcome, CaseEnd, Category, Period, PeriodKey, Route, Step, StepOutcome } from './steps';

/** Every event: past-tense name, data, who caused it, when. Every state change is one of these. */
export interface EventEnvelope<T extends string, D> {
  type: T;
  data: D;
  actor: Actor;
  at: string;
}

export type PauseReason = 'AWAITING_MATERIALS' | 'SUSPENDED';

/** Who receives the money: the applicant, or after death the legal heir (Art. 22). */
export type Payee = { kind: 'APPLICANT'; name: string; personRef: string } | ({ kind: 'HEIR' } & Heir);

/** Art. 15(7): a public notice carries name, household size and proposed amount — nothing else. */
export interface PublicNotice {
  applicantName: string;
  householdSize: number;
  proposedAmount: string | null;
}

export type ApplicationSubmitted = EventEnvelope<
  'ApplicationSubmitted',
  {
    caseId: string;
    route: Route;
    category: Category;
    town: string;
    applicationDate: string;
    applicant: ApplicantSummary;
    policyVersion: string;
    periods: Record<PeriodKey, Period>;
    posts: Partial<Record<Role, Post>>;
    urgeFlagThreshold: number;
    systemDecides?: boolean;
    procedure?: ProcedureRules;
  }
>;
export type StepOpened = EventEnvelope<
  'StepOpened',
  {
    step: Step;
    assignee: StaffRef;
    bPost: StaffRef | null;
    periodKey: PeriodKey | null;
    period: Period | null;
    /**
     * Issue 12: the instant the step's N days count from when it is not the opening itself — the last day of
     * the publicity that led here, or the day the democratic review was held.
     */
    countsFrom?: string;
    /** Issue 12: whether the measures set this step's period (false: the bureau's parameter). */
    statutory?: boolean;
  }
>;
export type StepCompleted = EventEnvelope<
  'StepCompleted',
  { step: Step; outcome: StepOutcome | AbandonOutcome }
>;
export type DeadlineSet = EventEnvelope<
  'DeadlineSet',
  { step: Step; dueDate: string; dueAt: string; provisional: boolean }
>;
export type DeadlineRecomputed = EventEnvelope<
  'DeadlineRecomputed',
  { step: Step; previousDueDate: string; dueDate: string; dueAt: string; provisional: boolean }
>;
export type DeadlineExtended = EventEnvelope<
  'DeadlineExtended',
  {
    step: Step;
    statutoryDueDate: string;
    previousDueDate: string;
    extendedDueDate: string;
    extendedDueAt: string;
    reason: string;
    grantedBy: string;
  }
>;
export type StepClockPaused = EventEnvelope<'StepClockPaused', { step: Step; reason: PauseReason }>;
/** `restartsClock`: no pause reason remains, the full period runs again from `at` (workflow sends RecordDeadline). */
export type StepClockResumed = EventEnvelope<
  'StepClockResumed',
  { step: Step; reason: PauseReason; restartsClock: boolean; period: Period | null }
>;
export type MaterialsRequested = EventEnvelope<
  'MaterialsRequested',
  { step: Step; missingItems: string[]; noticeRef: string }
>;
export type MaterialsSupplied = EventEnvelope<
  'MaterialsSupplied',
  { suppliedItems: string[]; outstandingItems: string[] }
>;
export type ApplicationAccepted = EventEnvelope<'ApplicationAccepted', { note: string | null }>;
export type InvestigationRecorded = EventEnvelope<
  'InvestigationRecorded',
  { investigatorIds: string[]; visitedOn: string; surveyRef: string; findings: string }
>;
/** The rules' verdict on the recorded household facts (Arts. 5-7, 11); the assessment keeps the explanation. */
export type EligibilityAssessed = EventEnvelope<'EligibilityAssessed', EligibilityOutcome & { step: Step }>;
/** A review concluded against the rules' verdict (a town or district reviewer with a reason, or the democratic review). */
export type EligibilityOverridden = EventEnvelope<
  'EligibilityOverridden',
  { step: Step; assessmentId: string; assessedEligible: boolean; concludedEligible: boolean; reason: string }
>;
export type TownReviewRecorded = EventEnvelope<'TownReviewRecorded', { eligible: boolean; opinion: string }>;
export type PublicityStarted = EventEnvelope<'PublicityStarted', { step: Step; notice: PublicNotice }>;
export type ObjectionRaised = EventEnvelope<
  'ObjectionRaised',
  {
    step: Step;
    objector: string;
    summary: string;
    evidenceRefs: string[];
    evidenceValid: boolean;
    triggersReview: boolean;
  }
>;
export type PublicityEnded = EventEnvelope<
  'PublicityEnded',
  { step: Step; outcome: 'NO_OBJECTION' | 'OBJECTION' }
>;
export type DemocraticReviewRecorded = EventEnvelope<
  'DemocraticReviewRecorded',
  { eligible: boolean; conclusion: string; participants: string[]; heldOn: string }
>;
export type SubmittedToDistrict = EventEnvelope<'SubmittedToDistrict', { materialsRef: string }>;
export type DistrictReviewRecorded = EventEnvelope<
  'DistrictReviewRecorded',
  {
    eligible: boolean;
    proposedAmount: string | null;
    breakdownRef: string | null;
    approvalAuthority: ApprovalAuthority | null;
    reasons: string[];
  }
>;
export type ReInvestigationRecorded = EventEnvelope<
  'ReInvestigationRecorded',
  {
    approve: boolean;
    findings: string;
    proposedAmount: string | null;
    breakdownRef: string | null;
    approvalAuthority: ApprovalAuthority | null;
    reasons: string[];
  }
>;
export type ApplicationApproved = EventEnvelope<
  'ApplicationApproved',
  { approvedAmount: string; approvalAuthority: ApprovalAuthority; decisionRef: string }
>;
/** The decision to refuse; the case ends as REJECTED only when the written notice is issued. */
export type ApplicationRejected = EventEnvelope<
  'ApplicationRejected',
  { step: Step; reasons: string[]; materialsReturned: boolean }
>;
export type WrittenNoticeIssued = EventEnvelope<
  'WrittenNoticeIssued',
  { kind: 'REFUSAL'; noticeRef: string; deliveredOn: string; reasons: string[] }
>;
export type FundsRequested = EventEnvelope<'FundsRequested', { requestRef: string; amount: string }>;
export type AidDisbursed = EventEnvelope<
  'AidDisbursed',
  { amount: string; bankReference: string; paidOn: string; payee: Payee }
>;
export type RecipientsListPublished = EventEnvelope<'RecipientsListPublished', { notice: PublicNotice }>;
export type CaseClosed = EventEnvelope<'CaseClosed', { outcome: CaseEnd }>;
export type Withdrawn = EventEnvelope<'Withdrawn', { reason: string }>;
/** `awaitingHeir` (issue 12): no heir is known yet; the case waits the policy's period for one. */
export type ApplicantDied = EventEnvelope<
  'ApplicantDied',
  { dateOfDeath: string; heir: Heir | null; awaitingHeir?: boolean }
>;
export type HeirDeadlineSet = EventEnvelope<
  'HeirDeadlineSet',
  { dueDate: string; dueAt: string; provisional: boolean }
>;
export type PayeeChanged = EventEnvelope<'PayeeChanged', { from: Payee; to: Payee }>;
/** NO_HEIR: reported without heir; NO_HEIR_CAME_FORWARD: the wait ended with none named (with its notice). */
export type CaseTerminated = EventEnvelope<
  'CaseTerminated',
  { reason: 'NO_HEIR' | 'NO_HEIR_CAME_FORWARD'; notice?: { article: string; zh: string; en: string } }
>;
export type Suspended = EventEnvelope<'Suspended', { reason: string; ground?: SuspensionGround }>;
export type Resumed = EventEnvelope<'Resumed', { reason: string }>;
export type FraudReported = EventEnvelope<
  'FraudReported',
  { kind: FraudKind; findings: string; evidenceRefs: string[] }
>;
export type CaseCancelled = EventEnvelope<
  'CaseCancelled',
  { reason: 'FRAUD'; amountToRecover: string | null }
>;
export type RecoveryRecorded = EventEnvelope<
  'RecoveryRecorded',
  { amount: string; reference: string; recoveredOn: string; totalRecovered: string; outstanding: string }
>;
export type Reassigned = EventEnvelope<
  'Reassigned',
  { step: Step; from: StaffRef; to: StaffRef; reason: string }
>;
export type ReminderIssued = EventEnvelope<
  'ReminderIssued',
  { step: Step; kind: ReminderKind; assignee: StaffRef }
>;
/** 催办: an OVERDUE reminder, counted per step and per assignee. */
export type UrgeIssued = EventEnvelope<
  'UrgeIssued',
  { step: Step; assignee: StaffRef; countForStep: number; countForAssignee: number }
>;
export type EscalatedToSupervisor = EventEnvelope<
  'EscalatedToSupervisor',
  { step: Step; assignee: StaffRef; town: string; countForStep: number }
>;
export type AssigneeFlagged = EventEnvelope<
  'AssigneeFlagged',
  { assignee: StaffRef; urgeCount: number; threshold: number }
>;

export type CaseEvent =
  | ApplicationSubmitted
  | StepOpened
  | StepCompleted
  | DeadlineSet
  | DeadlineRecomputed
  | DeadlineExtended
  | StepClockPaused
  | StepClockResumed
  | MaterialsRequested
  | MaterialsSupplied
  | ApplicationAccepted
  | InvestigationRecorded
  | EligibilityAssessed
  | EligibilityOverridden
  | TownReviewRecorded
  | PublicityStarted
  | ObjectionRaised
  | PublicityEnded
  | DemocraticReviewRecorded
  | SubmittedToDistrict
  | DistrictReviewRecorded
  | ReInvestigationRecorded
  | ApplicationApproved
  | ApplicationRejected
  | WrittenNoticeIssued
  | FundsRequested
  | AidDisbursed
  | RecipientsListPublished
  | CaseClosed
  | Withdrawn
  | ApplicantDied
  | HeirDeadlineSet
  | PayeeChanged
  | CaseTerminated
  | Suspended
  | Resumed
  | FraudReported
  | CaseCancelled
  | RecoveryRecorded
  | Reassigned
  | ReminderIssued
  | UrgeIssued
  | EscalatedToSupervisor
  | AssigneeFlagged
  | VerificationEvent;

export type EventType = CaseEvent['type'];
export type EventOf<T extends EventType> = Extract<CaseEvent, { type: T }>;

/** Builds an event with the envelope of the command that caused it. */
export function eventFrom<T extends EventType>(
  cause: { actor: Actor; at: string },
  type: T,
  data: EventOf<T>['data'],
): EventOf<T> {
  return { type, data, actor: cause.actor, at: cause.at } as EventOf<T>;
}

/** The glossary of events (README). */
export const EVENT_TERMS: Record<EventType, string> = {
  ApplicationSubmitted: '申请已登记',
  StepOpened: '环节开始',
  StepCompleted: '环节办结',
  DeadlineSet: '办结时限已登记',
  DeadlineRecomputed: '暂定时限已重算',
  DeadlineExtended: '已批准延期',
  StepClockPaused: '计时暂停',
  StepClockResumed: '计时恢复',
  MaterialsRequested: '已一次性告知补正材料',
  MaterialsSupplied: '材料已补交',
  ApplicationAccepted: '已受理',
  InvestigationRecorded: '入户调查已完成',
  EligibilityAssessed: '系统已按规则认定救助条件',
  EligibilityOverridden: '审核结论与规则认定不一致（已说明理由）',
  TownReviewRecorded: '镇街审核意见已提出',
  PublicityStarted: '公示开始',
  ObjectionRaised: '公示异议已登记',
  PublicityEnded: '公示结束',
  DemocraticReviewRecorded: '民主评议已完成',
  SubmittedToDistrict: '已上报区民政部门',
  DistrictReviewRecorded: '区民政审核意见已作出',
  ReInvestigationRecorded: '重新调查核实已完成',
  ApplicationApproved: '已审批同意',
  ApplicationRejected: '决定不予救助',
  WrittenNoticeIssued: '书面告知已送达',
  FundsRequested: '已向财政申请资金',
  AidDisbursed: '救助金已拨付',
  RecipientsListPublished: '救助名单已公示',
  CaseClosed: '办结',
  Withdrawn: '申请已撤回',
  ApplicantDied: '申请人死亡',
  HeirDeadlineSet: '继承人申领期限',
  PayeeChanged: '领取人变更（法定继承人）',
  CaseTerminated: '终止办理',
  Suspended: '暂停救助',
  Resumed: '恢复办理',
  FraudReported: '查实骗取救助',
  CaseCancelled: '取消救助',
  RecoveryRecorded: '已追回救助金',
  Reassigned: '已转交B岗/改派',
  ReminderIssued: '已发送提醒',
  UrgeIssued: '催办',
  EscalatedToSupervisor: '已报督查督办',
  AssigneeFlagged: '承办人被催办3次以上，纳入考核',
  ...VERIFICATION_EVENT_TERMS,
};
