/**
 * The working-day calendar every statutory deadline is counted on (DOMAIN.md "Counting rules").
 *
 * Layers, later ones winning for a date:
 *   1. the weekday rule — Monday to Friday work, Saturday and Sunday rest;
 *   2. the official arrangements (chinese-days), year by year;
 *   3. the bureau's whole-year arrangements, each replacing the official data of its year, if any;
 *   4. the bureau's single-day entries (local closures and the like).
 *
 * Built once (a map from day number to entry, a list of known-year intervals) and then queried for many
 * cases; each operation walks the days it counts and nothing more. Immutable: loading data returns a new
 * calendar, so a calendar a worker is using never changes under it.
 */
import {
  type CivilDate,
  type IsoWeekday,
  addMonthsClamped,
  assertCivilDate,
  endOfShanghaiDay,
  firstDayOfYear,
  fromDayNumber,
  lastDayOfYear,
  shanghaiDateOf,
  toDayNumber,
  weekdayOfDayNumber,
} from './civil-date';
import { type Coverage, type DaySource, KnownDays, computeCoverage } from './coverage';
import type { CalendarDayOptions, Deadline, DeadlineBasis } from './deadline';
import { CalendarInputError } from './errors';
import type { BureauOverlay, OverlayEntry, OverlayKind, YearArrangement } from './overlay';
import { type OfficialCalendarData, loadOfficialCalendar } from './sources/official';
import { assertValidOverlayEntries, assertValidYearArrangement, yearIssue } from './validate-year';

/** What a day is. */
export type DayStatus =
  /** Monday–Friday with no entry. */
  | 'workday'
  /** Saturday or Sunday with no entry. */
  | 'weekend'
  /** A day off of a holiday arrangement (official or bureau). */
  | 'holiday'
  /** A make-up working day (调休上班). */
  | 'makeup-workday'
  /** A bureau closure. */
  | 'closure';

export interface DayInfo {
  readonly date: CivilDate;
  readonly weekday: IsoWeekday;
  readonly working: boolean;
  readonly status: DayStatus;
  /** The holiday or closure name, for days with an entry. */
  readonly name?: string;
  readonly source: DaySource;
  /** False for a day of a year whose arrangement is not known: its status is a guess on the weekday rule. */
  readonly authoritative: boolean;
}

interface DayEntry {
  readonly kind: OverlayKind;
  readonly name: string;
  readonly source: 'official' | 'bureau';
}

/** A trigger is a Shanghai civil date, or an instant whose Shanghai date is taken. */
export type Trigger = CivilDate | Date;

export interface CalendarSources {
  /** Defaults to the installed chinese-days data. */
  readonly official?: OfficialCalendarData;
  readonly overlay?: BureauOverlay;
}

function assertCount(n: unknown, field: string, allowNegative: boolean): asserts n is number {
  if (typeof n === 'number' && Number.isSafeInteger(n) && (allowNegative || n >= 0)) return;
  throw new CalendarInputError({
    code: 'INVALID_COUNT',
    field,
    value: n,
    message: {
      zh: `${field}“${String(n)}”无效，应为${allowNegative ? '' : '非负'}整数`,
      en: `${field} "${String(n)}" is invalid; expected ${allowNegative ? 'an' : 'a non-negative'} integer`,
    },
  });
}

export class WorkingDayCalendar {
  private readonly days = new Map<number, DayEntry>();
  private readonly known: KnownDays;
  private readonly coverageInfo: Coverage;
  private readonly official: OfficialCalendarData;
  private readonly arrangements: ReadonlyMap<number, YearArrangement>;
  private readonly entries: readonly OverlayEntry[];

  private constructor(
    official: OfficialCalendarData,
    arrangements: ReadonlyMap<number, YearArrangement>,
    entries: readonly OverlayEntry[],
  ) {
    this.official = official;
    this.arrangements = arrangements;
    this.entries = entries;
    const replaced = (date: CivilDate): boolean => arrangements.has(Number(date.slice(0, 4)));
    for (const [date, name] of official.holidays) {
      if (!replaced(date)) this.days.set(toDayNumber(date), { kind: 'holiday', name, source: 'official' });
    }
    for (const [date, name] of official.workdays) {
      if (!replaced(date)) this.days.set(toDayNumber(date), { kind: 'workday', name, source: 'official' });
    }
    for (const a of arrangements.values()) {
      for (const e of a.entries)
        this.days.set(toDayNumber(e.date), { kind: e.kind, name: e.name, source: 'bureau' });
    }
    for (const e of entries)
      this.days.set(toDayNumber(e.date), { kind: e.kind, name: e.name, source: 'bureau' });
    this.coverageInfo = computeCoverage(official, [...arrangements.values()]);
    this.known = new KnownDays(this.coverageInfo.years.map((y) => y.year));
  }

