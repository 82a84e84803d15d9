import type { Actor } from '../actors';
import type { CommandType } from '../commands';
import { eventFrom, type CaseEvent } from '../events';
import { instantMs, isIsoDate, isNonEmptyString, isRecord } from '../formats';
import { reject, type Rejection } from '../rejections';
import type { CaseState } from '../state';
import {
  awaitsDueReminder,
  effectiveValues,
  openRequests,
  rejectVerification,
  requestOf,
  requestsAwaitingDue,
  verificationOf,
  type VerificationRequestRecord,
} from '../verification';
import { accept, guardFrom, refuse, type CommandHandler } from './handler';
import { asData } from './validate';

/**
 * Issue 15: the verification requests of the investigation (家庭经济状况核对). Requests are issued and closed by
 * the town caseworker during the home investigation; answers come from the liaison of the department asked,
 * and only for requests addressed to that department.
 */

/** The answered values must be exactly the fields asked: none missing, none added. */
function valuesProblem(values: unknown, fields: readonly string[], prefix: string): Rejection | null {
  if (!isRecord(values))
    return reject.invalidData(
      prefix,
      '须为按核对事项填写的对象。',
      'must be an object keyed by the fields asked.',
    );
  for (const field of fields) {
    if (values[field] === undefined)
      return reject.invalidData(
        `${prefix}.${field}`,
        '该核对事项未填写。',
        'this field was asked and is not answered.',
      );
  }
  for (const key of Object.keys(values)) {
    if (!fields.includes(key))
      return reject.invalidData(
        `${prefix}.${key}`,
        `本请求未核对此事项（须为：${fields.join('、')}）。`,
        `this field was not asked (asked: ${fields.join(', ')}).`,
      );
  }
  return null;
}

const requestIn = (
  state: CaseState,
  requestId: unknown,
): { request: VerificationRequestRecord } | { rejection: Rejection } => {
  const request = requestOf(state, requestId);
  return request ? { request } : { rejection: rejectVerification.notFound(requestId) };
};

export const requestVerification: CommandHandler<'RequestVerification'> = {
  guard: guardFrom({
    type: 'RequestVerification',
    roles: ['CASEWORKER'],
    statuses: ['OPEN'],
    steps: ['INVESTIGATION'],
  }),
  handle: (state, command) => {
    const d = command.data;
    const authorisation = d.authorisation ?? null;
    const existing = verificationOf(state);
    if (!existing.authorisation && !authorisation) return refuse(rejectVerification.authorisationRequired());
    const same = existing.requests.find(
      (r) =>
        r.requestId === d.requestId ||
        (r.department === d.department && r.memberId === d.memberId && r.status !== 'UNOBTAINABLE'),
    );
    if (same) return refuse(rejectVerification.alreadyRequested(same));
    if (d.reuse !== undefined) {
      const reuse = d.reuse as unknown;
      const from = isRecord(reuse) && isRecord(reuse.from) ? reuse.from : null;
      const reuseProblem =
        valuesProblem(isRecord(reuse) ? reuse.values : undefined, d.fields, 'data.reuse.values') ??
        (from &&
        isNonEmptyString(from.caseId) &&
        isNonEmptyString(from.requestId) &&
        isIsoDate(from.answeredOn)
          ? null
          : reject.invalidData(
              'data.reuse.from',
              '缺少被复用核对结果的出处。',
              'the origin of the reused answer is missing.',
            ));
      if (reuseProblem) return refuse(reuseProblem);
    }
    const events: CaseEvent[] = [];
    if (authorisation)
      events.push(
        eventFrom(command, 'VerificationAuthorisationRecorded', {
          reference: String(authorisation.reference),
          signedOn: String(authorisation.signedOn),
        }),
      );
    events.push(
      eventFrom(command, 'VerificationRequested', {
        requestId: d.requestId,
        department: d.department,
        departmentName: d.departmentName,
        memberId: d.memberId,
        personRef: d.personRef,
        fields: [...d.fields],
        legalBasis: d.legalBasis,
        dueWorkingDays: d.dueWorkingDays,
        reuseDays: d.reuseDays,
      }),
    );
    if (d.reuse) {
      events.push(
        eventFrom(command, 'VerificationAnswered', {
          requestId: d.requestId,
          department: d.department,
          values: d.reuse.values,
          answeredOn: d.reuse.from.answeredOn,
          reference: d.reuse.from.reference,
          via: 'REUSE',
          reusedFrom: d.reuse.from,
        }),
      );
    }
    return accept(events);
  },
};

