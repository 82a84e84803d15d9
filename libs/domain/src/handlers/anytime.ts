import type { Actor } from '../actors';
import type { Heir } from '../commands';
import { eventFrom, type CaseEvent } from '../events';
import { COMMAND_BODIES } from '../bodies/command-bodies';
import { addCalendarDays, endOfDayShanghai, fromFen, normaliseMoney, toFen } from '../formats';
import { reject, type Rejection } from '../rejections';
import { currentStep, effectiveDue, isClockRunning, openStep, type CaseState } from '../state';
import { STEPS, STEP_DEFINITIONS, type Step } from '../steps';
import {
  abandonOpenSteps,
  accept,
  advance,
  afterEvents,
  guardFrom,
  openStepEvents,
  refuse,
  type CommandHandler,
} from './handler';

/** Events that can arrive at any open step (DOMAIN.md "Events that can arrive at any open step"). */

export const withdraw: CommandHandler<'Withdraw'> = {
  guard: guardFrom({
    type: 'Withdraw',
    roles: ['CASEWORKER', 'DISTRICT_REVIEWER'],
    statuses: ['OPEN', 'APPROVED'],
    wrongStatus: () => reject.alreadyDisbursed('Withdraw'),
    whileSuspended: true,
  }),
  handle: (state, command) => {
    return accept([
      ...abandonOpenSteps(state, 'WITHDRAWN', command),
      eventFrom(command, 'Withdrawn', { reason: command.data.reason }),
    ]);
  },
};

const heirOf = (heir: Heir): Heir => ({
  name: heir.name,
  personRef: heir.personRef,
  relation: heir.relation,
});

export const reportDeath: CommandHandler<'ReportDeath'> = {
  // Art. 22: the application is completed and the legal heir receives the aid; with no heir it ends.
  guard: guardFrom({
    type: 'ReportDeath',
    roles: ['CASEWORKER', 'DISTRICT_REVIEWER'],
    whileSuspended: true,
    extra: (state) => (state.deceased ? reject.applicantAlreadyDeceased(state.deceased.dateOfDeath) : null),
  }),
  handle: (state, command) => {
    // Issue 12: under a procedure the heir may be named later (heir left out = none known yet).
    const heirLater = state.procedure !== null && command.data.heir === undefined;
    if (command.data.heir === undefined && !heirLater) {
      return refuse(
        reject.invalidData('data.heir', ...COMMAND_BODIES.ReportDeath.fields.heir.missingMessage!),
      );
    }
    const heir: Heir | null = command.data.heir ? heirOf(command.data.heir) : null;
    const paid = state.status === 'PAID' || state.status === 'RECOVERING';
    const died = eventFrom(command, 'ApplicantDied', {
      dateOfDeath: command.data.dateOfDeath,
      heir,
      ...(heirLater && !paid ? { awaitingHeir: true } : {}),
    });
    // Choice: once paid, the money has reached the applicant; the death is recorded and nothing else moves.
    if (paid || heirLater) return accept([died]);
    if (!heir) {
      return accept([
        died,
        ...abandonOpenSteps(state, 'TERMINATED', command),
        eventFrom(command, 'CaseTerminated', { reason: 'NO_HEIR' }),
      ]);
    }
    return accept([died, payeeToHeir(state, command, heir)]);
  },
};

function payeeToHeir(state: CaseState, cause: { actor: Actor; at: string }, heir: Heir): CaseEvent {
  const from = state.payee ?? {
    kind: 'APPLICANT' as const,
    name: state.applicant?.name ?? '',
    personRef: state.applicant?.personRef ?? '',
  };
  return eventFrom(cause, 'PayeeChanged', { from, to: { kind: 'HEIR', ...heir } });
}

export const nameHeir: CommandHandler<'NameHeir'> = {
  // Art. 22 (issue 12): the heir who comes forward after the death was reported receives the aid.
  guard: guardFrom({
    type: 'NameHeir',
    roles: ['CASEWORKER', 'DISTRICT_REVIEWER'],
    whileSuspended: true,
    extra: (state) => (state.deceased?.awaitingHeir ? null : reject.noHeirAwaited()),
  }),
  handle: (state, command) => {
    return accept([payeeToHeir(state, command, heirOf(command.data.heir))]);
  },
};

