import {
  addDays,
  compareCivilDates,
  shanghaiDateOf,
  type CivilDate,
  type WorkingDayCalendar,
} from '../../../../libs/calendar/src';
import { awaitsDueReminder, openRequests, type CaseState } from '../../../../libs/domain/src';
import { officeDayStart } from './calendar.activities';

/**
 * The system chases the departments (issue 15) like any step's assignee, at office mornings (plus the case's
 * offset, as reminders): on a request's due day it is reminded (提醒), and on every working day after it,
 * until answered or marked unobtainable, urged (催办). The case's next chase is the earliest such morning over
 * its open requests strictly after `after` (the chase that fired, or the present); null when nothing is due.
 */
export function nextVerificationChase(
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
    const dueDayMorning = officeDayStart(request.due.dueDate, offsetMs);
    if (awaitsDueReminder(request) && Date.parse(dueDayMorning) > afterMs) {
      if (next === null || Date.parse(dueDayMorning) < Date.parse(next)) next = dueDayMorning;
      continue;
    }
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
 * The case's next chase after an action (`verificationChase` of recordAction): after a chase fired, the next
 * morning after it (or after now, when it fired late: no burst of missed mornings); otherwise the chase
 * planned so far stays owed — even one a late worker has not fired yet — and a new request's comes in.
 */
export function planVerificationChase(
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
  return nextVerificationChase(calendar, state, {
    after: new Date(afterMs).toISOString(),
    offsetMs: input.offsetMs,
  });
}
