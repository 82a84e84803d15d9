import type { Actor } from './actors';
import type { CaseCommand } from './commands';
import { decide } from './decide';
import type { CaseEvent } from './events';
import { evolve } from './evolve';
import { instantMs, shanghaiDate } from './formats';
import type { Rejection } from './rejections';
import { isClockRunning, type CaseState, type Due, type OpenStep } from './state';
import { STEP_DEFINITIONS, type Period } from './steps';
import { awaitsDueReminder, openRequests, requestsAwaitingDue } from './verification';

/**
 * An action and everything it implies at once (限时办结): the deadline of every step whose clock has just
 * started, from the calendar, and the reminder that tells its assignee the step is open. Pure: the
 * calendar arrives as `deadline`, so the worker can decide the whole action and append it in one
 * transaction (one durable write per action) and the workflow only evolves what comes back.
 */
export interface FollowUpPorts {
  /** The due date of `period` counted from `trigger` (an instant; the count starts the day after its date). */
  due(trigger: string, period: Period): Due;
}

/** The due date of `open`'s period counted from its clock start. */
const deadlineOf = (ports: FollowUpPorts, open: OpenStep): Due =>
  ports.due(open.clockStartedAt, open.period!);

export type ActionOutcome =
  { ok: true; events: CaseEvent[]; state: CaseState } | { ok: false; rejection: Rejection };

const SYSTEM: Actor = { id: 'system', role: 'SYSTEM' };

export interface FollowUpOptions {
  /**
   * Issue 15: runs from before `verification-timers` urge overdue verification requests with each system
   * reminder of the case; later runs urge them on their own timer (`urgeOverdueVerifications`) instead.
   */
  urgeVerificationsWithReminders?: boolean;
}

export function decideWithFollowUps(
  state: CaseState,
  command: CaseCommand,
  ports: FollowUpPorts,
  { urgeVerificationsWithReminders = true }: FollowUpOptions = {},
): ActionOutcome {
  const decision = decide(state, command);
  if (!decision.ok) return decision;
  let next = decision.events.reduce(evolve, state);
  const events = [...decision.events];
  const apply = (followUp: CaseCommand) => {
    const d = decide(next, followUp);
    if (!d.ok) return d.rejection;
    events.push(...d.events);
    next = d.events.reduce(evolve, next);
    return null;
  };
  for (;;) {
    const heirWait = next.procedure?.heirWait;
    if (heirWait && next.deceased?.awaitingHeir && !next.deceased.heirDue) {
      // Art. 22 (issue 12): the wait for an heir counts from the day the death was reported.
      const due = ports.due(next.deceased.reportedAt ?? command.at, heirWait);
      const refused = apply({ type: 'RecordHeirDeadline', actor: SYSTEM, at: command.at, data: due });
      if (refused) return { ok: false, rejection: refused };
      continue;
    }
    const open = next.openSteps.find((s) => s.awaitingDeadline && isClockRunning(s) && s.period);
    if (!open) break;
    const due = deadlineOf(ports, open);
    const refused =
      apply({ type: 'RecordDeadline', actor: SYSTEM, at: command.at, data: { step: open.step, ...due } }) ??
      (isRemindable(open)
        ? apply({
            type: 'IssueReminder',
            actor: SYSTEM,
            at: command.at,
            data: { step: open.step, kind: 'OPENED' },
          })
        : null);
    if (refused) return { ok: false, rejection: refused };
  }
  if (urgeVerificationsWithReminders && command.type === 'IssueReminder') {
    const urged = urgeOverdueVerifications(next, command.at);
    if (!urged.ok) return urged;
    events.push(...urged.events);
    next = urged.state;
  }
  // Issue 15: a new request is due its department's working days after the day it was sent.
  for (const request of requestsAwaitingDue(next)) {
    const due = ports.due(request.requestedAt, { unit: 'workingDays', count: request.dueWorkingDays });
    const refused = apply({
      type: 'RecordVerificationDue',
      actor: SYSTEM,
      at: command.at,
      data: { requestId: request.requestId, ...due },
    });
    if (refused) return { ok: false, rejection: refused };
  }
  return { ok: true, events, state: next };
}

