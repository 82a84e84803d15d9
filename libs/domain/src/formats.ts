/**
 * Formats that travel inside commands. The domain never reads the clock and never computes money:
 * amounts come from libs/rules as decimal strings; here they are only checked and compared exactly
 * (in fen, as bigint — never floats).
 */
/** Money in yuan, at most 2 decimals (also published in the API's JSON Schemas). */
export const MONEY_PATTERN = '^\\d+(\\.\\d{1,2})?$';
const MONEY = new RegExp(MONEY_PATTERN);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isMoney(value: unknown): value is string {
  return typeof value === 'string' && MONEY.test(value);
}

export function toFen(amount: string): bigint {
  const [yuan, fraction = ''] = amount.split('.');
  return BigInt(yuan) * 100n + BigInt((fraction + '00').slice(0, 2));
}

export function fromFen(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${sign}${abs / 100n}.${fraction}`;
}

/** "1234.5" → "1234.50": one spelling per amount in events and state. */
export function normaliseMoney(amount: string): string {
  return fromFen(toFen(amount));
}

/** A calendar date YYYY-MM-DD that exists (no 2021-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return day <= daysInMonth[month - 1];
}

/** An ISO-8601 instant with an explicit offset, e.g. 2019-03-01T09:00:00+08:00. */
export function isIsoInstant(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    INSTANT.test(value) &&
    isIsoDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** Milliseconds since the epoch of a validated instant (Date.parse is pure: it does not read the clock). */
export function instantMs(instant: string): number {
  return Date.parse(instant);
}

/** Statutory steps end at 23:59:59 Asia/Shanghai of their last day (DOMAIN.md "Periods"). */
export function endOfDayShanghai(date: string): string {
  return `${date}T23:59:59+08:00`;
}

/** The calendar date `days` after `date` (both YYYY-MM-DD; pure arithmetic, no clock). */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Asia/Shanghai calendar date of an instant (UTC+8 all year, no daylight saving). */
export function shanghaiDate(instant: string): string {
  return new Date(instantMs(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The first instant of a date in Asia/Shanghai. */
export function startOfDayShanghai(date: string): string {
  return `${date}T00:00:00+08:00`;
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

export function isNonEmptyStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every(isNonEmptyString);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
