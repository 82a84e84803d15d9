import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  CaseCommand,
  CaseState,
  CaseSummary,
  Category,
  ApplicantSummary,
  Post,
  Role,
} from '../../libs/domain/src';
import type { PolicyForCase } from './activities-contract';

/**
 * The application workflow's contract, shared by the API (client side) and the worker: names, inputs,
 * Updates, queries and signals. Workflow ids are `application-<caseId>`.
 */
export const APPLICATION_WORKFLOW = 'applicationWorkflowV2';
/** Every application workflow type that may still be running (version 1 kept for the cases it started). */
export const APPLICATION_WORKFLOW_TYPES = ['applicationWorkflow', 'applicationWorkflowV2'] as const;
export const applicationWorkflowId = (caseId: string) => `application-${caseId}`;

export interface ApplicationInput {
  caseId: string;
  category: Category;
  town: string;
  /** YYYY-MM-DD: the case is judged under the policy version in force on this date. */
  applicationDate: string;
  applicant: ApplicantSummary;
  submittedBy: Actor;
  posts?: Partial<Record<Role, Post>>;
  /**
   * The policy version in force on the application date, as the API loaded it to check the submission: the
   * case is decided under the very version it was checked under, and the run needs no loadPolicy activity
   * (it lands in history with the input). Absent: the run loads it (earlier runs, reopened ones).
   */
  policy?: PolicyForCase;
  /**
   * A new run for a case whose workflow has ended (e.g. fraud found after the recipients list closed,
   * Art. 35): the state is rebuilt from the event store, nothing is submitted again, and the run waits
   * for the action that reopened it.
   */
  reopen?: boolean;
}

/** A caseworker's (or reviewer's, leader's, finance's) action; the workflow stamps the time itself. */
export type ActionCommand = CaseCommand extends infer C
  ? C extends CaseCommand
    ? Omit<C, 'at'> & { at?: string }
    : never
  : never;

/**
 * District review with the amount decided by libs/rules: the reviewer sends the calculation input, the
 * worker computes the amount and its explanation, and the command the decider sees carries the result.
 * On the direct route (Art. 14) the household facts come with it (`household`) and eligibility is
 * decided from them; a conclusion against the rules carries `overrideReason`.
 */
export interface DistrictReviewWithCalculation {
  type: 'RecordDistrictReview';
  actor: Actor;
  data:
    | { eligible: true; calculation: unknown; household?: unknown; overrideReason?: string }
    | { eligible: false; reasons: string[]; household?: unknown; overrideReason?: string };
}

/** Re-investigation that approves with a new calculation (Art. 15(8) para. 2): the amount is computed again. */
export interface ReInvestigationWithCalculation {
  type: 'RecordReInvestigation';
  actor: Actor;
  data: { approve: true; findings: string; calculation: unknown };
}

export type ActionRequest = ActionCommand | DistrictReviewWithCalculation | ReInvestigationWithCalculation;

/** Every caseworker action: validated by the decider before it reaches history; returns the new summary. */
export const actUpdate = defineUpdate<CaseSummary, [ActionRequest]>('act');
/**
 * Answers once the case's submission is recorded. The API registers a case with it as Update-with-Start, so
 * the new case's summary comes back from the workflow task that recorded it. `created`: this request's
 * answer is the run's first (a repeated request, or one reaching a case running before, gets false).
 */
export const submittedUpdate = defineUpdate<{ summary: CaseSummary; created: boolean }, []>('submitted');
export const summaryQuery = defineQuery<CaseSummary>('summary');
export const stateQuery = defineQuery<CaseState>('state');
/** The bureau loaded calendar data: provisional deadlines are counted again. */
export const calendarChangedSignal = defineSignal('calendarChanged');

/** Prefix of an Update rejection's message; the rest is the decider's rejection as JSON. */
export const REJECTION_PREFIX = 'REJECTED:';
