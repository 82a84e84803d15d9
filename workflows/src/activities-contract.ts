import type {
  ApprovalAuthority,
  CaseCommand,
  CaseEvent,
  CaseState,
  EligibilityOutcome,
  Period,
  PeriodKey,
  ProcedureRules,
} from '../../libs/domain/src';

/**
 * What the application workflows ask of the outside world, defined beside them and implemented by the
 * worker (apps/worker/src/activities): the workflow imports nothing of the worker.
 */
export interface ApplicationActivities {
  loadPolicy(input: { applicationDate: string }): Promise<PolicyForCase>;
  /** Version 2: an action with everything it implies, in one transaction; returns the stored events. */
  recordAction(input: RecordActionInput): Promise<RecordActionResult>;
  assessEligibility(input: {
    caseId: string;
    category: string;
    applicationDate: string;
    household: unknown;
    /** The day of the decision (Asia/Shanghai): a later version open cases adopt may apply (issue 11). */
    decidedOn?: string;
  }): Promise<EligibilityOutcome>;
  calculateAid(input: {
    caseId: string;
    category: string;
    applicationDate: string;
    personRef?: string;
    calculation: unknown;
    /** The day of the decision (Asia/Shanghai): a later version open cases adopt may apply (issue 11). */
    decidedOn?: string;
  }): Promise<{ total: string; approvalAuthority: ApprovalAuthority; calculationId: string }>;
  readCaseEvents(input: { caseId: string }): Promise<CaseEvent[]>;
  /** Version 1 only (one activity per event batch, deadline and reminder). */
  appendEvents(input: { caseId: string; firstSequence: number; events: CaseEvent[] }): Promise<unknown>;
  computeDeadline(input: {
    trigger: string;
    period: Period;
    extendOverHoliday: boolean;
  }): Promise<{ dueDate: string; dueAt: string; provisional: boolean }>;
  planNextReminder(input: { dueDate: string; leadDays: number; after: string }): Promise<PlannedReminder>;
}

/** The policy in force on the application date, as the workflow needs it (lands in history). */
export interface PolicyForCase {
  policyVersion: string;
  periods: Record<PeriodKey, Period>;
  reminderLeadDays: number;
  extendOverHoliday: boolean;
  urgeFlagThreshold: number;
  /** Issue 12: absent in histories recorded before. */
  procedure?: ProcedureRules;
}

export interface PlannedReminder {
  kind: 'BEFORE_DUE' | 'DUE' | 'OVERDUE';
  /** When to send it: the start of the office day, Asia/Shanghai (version 2: plus the case's offset). */
  at: string;
}

export interface ReminderPlan extends PlannedReminder {
  step: string;
  dueDate: string;
}

export interface RecordActionInput {
  caseId: string;
  /** The case's state as the workflow holds it; the action is decided on it (the validator did so too). */
  state: CaseState;
  /** Sequence of the first new event: events already stored up to it make a retry idempotent. */
  firstSequence: number;
  /**
   * The action (a person's or a timer's); `recompute`: count provisional deadlines again at `at` (the
   * bureau changed the calendar); neither: only plan the next reminder (e.g. a reminder the decider refused).
   */
  command?: CaseCommand;
  recompute?: boolean;
  at: string;
  extendOverHoliday: boolean;
  reminderLeadDays: number;
  /** The plan in force: kept while the current step and its due date stay the same. */
  reminderPlan: ReminderPlan | null;
  /** After a reminder fired: the next one is planned strictly after the one that fired. */
  reminderFiredAt?: string;
  /**
   * Runs with `verification-timers`: the departments are chased on a timer of their own (a reminder on a
   * request's due day, 催办 after it; not with the step's reminders); `plan` is the chase planned so far,
   * `firedAt` the one that just fired.
   */
  verificationChase?: { plan: string | null; firedAt?: string };
}

export interface RecordActionResult {
  events: CaseEvent[];
  reminderPlan: ReminderPlan | null;
  /** When `verificationChase` was asked: the next chase of the case's requests (null: none open and due). */
  verificationChaseAt?: string | null;
}

/** The health probe (`POST /health/probe`): one activity that writes to PostgreSQL and says who ran it. */
export interface ProbeActivities {
  recordProbe(input: { probeId: string; workflowId: string }): Promise<string>;
}