  /**
   * Builds a calendar from the official data (default: the installed chinese-days) and the bureau's overlay.
   * Throws CalendarValidationError if any arrangement or entry is invalid; with two arrangements for one
   * year, the later in the list wins (the caller passes the current one per year).
   */
  static create(sources: CalendarSources = {}): WorkingDayCalendar {
    const official = sources.official ?? loadOfficialCalendar();
    const arrangements = new Map<number, YearArrangement>();
    for (const a of sources.overlay?.arrangements ?? []) {
      assertValidYearArrangement(a);
      arrangements.set(a.year, a);
    }
    const entries = [...(sources.overlay?.entries ?? [])];
    assertValidOverlayEntries(entries);
    return new WorkingDayCalendar(official, arrangements, entries);
  }

  /**
   * A new calendar with the year's arrangement loaded (replacing any earlier one for that year, and the
   * official data for it if the package has the year). Validates first: throws CalendarValidationError.
   */
  withYearArrangement(arrangement: YearArrangement): WorkingDayCalendar {
    assertValidYearArrangement(arrangement);
    const arrangements = new Map(this.arrangements);
    arrangements.set(arrangement.year, arrangement);
    return new WorkingDayCalendar(this.official, arrangements, this.entries);
  }

  /** A new calendar with these single-day entries added to the existing ones (validated together). */
  withEntries(entries: readonly OverlayEntry[]): WorkingDayCalendar {
    const all = [...this.entries, ...entries];
    assertValidOverlayEntries(all);
    return new WorkingDayCalendar(this.official, this.arrangements, all);
  }

  /** The bureau data this calendar was built with, e.g. to show what is loaded. */
  overlay(): Required<BureauOverlay> {
    return {
      arrangements: [...this.arrangements.values()].sort((a, b) => a.year - b.year),
      entries: this.entries,
    };
  }

  coverage(): Coverage {
    return this.coverageInfo;
  }

  isWorkingDay(date: CivilDate): boolean {
    assertCivilDate(date);
    return this.isWorking(toDayNumber(date));
  }

  /** Whether the calendar knows the date's year authoritatively. */
  isAuthoritative(date: CivilDate): boolean {
    assertCivilDate(date);
    return this.known.has(toDayNumber(date));
  }

  dayInfo(date: CivilDate): DayInfo {
    assertCivilDate(date);
    return this.infoOf(toDayNumber(date));
  }

  /** Every day of a year with its status and where that status comes from (for the admin "list a year"). */
  listYear(year: number): DayInfo[] {
    const bad = yearIssue(year);
    if (bad) throw new CalendarInputError(bad);
    const out: DayInfo[] = [];
    const last = toDayNumber(lastDayOfYear(year));
    for (let d = toDayNumber(firstDayOfYear(year)); d <= last; d++) out.push(this.infoOf(d));
    return out;
  }

  /**
   * The day by which something must be done "within n working days" of the trigger: the n-th working day after
   * the trigger day (which itself never counts). n = 0 gives the trigger day. A negative n counts back: the
   * |n|-th working day before the trigger day, e.g. for "remind 2 working days before".
   */
  addWorkingDays(trigger: Trigger, n: number): Deadline {
    assertCount(n, 'n', true);
    const t = this.triggerDay(trigger);
    const step = n < 0 ? -1 : 1;
    let d = t;
    for (let counted = 0; counted < Math.abs(n);) {
      d += step;
      if (this.isWorking(d)) counted++;
    }
    const [from, to] = step > 0 ? [t + 1, d] : [d, t - 1];
    return this.deadline(t, { unit: 'working-days', n }, d, undefined, from, to);
  }

  /**
   * n calendar days after the trigger day (Civil Code Art. 201: the trigger day does not count), e.g. the
   * 5-day publicity period. With extendOverHoliday (default true), a last day that is not a working day moves
   * to the next working day (Art. 203; see CalendarDayOptions for what counts as a rest day).
   */
  addCalendarDays(trigger: Trigger, n: number, options: CalendarDayOptions = {}): Deadline {
    assertCount(n, 'n', false);
    const extend = options.extendOverHoliday ?? true;
    const t = this.triggerDay(trigger);
    return this.extendIfRestDay(t, { unit: 'calendar-days', n, extendOverHoliday: extend }, t + n);
  }

  /**
   * n months after the trigger day: the day of the due month with the trigger's day of month, or the month's
   * last day when there is none (Civil Code Art. 202; 01-31 + 1 month → 02-28 or 02-29). Art. 203 extension as
   * for addCalendarDays (default true; pass false for a period that is a duration, not a time limit to act).
   */
  addMonths(trigger: Trigger, n: number, options: CalendarDayOptions = {}): Deadline {
    assertCount(n, 'n', false);
    const extend = options.extendOverHoliday ?? true;
    const t = this.triggerDay(trigger);
    const nominal = toDayNumber(addMonthsClamped(fromDayNumber(t), n));
    return this.extendIfRestDay(t, { unit: 'months', n, extendOverHoliday: extend }, nominal);
  }

  /**
   * Working days from `from` to `to`, the inverse of addWorkingDays:
   * workingDaysBetween(t, addWorkingDays(t, n).dueDate) === n for every t and n (negative n included).
   * Forward (to ≥ from) it counts the working days in (from, to] — the first day excluded, like a trigger,
   * the last included; backward (to < from) it is minus the working days in [to, from).
   * Days outside the known years are counted on the weekday rule; check coverage() if that matters.
   */
  workingDaysBetween(from: CivilDate, to: CivilDate): number {
    assertCivilDate(from, 'from');
    assertCivilDate(to, 'to');
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    if (b >= a) return this.countWorking(a + 1, b);
    return -this.countWorking(b, a - 1);
  }

