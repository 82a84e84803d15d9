import {
  shanghaiDateOf,
  type CivilDate,
  type Deadline,
  type WorkingDayCalendar,
} from '../../../../libs/calendar/src';
import { benchReminderOverride } from './bench-reminders';

export interface PeriodSpec {
  unit: 'workingDays' | 'calendarDays' | 'months';
  count: number;
}

export interface DueDate {
  dueDate: CivilDate;
  dueAt: string;
  provisional: boolean;
}

export type ReminderKind = 'BEFORE_DUE' | 'DUE' | 'OVERDUE';
export interface PlannedReminder {
  kind: ReminderKind;
  /** When to send it: the start of the office day, Asia/Shanghai (version 2: plus the case's offset). */
  at: string;
}

/** Reminders go out when the office day starts (09:00 Asia/Shanghai), not at midnight. */
export const OFFICE_DAY_STARTS = '09:00:00';

/**
 * Deadlines and reminder times from the working-day calendar (official data + the bureau's entries in
 * PostgreSQL). Workflow code never reads the calendar: it calls these, and the answers land in history.
 */
export function createCalendarActivities(deps: {
  calendar: () => Promise<WorkingDayCalendar>;
  env?: NodeJS.ProcessEnv;
}) {
  const planReminder = reminderPlanner(deps.env);
  return {
    async computeDeadline(input: {
      trigger: string;
      period: PeriodSpec;
      extendOverHoliday: boolean;
    }): Promise<DueDate> {
      return dueOf(await deps.calendar(), input.trigger, input.period, input.extendOverHoliday);
    },

    /**
     * The next reminder for a step due on `dueDate`, strictly after `after`: the office morning `leadDays`
     * working days before the due day (督查督办 advance notice), the due day itself, then every working day
     * after it (each one a 催办).
     */
    async planNextReminder(input: {
      dueDate: CivilDate;
      leadDays: number;
      after: string;
    }): Promise<PlannedReminder> {
      return planReminder(await deps.calendar(), input);
    },
  };
}

export type ReminderPlanner = (calendar: WorkingDayCalendar, input: ReminderInput) => PlannedReminder;

export interface ReminderInput {
  dueDate: CivilDate;
  leadDays: number;
  after: string;
  /** The case's place in the office day's first minute (reminder-spread.ts); 0 for version 1. */
  offsetMs?: number;
}

/**
 * How the worker plans reminders (planNextReminder and recordAction alike): `nextReminder`, unless the
 * bench-only JIUZHU_BENCH_REMINDER_FILE (apps/worker/src/activities/bench-reminders.ts) holds a later
 * instant, which then stands in for the office morning (the case's offset added, as there).
 */
export function reminderPlanner(env: NodeJS.ProcessEnv = process.env): ReminderPlanner {
  const benchAt = benchReminderOverride(env);
  if (!benchAt) return nextReminder;
  return (calendar, input) => {
    const at = benchAt(input.after, input.offsetMs ?? 0);
    return at ? { kind: 'BEFORE_DUE', at } : nextReminder(calendar, input);
  };
}

/** The next reminder strictly after `after` for a step due on `dueDate` (see planNextReminder). */
export function nextReminder(calendar: WorkingDayCalendar, input: ReminderInput): PlannedReminder {
  const officeMorning = (day: CivilDate) => officeDayStart(day, input.offsetMs ?? 0);
  const candidates: PlannedReminder[] = [];
  if (input.leadDays > 0) {
    const before = calendar.addWorkingDays(input.dueDate, -input.leadDays).dueDate;
    candidates.push({ kind: 'BEFORE_DUE', at: officeMorning(before) });
  }
  candidates.push({ kind: 'DUE', at: officeMorning(input.dueDate) });
  const afterMs = Date.parse(input.after);
  const next = candidates.find((c) => Date.parse(c.at) > afterMs);
  if (next) return next;
  // Overdue: every working day after the due day; the first whose morning is still to come.
  let day = calendar.nextWorkingDay(input.dueDate);
  while (Date.parse(officeMorning(day)) <= afterMs) day = calendar.nextWorkingDay(day);
  return { kind: 'OVERDUE', at: officeMorning(day) };
}

/** The due date of a period counted from its trigger instant (the day after it, Asia/Shanghai). */
export function dueOf(
  calendar: WorkingDayCalendar,
  trigger: string,
  period: PeriodSpec,
  extendOverHoliday: boolean,
): DueDate {
  return toDueDate(dueFrom(calendar, shanghaiDateOf(trigger), period, extendOverHoliday));
}

function dueFrom(
  calendar: WorkingDayCalendar,
  trigger: CivilDate,
  period: PeriodSpec,
  extendOverHoliday: boolean,
): Deadline {
  switch (period.unit) {
    case 'workingDays':
      return calendar.addWorkingDays(trigger, period.count);
    case 'calendarDays':
      return calendar.addCalendarDays(trigger, period.count, { extendOverHoliday });
    case 'months':
      return calendar.addMonths(trigger, period.count, { extendOverHoliday });
  }
}

function toDueDate(deadline: Deadline): DueDate {
  return {
    dueDate: deadline.dueDate,
    dueAt: new Date(deadline.dueAt).toISOString(),
    provisional: deadline.provisional,
  };
}

/** The office morning of `day` (Asia/Shanghai) plus a case's offset into its first minute. */
export function officeDayStart(day: CivilDate, offsetMs: number): string {
  return new Date(Date.parse(`${day}T${OFFICE_DAY_STARTS}+08:00`) + offsetMs).toISOString();
}
