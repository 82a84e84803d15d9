import type { CivilDate } from './civil-date';

/** How a deadline was counted; enough to count it again when the calendar changes. */
export type DeadlineBasis =
  | { readonly unit: 'working-days'; readonly n: number }
  | { readonly unit: 'calendar-days'; readonly n: number; readonly extendOverHoliday: boolean }
  | { readonly unit: 'months'; readonly n: number; readonly extendOverHoliday: boolean };

export interface Deadline {
  /** The triggering day; it never counts itself. */
  readonly trigger: CivilDate;
  readonly basis: DeadlineBasis;
  /** The last day of the period (Asia/Shanghai). */
  readonly dueDate: CivilDate;
  /** The end of dueDate in Shanghai, 'YYYY-MM-DDT23:59:59.999+08:00'; `new Date(dueAt)` gives the instant. */
  readonly dueAt: string;
  /** When Civil Code Art. 203 moved the last day off a rest day: the last day before the move. */
  readonly unextendedDueDate?: CivilDate;
  /**
   * True when the counting looked at a day the calendar does not know authoritatively (a year whose
   * arrangement is not loaded): that part was counted on weekends only, and the deadline must be counted
   * again (`WorkingDayCalendar.recompute`) once the year is loaded.
   */
  readonly provisional: boolean;
  /** Why it is provisional (English). */
  readonly reason?: string;
  /** Why it is provisional (Chinese). */
  readonly reasonZh?: string;
  /** The first day the counting looked at that the calendar does not know. */
  readonly uncoveredFrom?: CivilDate;
}

export interface CalendarDayOptions {
  /**
   * Civil Code Art. 203: when the last day of the period is a rest day, the period ends on the next working
   * day. Default true. Rest day here means any day that is not a working day of this calendar: a statutory
   * holiday, a weekend not made up by 调休, or a bureau closure.
   */
  readonly extendOverHoliday?: boolean;
}
