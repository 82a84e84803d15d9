import {
  STEP_DEFINITIONS,
  currentStep,
  effectiveDue,
  isClockRunning,
  isRemindable,
  type CaseCommand,
  type CaseState,
  type OpenStep,
} from '../../libs/domain/src';
import type { ReminderPlan } from './activities-contract';

/** Something that happens by itself at a time: the command a timer fires. */
export interface Timer {
  at: string;
  command: CaseCommand;
}

/** Issue 15: the chase of verification requests (the worker decides whom to remind or urge when it fires). */
export interface ChaseTimer {
  at: string;
  chaseVerifications: true;
}

const SYSTEM = { id: 'system', role: 'SYSTEM' } as const;

/**
 * The next thing that happens by itself: a publicity period or the recipients list ending, the step's next
 * reminder, (issue 12) the end of the wait for an heir, or (issue 15) the chase of the verification
 * requests planned for `chaseAt` — whichever comes first (on a tie the step's own timer goes first). Pure:
 * the workflow sleeps until `at` unless something else happens first.
 */
export function nextTimer(
  state: CaseState,
  reminderPlan: ReminderPlan | null,
  chaseAt: string | null = null,
): Timer | ChaseTimer | null {
  const chase: ChaseTimer | null = chaseAt ? { at: chaseAt, chaseVerifications: true } : null;
  return [stepTimer(state, reminderPlan), heirTimer(state), chase].reduce<Timer | ChaseTimer | null>(
    (first, t) => (t && (!first || Date.parse(t.at) < Date.parse(first.at)) ? t : first),
    null,
  );
}

/** A publicity period or the recipients list ends at its due time (both workflow versions). */
export function periodEndTimer(open: OpenStep, due: { dueAt: string }): Timer | null {
  const onEnter = STEP_DEFINITIONS[open.step].onEnter;
  if (onEnter === 'PUBLICITY') {
    const step = open.step as 'FIRST_NOTICE' | 'SECOND_NOTICE';
    return {
      at: due.dueAt,
      command: { type: 'ClosePublicityPeriod', actor: SYSTEM, at: '', data: { step } },
    };
  }
  if (onEnter === 'RECIPIENTS_LIST') {
    return { at: due.dueAt, command: { type: 'CloseRecipientsList', actor: SYSTEM, at: '', data: {} } };
  }
  return null;
}

/** The step being worked on, when its clock runs and its due date is known (both workflow versions). */
export function timedStep(
  state: CaseState,
): { open: OpenStep; due: { dueDate: string; dueAt: string } } | null {
  const open = currentStep(state);
  if (!open || !isClockRunning(open)) return null;
  const due = effectiveDue(open);
  return due ? { open, due } : null;
}

function stepTimer(state: CaseState, reminderPlan: ReminderPlan | null): Timer | null {
  const timed = timedStep(state);
  if (!timed) return null;
  const { open, due } = timed;
  const ending = periodEndTimer(open, due);
  if (ending) return ending;
  if (!isRemindable(open) || !reminderPlan || reminderPlan.step !== open.step) return null;
  return {
    at: reminderPlan.at,
    command: {
      type: 'IssueReminder',
      actor: SYSTEM,
      at: '',
      data: { step: open.step, kind: reminderPlan.kind },
    },
  };
}

/** Art. 22 (issue 12): no heir named when the policy's wait ends — the case ends with its notice. */
function heirTimer(state: CaseState): Timer | null {
  const due = state.deceased?.awaitingHeir ? state.deceased.heirDue : null;
  if (!due) return null;
  return { at: due.dueAt, command: { type: 'EndForNoHeir', actor: SYSTEM, at: '', data: {} } };
}