export const answerVerification: CommandHandler<'AnswerVerification'> = {
  guard: guardFrom({
    type: 'AnswerVerification',
    roles: ['DEPARTMENT_LIAISON'],
    statuses: ['OPEN'],
    extra: (state, actor) =>
      openRequests(state).some((r) => r.department === actor.department)
        ? null
        : rejectVerification.noneForDepartment(actor.department),
  }),
  handle: (state, command) => {
    const data = asData(command.data);
    const found = requestIn(state, data.requestId);
    if ('rejection' in found) return refuse(found.rejection);
    const { request } = found;
    if (request.department !== command.actor.department)
      return refuse(rejectVerification.wrongDepartment(request, command.actor.department));
    if (request.status !== 'OPEN') return refuse(rejectVerification.notOpen(request));
    const problem = valuesProblem(data.values, request.fields, 'data.values');
    if (problem) return refuse(problem);
    const d = command.data;
    return accept([
      eventFrom(command, 'VerificationAnswered', {
        requestId: request.requestId,
        department: request.department,
        values: d.values,
        answeredOn: d.answeredOn,
        reference: d.reference,
        via: d.via,
        reusedFrom: null,
      }),
    ]);
  },
};

export const markVerificationUnobtainable: CommandHandler<'MarkVerificationUnobtainable'> = {
  guard: guardFrom({
    type: 'MarkVerificationUnobtainable',
    roles: ['CASEWORKER'],
    statuses: ['OPEN'],
    steps: ['INVESTIGATION'],
    extra: (state) => (openRequests(state).length > 0 ? null : rejectVerification.notFound('(open)')),
  }),
  handle: (state, command) => {
    const data = asData(command.data);
    const found = requestIn(state, data.requestId);
    if ('rejection' in found) return refuse(found.rejection);
    if (found.request.status !== 'OPEN') return refuse(rejectVerification.notOpen(found.request));
    return accept([
      eventFrom(command, 'VerificationMarkedUnobtainable', {
        requestId: found.request.requestId,
        department: found.request.department,
        reason: command.data.reason.trim(),
      }),
    ]);
  },
};

export const correctVerifiedFact: CommandHandler<'CorrectVerifiedFact'> = {
  guard: guardFrom({
    type: 'CorrectVerifiedFact',
    roles: ['CASEWORKER'],
    statuses: ['OPEN'],
    steps: ['INVESTIGATION'],
    extra: (state) =>
      verificationOf(state).requests.some((r) => r.status === 'ANSWERED')
        ? null
        : rejectVerification.notFound('(answered)'),
  }),
  handle: (state, command) => {
    const data = asData(command.data);
    const found = requestIn(state, data.requestId);
    if ('rejection' in found) return refuse(found.rejection);
    const { request } = found;
    if (request.status !== 'ANSWERED') return refuse(rejectVerification.notAnswered(request));
    if (!request.fields.includes(command.data.field)) {
      return refuse(
        reject.invalidData(
          'data.field',
          `须为本请求的核对事项之一：${request.fields.join('、')}。`,
          `must be one of the fields asked: ${request.fields.join(', ')}.`,
        ),
      );
    }
    const { field, value, reason } = command.data;
    return accept([
      eventFrom(command, 'VerifiedFactCorrected', {
        requestId: request.requestId,
        field,
        original: effectiveValues(request)[field] ?? null,
        corrected: value,
        reason: reason.trim(),
      }),
    ]);
  },
};

