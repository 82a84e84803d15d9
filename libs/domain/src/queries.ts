import { ROLES, type Actor, type Role, type StaffRef } from './actors';
import { COMMAND_TYPES, type CommandType } from './commands';
import { HANDLERS } from './handlers';
import type { CommandHandler } from './handlers/handler';
import {
  currentStep,
  initialState,
  type Amounts,
  type CaseState,
  type CaseStatus,
  type CompletedStep,
  type Due,
  type EligibilityRecord,
  type ExtendedDue,
} from './state';
import { STEP_DEFINITIONS, type Category, type Route, type Step } from './steps';

/**
 * What this actor may do now. It runs the very guards decide runs, so the two cannot disagree: a
 * listed action is accepted with some valid data; an unlisted one is rejected whatever the data.
 */
export function allowedActions(state: CaseState | undefined, actor: Actor): CommandType[] {
  const current = state ?? initialState;
  return COMMAND_TYPES.filter(
    (type) => (HANDLERS[type] as CommandHandler<CommandType>).guard(current, actor) === null,
  );
}

export interface CaseSummary {
  caseId: string;
  status: CaseStatus;
  route: Route | null;
  category: Category | null;
  town: string;
  currentStep: Step | null;
  currentStepTermZh: string | null;
  assignee: StaffRef | null;
  bPost: StaffRef | null;
  statutoryDue: Due | null;
  extendedDue: ExtendedDue | null;
  clockPaused: boolean;
  suspended: boolean;
  amounts: Amounts;
  payee: CaseState['payee'];
  urgesByStep: CaseState['supervision']['urgesByStep'];
  flaggedAssignees: string[];
  /** Eligibility as the rules decided it from the recorded facts, and any review that concluded otherwise. */
  eligibility: EligibilityRecord | null;
  noticesOwed: CaseState['noticesOwed'];
  /** For a generic actor of each role in the case's town (personal rights such as Reassign by the assignee aside). */
  allowedActionsByRole: Record<Role, CommandType[]>;
  timeline: CompletedStep[];
}

/** The answer to a Temporal query or a case screen: where the case is, who holds it, by when. */
export function caseSummary(state: CaseState): CaseSummary {
  const open = currentStep(state);
  const allowedActionsByRole = Object.fromEntries(
    ROLES.map((role) => [role, allowedActions(state, { id: `role:${role}`, role, town: state.town })]),
  ) as Record<Role, CommandType[]>;
  return {
    caseId: state.caseId,
    status: state.status,
    route: state.route,
    category: state.category,
    town: state.town,
    currentStep: open?.step ?? null,
    currentStepTermZh: open ? STEP_DEFINITIONS[open.step].termZh : null,
    assignee: open?.assignee ?? null,
    bPost: open?.bPost ?? null,
    statutoryDue: open?.statutoryDue ?? null,
    extendedDue: open?.extendedDue ?? null,
    clockPaused: open ? open.pausedFor.length > 0 : false,
    suspended: state.suspended !== null,
    amounts: state.amounts,
    payee: state.payee,
    urgesByStep: state.supervision.urgesByStep,
    flaggedAssignees: state.supervision.flaggedAssignees,
    noticesOwed: state.noticesOwed,
    eligibility: state.eligibility ?? null,
    allowedActionsByRole,
    timeline: state.completedSteps,
  };
}