  /** The next working day strictly after the date. */
  nextWorkingDay(date: CivilDate): CivilDate {
    return this.addWorkingDays(date, 1).dueDate;
  }

  /** Counts a recorded deadline again on this calendar (after a year is loaded, for provisional ones). */
  recompute(deadline: Pick<Deadline, 'trigger' | 'basis'>): Deadline {
    const b: DeadlineBasis = deadline.basis;
    switch (b.unit) {
      case 'working-days':
        return this.addWorkingDays(deadline.trigger, b.n);
      case 'calendar-days':
        return this.addCalendarDays(deadline.trigger, b.n, { extendOverHoliday: b.extendOverHoliday });
      case 'months':
        return this.addMonths(deadline.trigger, b.n, { extendOverHoliday: b.extendOverHoliday });
      default: {
        const never: never = b;
        throw new Error(`Unknown deadline basis ${JSON.stringify(never)}`);
      }
    }
  }

  private triggerDay(trigger: Trigger): number {
    if (trigger instanceof Date) return toDayNumber(shanghaiDateOf(trigger));
    assertCivilDate(trigger, 'trigger');
    return toDayNumber(trigger);
  }

  private isWorking(day: number): boolean {
    const e = this.days.get(day);
    if (e) return e.kind === 'workday';
    return weekdayOfDayNumber(day) <= 5;
  }

  private countWorking(from: number, to: number): number {
    let count = 0;
    for (let d = from; d <= to; d++) if (this.isWorking(d)) count++;
    return count;
  }

  private infoOf(day: number): DayInfo {
    const date = fromDayNumber(day);
    const weekday = weekdayOfDayNumber(day);
    const authoritative = this.known.has(day);
    const e = this.days.get(day);
    if (!e) {
      const working = weekday <= 5;
      return {
        date,
        weekday,
        working,
        status: working ? 'workday' : 'weekend',
        source: 'weekday-rule',
        authoritative,
      };
    }
    const status: DayStatus = e.kind === 'workday' ? 'makeup-workday' : e.kind;
    return {
      date,
      weekday,
      working: e.kind === 'workday',
      status,
      name: e.name,
      source: e.source,
      authoritative,
    };
  }

  private extendIfRestDay(
    t: number,
    basis: DeadlineBasis & { extendOverHoliday: boolean },
    nominal: number,
  ): Deadline {
    if (!basis.extendOverHoliday) return this.deadline(t, basis, nominal, undefined, 1, 0);
    let d = nominal;
    while (!this.isWorking(d)) d++;
    // Only the last day and the days it was moved over decide the result; the days before do not matter.
    return this.deadline(t, basis, d, d === nominal ? undefined : nominal, nominal, d);
  }

  /** [lookedFrom, lookedTo] are the days whose status the result depends on (an empty range when from > to). */
  private deadline(
    t: number,
    basis: DeadlineBasis,
    due: number,
    unextended: number | undefined,
    lookedFrom: number,
    lookedTo: number,
  ): Deadline {
    const dueDate = fromDayNumber(due);
    const base = {
      trigger: fromDayNumber(t),
      basis,
      dueDate,
      dueAt: endOfShanghaiDay(dueDate),
      ...(unextended === undefined ? {} : { unextendedDueDate: fromDayNumber(unextended) }),
    };
    const unknown = this.known.firstUnknownIn(lookedFrom, lookedTo);
    if (unknown === undefined) return { ...base, provisional: false };
    const from = fromDayNumber(unknown);
    const c = this.coverageInfo;
    return {
      ...base,
      provisional: true,
      uncoveredFrom: from,
      reason:
        `Provisional: the counting reaches ${from}, outside the calendar's authoritative data ` +
        `(${c.authoritativeFrom} to ${c.authoritativeThrough}); days of year ${from.slice(0, 4)} were taken as ` +
        `Monday–Friday working days. Recompute once that year's arrangement is loaded.`,
      reasonZh:
        `暂定：计算涉及${from}，超出日历权威数据范围（${c.authoritativeFrom}至${c.authoritativeThrough}），` +
        `${from.slice(0, 4)}年暂按周一至周五为工作日计算，待载入该年度节假日安排后重新计算。`,
    };
  }
}

/** A calendar from the installed official data plus the bureau's overlay (as loaded from the database). */
export function createCalendar(
  overlay: BureauOverlay = {},
  official?: OfficialCalendarData,
): WorkingDayCalendar {
  return WorkingDayCalendar.create({ overlay, ...(official ? { official } : {}) });
}

/** Pure: the calendar with the year's arrangement loaded. Throws CalendarValidationError when invalid. */
export function applyYearArrangement(
  calendar: WorkingDayCalendar,
  arrangement: YearArrangement,
): WorkingDayCalendar {
  return calendar.withYearArrangement(arrangement);
}