export const suspend: CommandHandler<'Suspend'> = {
  // Art. 20: the bureau suspends aid (a key-group patient refuses discharge); every open step's clock stops.
  // Issue 12: under a procedure only on a ground the policy lists, named with its article.
  guard: guardFrom({
    type: 'Suspend',
    roles: ['DISTRICT_REVIEWER', 'DISTRICT_LEADER'],
    statuses: ['OPEN', 'APPROVED'],
    wrongStatus: () => reject.alreadyDisbursed('Suspend'),
    whileSuspended: true,
    extra: (state) => (state.suspended ? reject.alreadySuspended(state.suspended.since) : null),
  }),
  handle: (state, command) => {
    // Issue 12: under a procedure only on a ground the policy lists.
    const grounds = state.procedure?.suspensionGrounds;
    const ground = grounds?.find((candidate) => candidate.code === command.data.ground);
    if (grounds && !ground) return refuse(reject.suspensionGroundNotListed(command.data.ground, grounds));
    if (ground?.categories && !(state.category && ground.categories.includes(state.category)))
      return refuse(reject.suspensionGroundNotForCategory(ground, state.category));
    return accept([
      eventFrom(command, 'Suspended', { reason: command.data.reason, ...(ground ? { ground } : {}) }),
      ...state.openSteps.map((open) =>
        eventFrom(command, 'StepClockPaused', { step: open.step, reason: 'SUSPENDED' }),
      ),
    ]);
  },
};

export const resume: CommandHandler<'Resume'> = {
  guard: guardFrom({
    type: 'Resume',
    roles: ['DISTRICT_REVIEWER', 'DISTRICT_LEADER'],
    statuses: ['OPEN', 'APPROVED'],
    whileSuspended: true,
    extra: (state) => (state.suspended ? null : reject.notSuspended()),
  }),
  handle: (state, command) => {
    // Choice: the step's full period runs again from the resumption (the workflow records the new due).
    const resumed: CaseEvent[] = state.openSteps
      .filter((open) => open.pausedFor.includes('SUSPENDED'))
      .map((open) =>
        eventFrom(command, 'StepClockResumed', {
          step: open.step,
          reason: 'SUSPENDED',
          restartsClock: open.pausedFor.every((reason) => reason === 'SUSPENDED'),
          period: open.period,
        }),
      );
    return accept([eventFrom(command, 'Resumed', { reason: command.data.reason }), ...resumed]);
  },
};

export const reportFraud: CommandHandler<'ReportFraud'> = {
  // Art. 35: once verified, aid is cancelled and money wrongly received is recovered — also after
  // the case closed, since fraud is often found later.
  guard: guardFrom({
    type: 'ReportFraud',
    roles: ['DISTRICT_REVIEWER', 'DISTRICT_LEADER'],
    statuses: ['OPEN', 'APPROVED', 'PAID', 'CLOSED'],
    wrongStatus: () => reject.alreadyCancelled(),
    whileSuspended: true,
  }),
  handle: (state, command) => {
    const reported = eventFrom(command, 'FraudReported', {
      kind: command.data.kind,
      findings: command.data.findings,
      evidenceRefs: command.data.evidenceRefs,
    });
    const cancelled = eventFrom(command, 'CaseCancelled', {
      reason: 'FRAUD',
      amountToRecover: state.amounts.paid,
    });
    const events = [reported, ...abandonOpenSteps(state, 'CANCELLED_FOR_FRAUD', command), cancelled];
    if (state.amounts.paid === null) return accept(events);
    return accept([...events, ...openStepEvents(afterEvents(state, events), 'RECOVERY', command)]);
  },
};

export const recordRecovery: CommandHandler<'RecordRecovery'> = {
  guard: guardFrom({
    type: 'RecordRecovery',
    roles: ['DISTRICT_REVIEWER'],
    statuses: ['RECOVERING'],
    steps: ['RECOVERY'],
  }),
  handle: (state, command) => {
    const owed = toFen(state.amounts.toRecover ?? '0');
    const before = toFen(state.amounts.recovered);
    const total = before + toFen(command.data.amount);
    if (total > owed)
      return refuse(reject.amountExceedsOutstanding(command.data.amount, fromFen(owed - before)));
    const recorded = eventFrom(command, 'RecoveryRecorded', {
      amount: normaliseMoney(command.data.amount),
      reference: command.data.reference,
      recoveredOn: command.data.recoveredOn,
      totalRecovered: fromFen(total),
      outstanding: fromFen(owed - total),
    });
    if (total < owed) return accept([recorded]);
    return accept([recorded, ...advance(afterEvents(state, [recorded]), 'RECOVERY', 'RECOVERED', command)]);
  },
};

/** AB岗工作制 第四条: the A post (or whoever assigns posts) hands a step to the B post. */
const ASSIGNING_ROLES = ['ADMINISTRATOR', 'DISTRICT_LEADER'] as const;
const mayAssign = (actor: Actor) => (ASSIGNING_ROLES as readonly string[]).includes(actor.role);
const holds = (state: CaseState, actor: Actor) =>
  state.openSteps.some((open) => open.assignee.id === actor.id);

