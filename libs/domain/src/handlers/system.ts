import { eventFrom, type CaseEvent } from '../events';
import { instantMs } from '../formats';
import { reject, type Rejection } from '../rejections';
import { currentStep, effectiveDue, isClockRunning, openStep, type CaseState, type OpenStep } from '../state';
import { urgesFor } from '../procedure';
import type { Step } from '../steps';
import {
  abandonOpenSteps,
  accept,
  advance,
  afterEvents,
  guardFrom,
  refuse,
  stepAmong,
  type CommandHandler,
  type Decision,
} from './handler';

/**
 * Commands the workflow issues itself (限时办结制, 督查督办): it records the due dates the calendar
 * activity computed, closes publicity periods when their timer fires, and reminds and urges.
 */

const PUBLICITY_STEPS = ['FIRST_NOTICE', 'SECOND_NOTICE'] as const;

/** The open, running step a SYSTEM command names, or why there is none. */
function runningStep(state: CaseState, step: Step): OpenStep | Rejection {
  const open = openStep(state, step);
  if (!open) return reject.stepNotOpen(step);
  return isClockRunning(open) ? open : reject.stepClockPaused(step);
}

const isRejection = (value: OpenStep | Rejection): value is Rejection => 'code' in value;

function whyNoStep(
  state: CaseState,
  type: 'RecordDeadline' | 'RecomputeDeadline' | 'IssueReminder',
): Rejection {
  const current = currentStep(state);
  if (!current || current.period === null) return reject.notAllowedInStep(type, current?.step ?? null, []);
  if (!isClockRunning(current)) return reject.stepClockPaused(current.step);
  if (type === 'RecordDeadline' && current.statutoryDue)
    return reject.deadlineAlreadySet(current.step, current.statutoryDue.dueDate);
  if (type === 'RecomputeDeadline' && current.statutoryDue)
    return reject.deadlineNotProvisional(current.step);
  return reject.deadlineNotSet(current.step);
}

export const recordDeadline: CommandHandler<'RecordDeadline'> = {
  // After StepOpened / a clock restart the workflow asks the calendar and records the due date;
  // provisional when it falls past the official holiday data known so far.
  guard: guardFrom({
    type: 'RecordDeadline',
    roles: ['SYSTEM'],
    extra: (state) =>
      state.openSteps.some((open) => open.awaitingDeadline && isClockRunning(open))
        ? null
        : whyNoStep(state, 'RecordDeadline'),
  }),
  handle: (state, command) => {
    const open = runningStep(state, command.data.step);
    if (isRejection(open)) return refuse(open);
    if (!open.awaitingDeadline) {
      return refuse(
        open.statutoryDue
          ? reject.deadlineAlreadySet(open.step, open.statutoryDue.dueDate)
          : reject.notAllowedInStep('RecordDeadline', open.step, []),
      );
    }
    const { dueDate, dueAt, provisional } = command.data;
    return accept([eventFrom(command, 'DeadlineSet', { step: open.step, dueDate, dueAt, provisional })]);
  },
};

export const recomputeDeadline: CommandHandler<'RecomputeDeadline'> = {
  // The bureau loaded next year's State Council holiday arrangement: only provisional dues change.
  guard: guardFrom({
    type: 'RecomputeDeadline',
    roles: ['SYSTEM'],
    extra: (state) =>
      state.openSteps.some((open) => isClockRunning(open) && open.statutoryDue?.provisional)
        ? null
        : whyNoStep(state, 'RecomputeDeadline'),
  }),
  handle: (state, command) => {
    const open = runningStep(state, command.data.step);
    if (isRejection(open)) return refuse(open);
    if (!open.statutoryDue) return refuse(reject.deadlineNotSet(open.step));
    if (!open.statutoryDue.provisional) return refuse(reject.deadlineNotProvisional(open.step));
    const { dueDate, dueAt, provisional } = command.data;
    return accept([
      eventFrom(command, 'DeadlineRecomputed', {
        step: open.step,
        previousDueDate: open.statutoryDue.dueDate,
        dueDate,
        dueAt,
        provisional,
      }),
    ]);
  },
};

