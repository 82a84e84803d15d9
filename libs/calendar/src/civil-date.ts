/**
 * Civil dates in Asia/Shanghai as 'YYYY-MM-DD' strings.
 *
 * All arithmetic is done on a day number (days since 1970-01-01) through the UTC functions of `Date`, never
 * through local-time getters, so the result does not depend on the host's TZ. Shanghai has kept UTC+8
 * without daylight saving since 1992, and every date this system handles is later than that.
 */
import { CalendarInputError } from './errors';

/** A civil date 'YYYY-MM-DD' in Asia/Shanghai. A plain string so that database rows and DTOs need no mapping. */
export type CivilDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Parses a strict 'YYYY-MM-DD' (a real day of the Gregorian calendar, years 1900–9999); undefined otherwise. */
export function tryParseCivilDate(value: unknown): { year: number; month: number; day: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = CIVIL_DATE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isCivilDate(value: unknown): value is CivilDate {
  return tryParseCivilDate(value) !== undefined;
}

/** Throws a CalendarInputError (code INVALID_DATE, with the field name) unless `value` is a valid civil date. */
export function assertCivilDate(value: unknown, field = 'date'): asserts value is CivilDate {
  if (!isCivilDate(value)) {
    throw new CalendarInputError({
      code: 'INVALID_DATE',
      field,
      value,
      message: {
        zh: `${field}“${String(value)}”不是有效日期，应为YYYY-MM-DD格式（上海时间的日历日）`,
        en: `${field} "${String(value)}" is not a valid date; expected a civil date YYYY-MM-DD (Asia/Shanghai)`,
      },
    });
  }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 of a civil date. Throws on an invalid date. */
export function toDayNumber(date: CivilDate, field = 'date'): number {
  const p = tryParseCivilDate(date);
  if (!p) assertCivilDate(date, field);
  const { year, month, day } = p as { year: number; month: number; day: number };
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): CivilDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Year of a day number, without building a string. */
export function yearOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** ISO weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): IsoWeekday {
  return ((((dayNumber % 7) + 7 + 3) % 7) + 1) as IsoWeekday;
}

export function weekdayOf(date: CivilDate): IsoWeekday {
  return weekdayOfDayNumber(toDayNumber(date));
}

export function isWeekend(date: CivilDate): boolean {
  return weekdayOf(date) >= 6;
}

export function addDays(date: CivilDate, n: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return toDayNumber(to, 'to') - toDayNumber(from, 'from');
}

export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function firstDayOfYear(year: number): CivilDate {
  return `${pad(year, 4)}-01-01`;
}

export function lastDayOfYear(year: number): CivilDate {
  return `${pad(year, 4)}-12-31`;
}

/**
 * The day in the month `n` months after `date` with the same day of month, or the last day of that month
 * when it has no such day (Civil Code Art. 202: 到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日).
 * 2025-01-31 + 1 month → 2025-02-28; 2024-01-31 + 1 month → 2024-02-29; 2025-08-31 + 6 months → 2026-02-28.
 */
export function addMonthsClamped(date: CivilDate, n: number): CivilDate {
  const p = tryParseCivilDate(date);
  if (!p) assertCivilDate(date);
  const { year, month, day } = p as { year: number; month: number; day: number };
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(day, daysInMonth(y, m)), 2)}`;
}

// An instant must carry its offset: a string without one would be read in the host's time zone by `Date`.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Milliseconds since the epoch of an instant given as a Date or as an ISO-8601 string with 'Z' or an offset. */
export function instantToEpochMs(instant: Date | string, field = 'instant'): number {
  const fail = (): never => {
    throw new CalendarInputError({
      code: 'INVALID_INSTANT',
      field,
      value: instant,
      message: {
        zh: `${field}“${String(instant)}”不是有效时刻，应为带时区的ISO-8601时间（如2025-09-26T10:00:00+08:00）`,
        en: `${field} "${String(instant)}" is not a valid instant; expected ISO-8601 with 'Z' or an offset (e.g. 2025-09-26T10:00:00+08:00)`,
      },
    });
  };
  if (instant instanceof Date) {
    const ms = instant.getTime();
    return Number.isFinite(ms) ? ms : fail();
  }
  if (typeof instant !== 'string') return fail();
  const m = INSTANT.exec(instant.trim());
  if (!m) return fail();
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as string[];
  if (!isCivilDate(`${y}-${mo}-${d}`)) return fail();
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return fail();
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return fail();
    offsetMinutes = sign * (oh * 60 + om);
  }
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), hour, minute, second, ms) - offsetMinutes * 60_000;
}

/** The Asia/Shanghai civil date of an instant. */
export function shanghaiDateOf(instant: Date | string): CivilDate {
  const ms = instantToEpochMs(instant);
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/**
 * The instant at which a day ends in Shanghai, as ISO with +08:00: 'YYYY-MM-DDT23:59:59.999+08:00'.
 * Civil Code Art. 203(2): 期间的最后一日的截止时间为二十四时.
 */
export function endOfShanghaiDay(date: CivilDate): string {
  assertCivilDate(date);
  return `${date}T23:59:59.999+08:00`;
}

/** Same instant as endOfShanghaiDay, as a Date (15:59:59.999Z). */
export function endOfShanghaiDayAsDate(date: CivilDate): Date {
  return new Date((toDayNumber(date) + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS - 1);
}

/** The instant a day starts in Shanghai (00:00 +08:00) as a Date. */
export function startOfShanghaiDayAsDate(date: CivilDate): Date {
  return new Date(toDayNumber(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}
