import type { Actor, Role, StaffRef } from '../actors';
import type { CommandOf, CommandType } from '../commands';
import { eventFrom, type CaseEvent } from '../events';
import { evolve } from '../evolve';
import { reject, type Rejection } from '../rejections';
import { currentStep, isTerminal, type CaseState, type CaseStatus, type OpenStep } from '../state';
import { STEP_DEFINITIONS, nextTarget, type Step, type StepOutcome } from '../steps';

export type Decision = { ok: true; events: CaseEvent[] } | { ok: false; rejection: Rejection };
export type Cause = { actor: Actor; at: string };

/**
 * One command's rules, split in two so that "may this actor do this now?" (guard: state and actor
 * only) is the very same function for decide and for allowedActions; `handle` then checks the data
 * and says what happened.
 */
export interface CommandHandler<T extends CommandType> {
  guard(state: CaseState, actor: Actor): Rejection | null;
  handle(state: CaseState, command: CommandOf<T>): Decision;
}

export const accept = (events: CaseEvent[]): Decision => ({ ok: true, events });
export const refuse = (rejection: Rejection): Decision => ({ ok: false, rejection });

/** Statuses in which a case still moves. */
export const LIVE: readonly CaseStatus[] = ['OPEN', 'APPROVED', 'PAID', 'RECOVERING'];

export interface GuardSpec {
  type: CommandType;
  /** Roles that may ever issue the command. */
  roles: readonly Role[];
  /** Statuses in which the command is possible; default LIVE. Terminal ones outside give CASE_CLOSED. */
  statuses?: readonly CaseStatus[];
  /** Explains why a live status outside `statuses` does not fit. */
  wrongStatus?: (state: CaseState) => Rejection;
  /** Art. 20: while suspended only Resume, Withdraw, ReportDeath, ReportFraud (and Reassign) pass. */
  whileSuspended?: boolean;
  /** The command acts on whichever of these steps is open; its actors come from STEP_DEFINITIONS. */
  steps?: readonly Step[];
  /** The command is not the step's decision (timers, objections): these roles act on the step instead. */
  ignoreStepActors?: boolean;
  /** Further state conditions, checked last. */
  extra?: (state: CaseState, actor: Actor) => Rejection | null;
}

/** Art. 17: the approval step is acted on by the authority the district review named. */
export function stepActors(state: CaseState, step: Step): readonly Role[] {
  if (step === 'APPROVAL' && state.amounts.approvalAuthority === 'DISTRICT_LEADER')
    return ['DISTRICT_LEADER'];
  if (step === 'APPROVAL') return ['DISTRICT_REVIEWER'];
  // The reviewer re-investigates; the leader may decide a leader-level case there (Art. 17).
  if (step === 'RE_INVESTIGATION' && state.amounts.approvalAuthority === 'DISTRICT_LEADER')
    return ['DISTRICT_REVIEWER', 'DISTRICT_LEADER'];
  return STEP_DEFINITIONS[step].actors;
}

export function guardFrom(spec: GuardSpec): (state: CaseState, actor: Actor) => Rejection | null {
  const statuses = spec.statuses ?? LIVE;
  return (state, actor) => {
    if (state.status === 'NEW') return reject.caseNotFound(spec.type);
    if (!statuses.includes(state.status) && isTerminal(state.status))
      return reject.caseClosed(spec.type, state.status);
    if (!spec.roles.includes(actor.role)) return reject.roleNotPermitted(spec.type, actor.role, spec.roles);
    if (actor.role === 'CASEWORKER' && actor.town !== state.town)
      return reject.wrongTown(state.town, actor.town);
    if (state.suspended && !spec.whileSuspended) return reject.caseSuspended(spec.type);
    if (!statuses.includes(state.status)) {
      return spec.wrongStatus
        ? spec.wrongStatus(state)
        : reject.notAllowedInStep(spec.type, currentStep(state)?.step ?? null, spec.steps ?? []);
    }
    if (spec.steps) {
      const open = stepAmong(state, spec.steps);
      if (!open) return reject.notAllowedInStep(spec.type, currentStep(state)?.step ?? null, spec.steps);
      if (!spec.ignoreStepActors) {
        const actors = stepActors(state, open.step);
        if (!actors.includes(actor.role)) {
          return open.step === 'APPROVAL'
            ? reject.wrongApprovalAuthority(actors[0])
            : reject.roleNotPermitted(spec.type, actor.role, actors);
        }
      }
    }
    return spec.extra ? spec.extra(state, actor) : null;
  };
}