/** For timer-driven closings: the step must have a running clock with a recorded due date. */
function timedStepReady(state: CaseState, steps: readonly Step[]): Rejection | null {
  const open = stepAmong(state, steps);
  if (!open) return null; // the step check in guardFrom explains it
  if (!isClockRunning(open)) return reject.stepClockPaused(open.step);
  return effectiveDue(open) ? null : reject.deadlineNotSet(open.step);
}

function periodElapsed(open: OpenStep, at: string): Rejection | null {
  const due = effectiveDue(open);
  if (!due) return reject.deadlineNotSet(open.step);
  return instantMs(at) >= instantMs(due.dueAt) ? null : reject.periodNotElapsed(open.step, due.dueAt);
}

export const closePublicityPeriod: CommandHandler<'ClosePublicityPeriod'> = {
  // Art. 15(4), 15(8): "公示期满无异议" — the 5-day board notice ran out with no (valid) objection.
  guard: guardFrom({
    type: 'ClosePublicityPeriod',
    roles: ['SYSTEM'],
    statuses: ['OPEN'],
    steps: PUBLICITY_STEPS,
    ignoreStepActors: true,
    extra: (state) => timedStepReady(state, PUBLICITY_STEPS),
  }),
  handle: (state, command): Decision => {
    const open = runningStep(state, command.data.step);
    if (isRejection(open)) return refuse(open);
    const notElapsed = periodElapsed(open, command.at);
    if (notElapsed) return refuse(notElapsed);
    if (!state.procedure) {
      const ended = eventFrom(command, 'PublicityEnded', { step: open.step, outcome: 'NO_OBJECTION' });
      return accept([ended, ...advance(afterEvents(state, [ended]), open.step, 'NO_OBJECTION', command)]);
    }
    // Issue 12: objections are heard through the whole period; at its end every objection of the period
    // that calls for a review leads to it together, and the next step counts from the period's last day
    // (DOMAIN.md: never from the day the timer happens to fire).
    const objected = state.objections.some(
      (objection) =>
        objection.step === open.step &&
        objection.triggeredReview &&
        instantMs(objection.raisedAt) >= instantMs(open.openedAt),
    );
    const outcome = objected ? 'OBJECTION' : 'NO_OBJECTION';
    const ended = eventFrom(command, 'PublicityEnded', { step: open.step, outcome });
    const lastDay = effectiveDue(open)!.dueAt;
    return accept([ended, ...advance(afterEvents(state, [ended]), open.step, outcome, command, lastDay)]);
  },
};

export const closeRecipientsList: CommandHandler<'CloseRecipientsList'> = {
  // Art. 16: the recipients list stays on public display for half a year; then the case is closed.
  guard: guardFrom({
    type: 'CloseRecipientsList',
    roles: ['SYSTEM'],
    statuses: ['PAID'],
    steps: ['RECIPIENTS_LIST'],
    ignoreStepActors: true,
    extra: (state) => timedStepReady(state, ['RECIPIENTS_LIST']),
  }),
  handle: (state, command) => {
    const open = openStep(state, 'RECIPIENTS_LIST');
    if (!open) return refuse(reject.stepNotOpen('RECIPIENTS_LIST'));
    const notElapsed = periodElapsed(open, command.at);
    if (notElapsed) return refuse(notElapsed);
    return accept(advance(state, 'RECIPIENTS_LIST', 'LIST_PERIOD_ENDED', command));
  },
};