/** 催办 (issue 15): the system urges every open verification request past its due time at `at`. */
export function urgeOverdueVerifications(state: CaseState, at: string): ActionOutcome {
  return onEachRequest(state, at, 'UrgeVerification', overdueRequests(state, at));
}

/**
 * The system's chase of the departments at `at` (issue 15, runs with `verification-timers`): a request due
 * that day is reminded (提醒, once; not counted), every request past its due time is urged (催办, counted).
 */
export function chaseVerifications(state: CaseState, at: string): ActionOutcome {
  const dueToday = openRequests(state).filter(
    (r) =>
      awaitsDueReminder(r) && r.due!.dueDate === shanghaiDate(at) && instantMs(at) <= instantMs(r.due!.dueAt),
  );
  const reminded = onEachRequest(state, at, 'RemindVerification', dueToday);
  if (!reminded.ok) return reminded;
  const urged = urgeOverdueVerifications(reminded.state, at);
  if (!urged.ok) return urged;
  return { ok: true, events: [...reminded.events, ...urged.events], state: urged.state };
}

/** One SYSTEM command of `type` per request, each decided on the state the one before left. */
function onEachRequest(
  state: CaseState,
  at: string,
  type: 'UrgeVerification' | 'RemindVerification',
  requests: readonly { requestId: string }[],
): ActionOutcome {
  let next = state;
  const events: CaseEvent[] = [];
  for (const { requestId } of requests) {
    const d = decide(next, { type, actor: SYSTEM, at, data: { requestId } });
    if (!d.ok) return d;
    events.push(...d.events);
    next = d.events.reduce(evolve, next);
  }
  return { ok: true, events, state: next };
}

/** Open verification requests whose due time has passed at `at`. */
export function overdueRequests(state: CaseState, at: string) {
  const now = instantMs(at);
  return openRequests(state).filter((r) => r.due && now > instantMs(r.due.dueAt));
}

/** The bureau loaded calendar data: every provisional deadline is counted again (and stays if unchanged). */
export function recomputeProvisionalDeadlines(
  state: CaseState,
  at: string,
  ports: FollowUpPorts,
): ActionOutcome {
  let next = state;
  const events: CaseEvent[] = [];
  // Art. 22 (issue 12): the wait for an heir, when it was counted past the calendar's coverage.
  const heirDue = state.deceased?.awaitingHeir ? state.deceased.heirDue : null;
  const heirWait = state.procedure?.heirWait;
  if (heirDue?.provisional && heirWait) {
    const due = ports.due(state.deceased!.reportedAt ?? at, heirWait);
    if (!(due.provisional && due.dueDate === heirDue.dueDate)) {
      const d = decide(next, { type: 'RecordHeirDeadline', actor: SYSTEM, at, data: due });
      if (!d.ok) return d;
      events.push(...d.events);
      next = d.events.reduce(evolve, next);
    }
  }
  for (const open of state.openSteps) {
    if (!open.statutoryDue?.provisional || !open.period) continue;
    const due = deadlineOf(ports, open);
    if (due.provisional && due.dueDate === open.statutoryDue.dueDate) continue;
    const d = decide(next, {
      type: 'RecomputeDeadline',
      actor: SYSTEM,
      at,
      data: { step: open.step, ...due },
    });
    if (!d.ok) return d;
    events.push(...d.events);
    next = d.events.reduce(evolve, next);
  }
  return { ok: true, events, state: next };
}

/** Steps that run on a person's work (not a publicity period or the recipients list) get reminders. */
export function isRemindable(open: OpenStep): boolean {
  return STEP_DEFINITIONS[open.step].onEnter === null && !!open.period;
}