export const reassign: CommandHandler<'Reassign'> = {
  guard: guardFrom({
    type: 'Reassign',
    roles: ['ADMINISTRATOR', 'DISTRICT_LEADER', 'CASEWORKER', 'DISTRICT_REVIEWER', 'FINANCE'],
    whileSuspended: true,
    extra: (state, actor) => {
      if (state.openSteps.length === 0) return reject.notAllowedInStep('Reassign', null, []);
      return mayAssign(actor) || holds(state, actor)
        ? null
        : reject.roleNotPermitted('Reassign', actor.role, ASSIGNING_ROLES);
    },
  }),
  handle: (state, command) => {
    const open = openStep(state, command.data.step);
    if (!open) return refuse(reject.stepNotOpen(command.data.step));
    if (!mayAssign(command.actor) && open.assignee.id !== command.actor.id) {
      return refuse(reject.roleNotPermitted('Reassign', command.actor.role, ASSIGNING_ROLES));
    }
    // Without a name: A → B post; the B post hands back to the A post when A returns (AB岗 第五条).
    const defaultTarget = open.bPost && open.assignee.id === open.bPost.id ? open.aPost.id : open.bPost?.id;
    const toId = command.data.toStaffId?.trim() || defaultTarget;
    if (!toId) return refuse(reject.noBPost(open.step));
    if (toId === open.assignee.id) {
      return refuse(
        reject.invalidData(
          'data.toStaffId',
          `${toId} 已是本环节承办人；请指定其他人员。`,
          `${toId} already holds this step; name someone else.`,
        ),
      );
    }
    return accept([
      eventFrom(command, 'Reassigned', {
        step: open.step,
        from: open.assignee,
        to: { id: toId, role: open.assignee.role },
        reason: command.data.reason,
      }),
    ]);
  },
};

export const extendDeadline: CommandHandler<'ExtendDeadline'> = {
  // 岗位责任制 第二条: a delay must be reported to and granted by a leader; the statutory due stays.
  guard: guardFrom({
    type: 'ExtendDeadline',
    roles: ['DISTRICT_LEADER'],
    extra: (state) => {
      if (state.openSteps.some((open) => isClockRunning(open) && open.statutoryDue)) return null;
      const current = currentStep(state);
      if (!current) return reject.notAllowedInStep('ExtendDeadline', null, []);
      return isClockRunning(current)
        ? reject.deadlineNotSet(current.step)
        : reject.stepClockPaused(current.step);
    },
  }),
  handle: (state, command) => {
    const open = openStep(state, command.data.step);
    if (!open) return refuse(reject.stepNotOpen(command.data.step));
    if (!isClockRunning(open)) return refuse(reject.stepClockPaused(open.step));
    const due = effectiveDue(open);
    if (!due || !open.statutoryDue) return refuse(reject.deadlineNotSet(open.step));
    if (command.data.newDueDate <= due.dueDate)
      return refuse(reject.extensionNotLater(due.dueDate, command.data.newDueDate));
    const limit = extensionLimit(state, open.step, open.statutoryDue.dueDate, command.data.newDueDate);
    if (limit) return refuse(limit);
    return accept([
      eventFrom(command, 'DeadlineExtended', {
        step: open.step,
        statutoryDueDate: open.statutoryDue.dueDate,
        previousDueDate: due.dueDate,
        extendedDueDate: command.data.newDueDate,
        extendedDueAt: endOfDayShanghai(command.data.newDueDate),
        reason: command.data.reason,
        grantedBy: command.actor.id,
      }),
    ]);
  },
};

/**
 * Issue 12: under a procedure a step is extended only where the policy allows it, by at most its number of
 * calendar days past the statutory due date in all; publicity periods and the recipients list never.
 */
function extensionLimit(
  state: CaseState,
  step: Step,
  statutoryDue: string,
  requested: string,
): Rejection | null {
  const extensions = state.procedure?.extensions;
  if (!extensions) return null;
  const key = STEP_DEFINITIONS[step].periodKey;
  const limit = key ? extensions[key] : undefined;
  if (!limit) {
    const allowed = STEPS.filter((s) => {
      const k = STEP_DEFINITIONS[s].periodKey;
      return k !== null && extensions[k] !== undefined;
    });
    return reject.extensionNotAllowed(step, allowed);
  }
  const latest = addCalendarDays(statutoryDue, limit.maxCalendarDays);
  return requested <= latest ? null : reject.extensionTooLong(step, latest, limit.maxCalendarDays);
}