export const issueReminder: CommandHandler<'IssueReminder'> = {
  // 督查督办 二(三) 检查催办: reminders when a step opens, before it is due, on the due day; every
  // reminder after the due time is a 催办 — counted, escalated to the supervisor from the first, and
  // the assignee flagged at the threshold (四(三): 3次以上).
  guard: guardFrom({
    type: 'IssueReminder',
    roles: ['SYSTEM'],
    extra: (state) => (state.openSteps.some(isClockRunning) ? null : whyNoStep(state, 'IssueReminder')),
  }),
  handle: (state, command) => {
    const open = runningStep(state, command.data.step);
    if (isRejection(open)) return refuse(open);
    const { kind } = command.data;
    const due = effectiveDue(open);
    if (kind !== 'OPENED' && !due) return refuse(reject.deadlineNotSet(open.step));
    const reminded = eventFrom(command, 'ReminderIssued', { step: open.step, kind, assignee: open.assignee });
    if (kind !== 'OVERDUE') return accept([reminded]);
    if (due && instantMs(command.at) <= instantMs(due.dueAt))
      return refuse(reject.notYetOverdue(open.step, due.dueAt));
    // Issue 12: a deadline the measures do not set (the bureau's parameter) is reminded, never urged,
    // escalated or counted against a person, unless the policy says otherwise.
    if (!urgesFor(state, open)) return accept([reminded]);
    const { supervision } = state;
    const countForStep = (supervision.urgesByStep[open.step] ?? 0) + 1;
    const countForAssignee = (supervision.urgesByAssignee[open.assignee.id] ?? 0) + 1;
    const events: CaseEvent[] = [
      reminded,
      eventFrom(command, 'UrgeIssued', {
        step: open.step,
        assignee: open.assignee,
        countForStep,
        countForAssignee,
      }),
      eventFrom(command, 'EscalatedToSupervisor', {
        step: open.step,
        assignee: open.assignee,
        town: state.town,
        countForStep,
      }),
    ];
    if (
      countForAssignee >= supervision.urgeFlagThreshold &&
      !supervision.flaggedAssignees.includes(open.assignee.id)
    ) {
      events.push(
        eventFrom(command, 'AssigneeFlagged', {
          assignee: open.assignee,
          urgeCount: countForAssignee,
          threshold: supervision.urgeFlagThreshold,
        }),
      );
    }
    return accept(events);
  },
};

export const recordHeirDeadline: CommandHandler<'RecordHeirDeadline'> = {
  // Art. 22 (issue 12): right after a death is reported with no heir known, the calendar counts the
  // policy's wait from the report; a wait counted past the calendar's coverage (provisional) is counted
  // again when the bureau loads the next year's arrangement.
  guard: guardFrom({
    type: 'RecordHeirDeadline',
    roles: ['SYSTEM'],
    whileSuspended: true,
    extra: (state) =>
      state.deceased?.awaitingHeir && (!state.deceased.heirDue || state.deceased.heirDue.provisional)
        ? null
        : reject.noHeirAwaited(),
  }),
  handle: (_state, command) => {
    const { dueDate, dueAt, provisional } = command.data;
    return accept([eventFrom(command, 'HeirDeadlineSet', { dueDate, dueAt, provisional })]);
  },
};

export const endForNoHeir: CommandHandler<'EndForNoHeir'> = {
  // Art. 22: "无法定继承人的，终止办理申请" — no heir came forward within the policy's wait: the case
  // ends, with the notice that says why.
  guard: guardFrom({
    type: 'EndForNoHeir',
    roles: ['SYSTEM'],
    statuses: ['OPEN', 'APPROVED'],
    whileSuspended: true,
    extra: (state) => {
      const due = state.deceased?.awaitingHeir ? state.deceased.heirDue : null;
      return due ? null : reject.noHeirAwaited();
    },
  }),
  handle: (state, command) => {
    const due = state.deceased!.heirDue!;
    if (instantMs(command.at) < instantMs(due.dueAt)) return refuse(reject.heirWaitNotOver(due.dueAt));
    const died = state.deceased!.dateOfDeath;
    return accept([
      ...abandonOpenSteps(state, 'TERMINATED', command),
      eventFrom(command, 'CaseTerminated', {
        reason: 'NO_HEIR_CAME_FORWARD',
        notice: {
          article: 'Art. 22',
          zh: `申请人于 ${died} 死亡，至 ${due.dueDate} 无法定继承人申领救助金；依《医疗救助办法》第二十二条终止办理申请。`,
          en: `The applicant died on ${died} and no legal heir came forward by ${due.dueDate}; the application ends under Art. 22.`,
        },
      }),
    ]);
  },
};