const hasDueRequest = (state: CaseState) => openRequests(state).some((r) => r.due !== null);

export const urgeVerification: CommandHandler<'UrgeVerification'> = {
  // 督查督办: an unanswered request past its due date is urged like any overdue step.
  guard: guardFrom({
    type: 'UrgeVerification',
    roles: ['CASEWORKER', 'DISTRICT_REVIEWER', 'SYSTEM'],
    statuses: ['OPEN'],
    extra: (state) => (hasDueRequest(state) ? null : rejectVerification.notFound('(open, with a due date)')),
  }),
  handle: (state, command) => {
    const data = asData(command.data);
    const found = requestIn(state, data.requestId);
    if ('rejection' in found) return refuse(found.rejection);
    const { request } = found;
    if (request.status !== 'OPEN') return refuse(rejectVerification.notOpen(request));
    if (!request.due || instantMs(command.at) <= instantMs(request.due.dueAt))
      return refuse(rejectVerification.notOverdue(request));
    return accept([
      eventFrom(command, 'VerificationUrged', {
        requestId: request.requestId,
        department: request.department,
        dueDate: request.due.dueDate,
        count: request.urges + 1,
      }),
    ]);
  },
};

export const remindVerification: CommandHandler<'RemindVerification'> = {
  // 提醒: the department is told once that a request falls due (the worker plans it for the due day's office
  // morning, as the step reminders); once reminded or urged, 催办 takes over.
  guard: guardFrom({
    type: 'RemindVerification',
    roles: ['SYSTEM'],
    statuses: ['OPEN'],
    extra: (state) =>
      openRequests(state).some(awaitsDueReminder)
        ? null
        : rejectVerification.notFound('(open, with a due date, not yet reminded)'),
  }),
  handle: (state, command) => {
    const data = asData(command.data);
    const found = requestIn(state, data.requestId);
    if ('rejection' in found) return refuse(found.rejection);
    const { request } = found;
    if (request.status !== 'OPEN') return refuse(rejectVerification.notOpen(request));
    if (!awaitsDueReminder(request)) return refuse(rejectVerification.alreadyReminded(request));
    return accept([
      eventFrom(command, 'VerificationReminded', {
        requestId: request.requestId,
        department: request.department,
        dueDate: request.due!.dueDate,
      }),
    ]);
  },
};

export const recordVerificationDue: CommandHandler<'RecordVerificationDue'> = {
  guard: guardFrom({
    type: 'RecordVerificationDue',
    roles: ['SYSTEM'],
    statuses: ['OPEN'],
    extra: (state) =>
      requestsAwaitingDue(state).length > 0 ? null : rejectVerification.notFound('(awaiting a due date)'),
  }),
  handle: (state, command) => {
    const data = asData(command.data);
    const found = requestIn(state, data.requestId);
    if ('rejection' in found) return refuse(found.rejection);
    if (found.request.status !== 'OPEN' || found.request.due !== null)
      return refuse(rejectVerification.notOpen(found.request));
    const { requestId, dueDate, dueAt, provisional } = command.data;
    return accept([eventFrom(command, 'VerificationDueSet', { requestId, dueDate, dueAt, provisional })]);
  },
};

/**
 * The investigation concludes only when every request is answered or marked unobtainable with a reason:
 * the facts it records would otherwise be what the caseworker typed, not what the departments said.
 */
export function withVerificationsClosed<T extends CommandType>(
  handler: CommandHandler<T>,
): CommandHandler<T> {
  return {
    guard: (state: CaseState, actor: Actor) => {
      const refused = handler.guard(state, actor);
      if (refused) return refused;
      const open = openRequests(state);
      return open.length > 0 ? rejectVerification.open(open) : null;
    },
    handle: handler.handle,
  };
}
