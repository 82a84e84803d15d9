import { invalid } from './errors';

/**
 * Calendar dates as 'YYYY-MM-DD' strings (Asia/Shanghai civil dates; no clock, no time zone here).
 * ISO strings of equal length compare correctly with < and >.
 */
export type IsoDate = string;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  if (m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return 29;
  return MONTH_DAYS[m - 1]!;
}

/** 'YYYY-MM-DD' shape: exactly ten characters, digits with '-' at 4 and 7 (what /^\d{4}-\d{2}-\d{2}$/ tests, without a regular expression). */
function isDateShape(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `sub`, where given, is appended to `field` for the error path (built only when there is an error). */
export function parseDate(raw: unknown, field: string, rule = 'date input', sub = ''): IsoDate {
  if (raw === undefined || raw === null) {
    throw invalid('MISSING_FIELD', field + sub, rule, '缺少日期', 'date is missing');
  }
  if (typeof raw !== 'string' || !isDateShape(raw)) {
    throw invalid('DATE_FORMAT', field + sub, rule, '日期格式须为 YYYY-MM-DD', 'date must be YYYY-MM-DD');
  }
  const y = digits(raw, 0, 4);
  const mo = digits(raw, 5, 7);
  const d = digits(raw, 8, 10);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw invalid('DATE_FORMAT', field + sub, rule, `日期不存在：${raw}`, `no such date: ${raw}`);
  }
  return raw;
}

/** Small non-negative integers from date digits (already checked by isDateShape); not money. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

export function yearOf(date: IsoDate): number {
  return digits(date, 0, 4);
}

/**
 * Adds whole months. When the target month has no corresponding day (31st, 29 Feb) the period ends on
 * the last day of that month, as Civil Code Art. 201 counts periods in months and years.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

/** True when at least `years` full years separate `from` and `on` (以上: the anniversary itself counts). */
export function hasFullYears(from: IsoDate, on: IsoDate, years: number): boolean {
  return addMonths(from, years * 12) <= on;
}

export function hasFullMonths(from: IsoDate, on: IsoDate, months: number): boolean {
  return addMonths(from, months) <= on;
}

/** Age in full years (周岁) on a date. */
export function fullYears(from: IsoDate, on: IsoDate): number {
  let n = yearOf(on) - yearOf(from);
  if (n < 0) return -1;
  while (n > 0 && !hasFullYears(from, on, n)) n--;
  if (!hasFullYears(from, on, n)) return -1;
  return n;
}
