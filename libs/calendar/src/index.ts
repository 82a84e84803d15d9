/**
 * libs/calendar — the working-day calendar on which every statutory deadline is counted. Pure: no I/O, no
 * clock. The bureau's data (year arrangements, closures) arrives as plain values loaded by the caller.
 */
export type { CivilDate, IsoWeekday } from './civil-date';
export {
  addDays,
  addMonthsClamped,
  assertCivilDate,
  compareCivilDates,
  daysBetween,
  daysInMonth,
  endOfShanghaiDay,
  endOfShanghaiDayAsDate,
  instantToEpochMs,
  isCivilDate,
  isWeekend,
  shanghaiDateOf,
  startOfShanghaiDayAsDate,
  weekdayOf,
} from './civil-date';
export type { Coverage, CoveredYear, DaySource } from './coverage';
export type { CalendarDayOptions, Deadline, DeadlineBasis } from './deadline';
export type { CalendarIssue, CalendarIssueCode, CalendarMessage } from './errors';
export { CalendarError, CalendarInputError, CalendarValidationError } from './errors';
export type {
  ArrangementEntry,
  ArrangementKind,
  BureauOverlay,
  OverlayEntry,
  OverlayKind,
  YearArrangement,
} from './overlay';
export type { ChineseDaysJson, OfficialCalendarData } from './sources/official';
export { loadOfficialCalendar, parseChineseDaysJson } from './sources/official';
export {
  assertValidOverlayEntries,
  assertValidYearArrangement,
  validateOverlayEntries,
  validateYearArrangement,
} from './validate-year';
export type { CalendarSources, DayInfo, DayStatus, Trigger } from './working-days';
export { WorkingDayCalendar, applyYearArrangement, createCalendar } from './working-days';
