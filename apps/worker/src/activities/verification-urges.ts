import {
  addDays,
  compareCivilDates,
  shanghaiDateOf,
  type CivilDate,
  type WorkingDayCalendar,
} from '../../../../libs/calendar/src';
import { openRequests, type CaseState } from '../../../../libs/domain/src';
import { officeDayStart } from './calendar.activities';

/**
 * 催办 of verification requests (issue 15), like an overdue step's: a request past its due date is urged at
 * the office morning (plus the case's offset, as reminders) of every working day after its due day, until it
 * is answered or marked unobtainable. The case's next urge is the earliest such morning over its open
 * requests strictly after `after` (the urge that fired, or the present); null when nothing is due.
 */
export function nextVerificationUrge(
  calendar: WorkingDayCalendar,
  state: CaseState,
  { after, offsetMs }: { after: string; offsetMs: number },
): string | null {
  const afterMs = Date.parse(after);
  // Never walk the days before `after` one by one: a request overdue for a year would take 250 steps.
  const dayBeforeAfter = addDays(shanghaiDateOf(after), -1);
  let next: string | null = null;
  for (const request of openRequests(state)) {
    if (!request.due) continue;
    let from: CivilDate = request.due.dueDate;
    if (compareCivilDates(dayBeforeAfter, from) > 0) from = dayBeforeAfter;
    let day = calendar.nextWorkingDay(from);
    while (Date.parse(officeDayStart(day, offsetMs)) <= afterMs) day = calendar.nextWorkingDay(day);
    const at = officeDayStart(day, offsetMs);
    if (next === null || Date.parse(at) < Date.parse(next)) next = at;
  }
  return next;
}

/**
 * The case's next urge after an action (`verificationUrges` of recordAction): after an urge fired, the next
 * working morning after it (or after now, when it fired late: no burst of missed mornings); otherwise the
 * urge planned so far stays owed — even one a late worker has not fired yet — and a new request's comes in.
 */
export function planVerificationUrge(
  calendar: WorkingDayCalendar,
  state: CaseState,
  input: { at: string; plan: string | null; firedAt?: string; offsetMs: number },
): string | null {
  const atMs = Date.parse(input.at);
  const afterMs = input.firedAt
    ? Math.max(Date.parse(input.firedAt), atMs)
    : input.plan
      ? Math.min(Date.parse(input.plan) - 1, atMs)
      : atMs;
  return nextVerificationUrge(calendar, state, {
    after: new Date(afterMs).toISOString(),
    offsetMs: input.offsetMs,
  });
}
