import type { Post, Role, StaffRef } from './actors';
import type { ApplicantSummary, ApprovalAuthority } from './commands';
import type { Payee, PauseReason } from './events';
import type { ProcedureRules } from './procedure';
import type { VerificationState } from './verification';
import type { AbandonOutcome, Category, Period, PeriodKey, Route, Step, StepOutcome } from './steps';

/**
 * NEW: nothing submitted yet. OPEN: in process before the approval decision (a refusal pending its
 * written notice is still OPEN, with `refusal` set). APPROVED: approved, not yet paid. PAID: paid,
 * recipients list on display (Art. 16). RECOVERING: cancelled for fraud, money being recovered (Art. 35).
 * The rest are terminal: no step is open and only ReportFraud (on CLOSED) is still accepted.
 */
export type CaseStatus =
  | 'NEW'
  | 'OPEN'
  | 'APPROVED'
  | 'PAID'
  | 'RECOVERING'
  | 'CLOSED'
  | 'REJECTED'
  | 'WITHDRAWN'
  | 'TERMINATED'
  | 'CANCELLED';

export const TERMINAL_STATUSES: readonly CaseStatus[] = [
  'CLOSED',
  'REJECTED',
  'WITHDRAWN',
  'TERMINATED',
  'CANCELLED',
];

export function isTerminal(status: CaseStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export interface Due {
  dueDate: string;
  dueAt: string;
  provisional: boolean;
}

/** 岗位责任制 第二条: a leader-granted extension; the statutory due stays on record beside it. */
export interface ExtendedDue {
  dueDate: string;
  dueAt: string;
  reason: string;
  grantedBy: string;
  grantedAt: string;
}

export interface OpenStep {
  step: Step;
  openedAt: string;
  /** When the statutory clock (re)started: opening, or the last restart after a pause. */
  clockStartedAt: string;
  /** Who holds the step now (the A post, or the B post after Reassigned). */
  assignee: StaffRef;
  aPost: StaffRef;
  bPost: StaffRef | null;
  periodKey: PeriodKey | null;
  period: Period | null;
  statutoryDue: Due | null;
  extendedDue: ExtendedDue | null;
  /** The workflow owes a RecordDeadline for the current run of the clock. */
  awaitingDeadline: boolean;
  pausedFor: PauseReason[];
}

/** One line of the timeline: statutory against actual (督查督办). */
export interface CompletedStep {
  step: Step;
  openedAt: string;
  completedAt: string;
  completedBy: string;
  outcome: StepOutcome | AbandonOutcome;
  statutoryDueDate: string | null;
  extendedDueDate: string | null;
  onTime: boolean | null;
}

export interface ObjectionRecord {
  step: Step;
  raisedAt: string;
  objector: string;
  summary: string;
  evidenceRefs: string[];
  evidenceValid: boolean;
  triggeredReview: boolean;
}

/** 一次性告知制: the one notice of missing materials and what is still outstanding. */
export interface MaterialsNotice {
  step: Step;
  issuedAt: string;
  noticeRef: string;
  missingItems: string[];
  outstandingItems: string[];
}

export interface NoticeOwed {
  kind: 'REFUSAL';
  decidedAtStep: Step;
  reasons: string[];
  decidedAt: string;
}

export interface Amounts {
  proposed: string | null;
  breakdownRef: string | null;
  approvalAuthority: ApprovalAuthority | null;
  approved: string | null;
  paid: string | null;
  toRecover: string | null;
  recovered: string;
}

/** Eligibility as the rules decided it from the investigation's facts, and where a review concluded otherwise. */
export interface EligibilityRecord {
  assessmentId: string;
  eligible: boolean;
  policyVersion: string;
  failedCriteria: string[];
  assessedAt: string;
  /** The case's current conclusion: the rules' verdict unless a later review overrode it. */
  conclusion: boolean;
  overrides: Array<{ step: Step; concludedEligible: boolean; reason: string; by: string; at: string }>;
}

export interface Supervision {
  remindersByStep: Partial<Record<Step, number>>;
  urgesByStep: Partial<Record<Step, number>>;
  urgesByAssignee: Record<string, number>;
  flaggedAssignees: string[];
  urgeFlagThreshold: number;
}

export interface CaseState {
  caseId: string;
  route: Route | null;
  category: Category | null;
  town: string;
  applicationDate: string | null;
  applicant: ApplicantSummary | null;
  status: CaseStatus;
  openSteps: OpenStep[];
  completedSteps: CompletedStep[];
  posts: Partial<Record<Role, Post>>;
  suspended: { since: string; reason: string } | null;
  /**
   * Art. 22. `awaitingHeir` (issue 12): no heir known yet; `heirDue` is when the wait ends (set by the
   * calendar right after the report).
   */
  deceased: { dateOfDeath: string; awaitingHeir?: boolean; reportedAt?: string; heirDue?: Due | null } | null;
  payee: Payee | null;
  amounts: Amounts;
  supervision: Supervision;
  objections: ObjectionRecord[];
  materialsNotice: MaterialsNotice | null;
  noticesOwed: NoticeOwed[];
  refusal: { step: Step; reasons: string[] } | null;
  policyVersion: string | null;
  periods: Record<PeriodKey, Period> | null;
  lastEventAt: string | null;
  /** Issue 10: eligibility and money come from recorded facts and the system's records (see SubmitApplication). */
  systemDecides: boolean;
  eligibility: EligibilityRecord | null;
  /** Issue 12: the procedure of the policy version; null for cases registered before (old readings). */
  procedure: ProcedureRules | null;
  /** Issue 15: the investigation's verification requests to the departments (absent until the first one). */
  verification?: VerificationState;
}

export const initialState: CaseState = {
  caseId: '',
  route: null,
  category: null,
  town: '',
  applicationDate: null,
  applicant: null,
  status: 'NEW',
  openSteps: [],
  completedSteps: [],
  posts: {},
  suspended: null,
  deceased: null,
  payee: null,
  amounts: {
    proposed: null,
    breakdownRef: null,
    approvalAuthority: null,
    approved: null,
    paid: null,
    toRecover: null,
    recovered: '0.00',
  },
  supervision: {
    remindersByStep: {},
    urgesByStep: {},
    urgesByAssignee: {},
    flaggedAssignees: [],
    urgeFlagThreshold: 3,
  },
  objections: [],
  materialsNotice: null,
  noticesOwed: [],
  refusal: null,
  policyVersion: null,
  periods: null,
  lastEventAt: null,
  systemDecides: false,
  eligibility: null,
  procedure: null,
};

/** The step being worked on: the most recently opened one still open. */
export function currentStep(state: CaseState): OpenStep | null {
  return state.openSteps.length > 0 ? state.openSteps[state.openSteps.length - 1] : null;
}

export function openStep(state: CaseState, step: Step): OpenStep | null {
  return state.openSteps.find((open) => open.step === step) ?? null;
}

export function isClockRunning(open: OpenStep): boolean {
  return open.pausedFor.length === 0;
}

/** The due date that counts now: the extension if granted, else the statutory one. */
export function effectiveDue(open: OpenStep): { dueDate: string; dueAt: string } | null {
  return open.extendedDue ?? open.statutoryDue;
}