export function stepAmong(state: CaseState, steps: readonly Step[]): OpenStep | null {
  return state.openSteps.find((open) => steps.includes(open.step)) ?? null;
}

/** The open step a step-bound command acts on (the guard has made sure there is one). */
export function actedStep(state: CaseState, steps: readonly Step[]): Step {
  return (stepAmong(state, steps) ?? currentStep(state))?.step ?? steps[0];
}

export function afterEvents(state: CaseState, events: readonly CaseEvent[]): CaseState {
  return events.reduce(evolve, state);
}

/** AB岗: the A post of the role that holds the step, else the unit post; the B post if one is named. */
export function postsFor(state: CaseState, step: Step): { assignee: StaffRef; bPost: StaffRef | null } {
  const holder = STEP_DEFINITIONS[step].holder;
  const post = state.posts[holder];
  const unit = holder === 'CASEWORKER' ? `unit:CASEWORKER:${state.town}` : `unit:${holder}`;
  return {
    assignee: { id: post?.a ?? unit, role: holder },
    bPost: post?.b ? { id: post.b, role: holder } : null,
  };
}

/**
 * `countsFrom` (issue 12): the instant the step's N days count from when that is not now (the last day of
 * the publicity that led here). Cases under a procedure also record whether the measures set the period.
 */
export function openStepEvents(state: CaseState, step: Step, cause: Cause, countsFrom?: string): CaseEvent[] {
  const definition = STEP_DEFINITIONS[step];
  const period = definition.periodKey && state.periods ? state.periods[definition.periodKey] : null;
  const byTheLetter =
    state.procedure && state.route
      ? {
          ...(countsFrom ? { countsFrom } : {}),
          statutory:
            definition.periodKey !== null &&
            state.procedure.statutoryPeriods[state.route].includes(definition.periodKey),
        }
      : {};
  const events: CaseEvent[] = [
    eventFrom(cause, 'StepOpened', {
      step,
      ...postsFor(state, step),
      periodKey: definition.periodKey,
      period,
      ...byTheLetter,
    }),
  ];
  const notice = {
    applicantName: state.applicant?.name ?? '',
    householdSize: state.applicant?.householdSize ?? 0,
  };
  switch (definition.onEnter) {
    case 'PUBLICITY':
      // Art. 15(7): name, household size, proposed amount — nothing else goes on the board.
      events.push(
        eventFrom(cause, 'PublicityStarted', {
          step,
          notice: { ...notice, proposedAmount: state.amounts.proposed },
        }),
      );
      break;
    case 'RECIPIENTS_LIST':
      events.push(
        eventFrom(cause, 'RecipientsListPublished', {
          notice: { ...notice, proposedAmount: state.amounts.paid },
        }),
      );
      break;
    case null:
      break;
    default: {
      const unreachable: never = definition.onEnter;
      void unreachable;
    }
  }
  return events;
}

/**
 * Closes `step` with `outcome` and moves along the transition table: opens the next step or closes
 * the case. `state` must already include the events that led to the outcome.
 */
export function advance(
  state: CaseState,
  step: Step,
  outcome: StepOutcome,
  cause: Cause,
  countsFrom?: string,
): CaseEvent[] {
  const completed = eventFrom(cause, 'StepCompleted', { step, outcome });
  const target = state.route ? nextTarget(state.route, step, outcome) : undefined;
  if (!target) return [completed];
  if ('end' in target) return [completed, eventFrom(cause, 'CaseClosed', { outcome: target.end })];
  return [completed, ...openStepEvents(evolve(state, completed), target.step, cause, countsFrom)];
}

/** A refusal at a decision point: the decision, then the 3-working-day written notice step. */
export function refusalEvents(
  state: CaseState,
  step: Step,
  reasons: string[],
  cause: Cause,
  recorded: CaseEvent[] = [],
): CaseEvent[] {
  const rejected = eventFrom(cause, 'ApplicationRejected', {
    step,
    reasons,
    materialsReturned: step === 'DISTRICT_REVIEW',
  });
  const before = [...recorded, rejected];
  return [...before, ...advance(afterEvents(state, before), step, 'REFUSED', cause)];
}

/** Closes every open step with an abandon outcome (withdrawal, death without heir, fraud). */
export function abandonOpenSteps(
  state: CaseState,
  outcome: 'WITHDRAWN' | 'TERMINATED' | 'CANCELLED_FOR_FRAUD',
  cause: Cause,
): CaseEvent[] {
  return state.openSteps.map((open) => eventFrom(cause, 'StepCompleted', { step: open.step, outcome }));
}
