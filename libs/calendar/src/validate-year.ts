/**
 * Validation of what an administrator loads. Every problem is reported at once, each with its field path,
 * so that the admin API can show the whole list rather than one error per attempt.
 */
import { tryParseCivilDate, weekdayOf } from './civil-date';
import { type CalendarIssue, CalendarValidationError } from './errors';
import type { OverlayEntry, YearArrangement } from './overlay';

const KIND_LABEL: Readonly<Record<string, string>> = {
  holiday: '放假',
  workday: '调休上班',
  closure: '闭馆',
};

const ARRANGEMENT_KINDS: readonly string[] = ['holiday', 'workday'];
const OVERLAY_KINDS: readonly string[] = ['holiday', 'workday', 'closure'];

export const MIN_CALENDAR_YEAR = 1900;
export const MAX_CALENDAR_YEAR = 9999;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function yearIssue(year: unknown, field = 'year'): CalendarIssue | undefined {
  if (
    typeof year === 'number' &&
    Number.isInteger(year) &&
    year >= MIN_CALENDAR_YEAR &&
    year <= MAX_CALENDAR_YEAR
  ) {
    return undefined;
  }
  return {
    code: 'INVALID_YEAR',
    field,
    value: year,
    message: {
      zh: `年份“${String(year)}”无效，应为${MIN_CALENDAR_YEAR}至${MAX_CALENDAR_YEAR}之间的整数`,
      en: `Year "${String(year)}" is invalid; expected an integer from ${MIN_CALENDAR_YEAR} to ${MAX_CALENDAR_YEAR}`,
    },
  };
}

interface EntryRules {
  readonly kinds: readonly string[];
  /** When set, every date must lie in this year. */
  readonly year?: number;
  readonly listField: string;
}

function validateEntries(entries: unknown, rules: EntryRules): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  if (!Array.isArray(entries)) {
    issues.push({
      code: 'NOT_A_LIST',
      field: rules.listField,
      value: entries,
      message: { zh: '条目应为列表', en: 'Entries must be a list' },
    });
    return issues;
  }
  // date → first index and kind, to report duplicates and conflicts against the first occurrence
  const seen = new Map<string, { index: number; kind: unknown }>();
  entries.forEach((entry: unknown, index) => {
    const at = `${rules.listField}[${index}]`;
    if (!isRecord(entry)) {
      issues.push({
        code: 'INVALID_ENTRY',
        field: at,
        value: entry,
        message: {
          zh: `第${index + 1}条应为包含date、kind、name的对象`,
          en: `Entry ${index + 1} must be an object with date, kind and name`,
        },
      });
      return;
    }
    const { date, kind, name } = entry;
    const kindOk = typeof kind === 'string' && rules.kinds.includes(kind);
    if (!kindOk) {
      issues.push({
        code: 'INVALID_KIND',
        field: `${at}.kind`,
        value: kind,
        message: {
          zh: `第${index + 1}条的类型“${String(kind)}”无效，应为${rules.kinds.join('、')}之一`,
          en: `Entry ${index + 1}: kind "${String(kind)}" is invalid; expected one of ${rules.kinds.join(', ')}`,
        },
      });
    }
    if (typeof name !== 'string' || name.trim() === '') {
      issues.push({
        code: 'MISSING_NAME',
        field: `${at}.name`,
        value: name,
        message: {
          zh: `第${index + 1}条缺少名称（如“春节”）`,
          en: `Entry ${index + 1} needs a name (e.g. "春节")`,
        },
      });
    }
    const parsed = tryParseCivilDate(date);
    if (!parsed) {
      issues.push({
        code: 'INVALID_DATE',
        field: `${at}.date`,
        value: date,
        message: {
          zh: `第${index + 1}条的日期“${String(date)}”无效，应为YYYY-MM-DD格式的有效日期`,
          en: `Entry ${index + 1}: date "${String(date)}" is invalid; expected a real date as YYYY-MM-DD`,
        },
      });
      return;
    }
    const d = date as string;
    if (rules.year !== undefined && parsed.year !== rules.year) {
      issues.push({
        code: 'DATE_OUTSIDE_YEAR',
        field: `${at}.date`,
        value: date,
        message: {
          zh: `第${index + 1}条的日期${d}不在${rules.year}年内`,
          en: `Entry ${index + 1}: date ${d} is outside the year ${rules.year}`,
        },
      });
    }
    // A make-up working day on a weekday changes nothing, so it is almost certainly a mistyped date.
    if (kind === 'workday' && weekdayOf(d) <= 5) {
      issues.push({
        code: 'WORKDAY_ON_WEEKDAY',
        field: `${at}.date`,
        value: date,
        message: {
          zh: `第${index + 1}条：调休上班日${d}是周一至周五，调休上班日应为周六或周日，请核对日期`,
          en: `Entry ${index + 1}: make-up working day ${d} is a weekday; make-up days fall on a Saturday or Sunday — check the date`,
        },
      });
    }
    const first = seen.get(d);
    if (!first) {
      seen.set(d, { index, kind });
    } else if (kindOk && first.kind !== kind && (first.kind === 'holiday' || kind === 'holiday')) {
      issues.push({
        code: 'HOLIDAY_AND_WORKDAY',
        field: `${at}.date`,
        value: date,
        message: {
          zh: `第${index + 1}条：${d}已在第${first.index + 1}条列为${KIND_LABEL[String(first.kind)] ?? String(first.kind)}，同一天不能既放假又上班`,
          en: `Entry ${index + 1}: ${d} is already entry ${first.index + 1} as ${String(first.kind)}; a day cannot be both a holiday and a working day`,
        },
      });
    } else {
      issues.push({
        code: 'DUPLICATE_DATE',
        field: `${at}.date`,
        value: date,
        message: {
          zh: `第${index + 1}条：${d}与第${first.index + 1}条重复`,
          en: `Entry ${index + 1}: ${d} duplicates entry ${first.index + 1}`,
        },
      });
    }
  });
  return issues;
}

/**
 * Checks a year's State Council arrangement before it is loaded: a valid year, a non-empty list, every date
 * a real 'YYYY-MM-DD' inside that year, kind 'holiday' or 'workday', a name, no date listed twice, no date
 * both a holiday and a make-up working day, make-up working days on a Saturday or Sunday.
 * Returns every issue found (empty when valid).
 */
export function validateYearArrangement(year: unknown, entries: unknown): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const bad = yearIssue(year);
  if (bad) issues.push(bad);
  if (Array.isArray(entries) && entries.length === 0) {
    issues.push({
      code: 'EMPTY_ARRANGEMENT',
      field: 'entries',
      value: entries,
      message: {
        zh: '年度安排不能为空：每年至少有元旦等法定节假日',
        en: 'A year arrangement cannot be empty: every year has statutory holidays such as New Year’s Day',
      },
    });
  }
  issues.push(
    ...validateEntries(entries, {
      kinds: ARRANGEMENT_KINDS,
      year: bad ? undefined : (year as number),
      listField: 'entries',
    }),
  );
  return issues;
}

/** Throws CalendarValidationError with every issue unless the arrangement is valid. */
export function assertValidYearArrangement(arrangement: YearArrangement): void {
  const issues = isRecord(arrangement)
    ? validateYearArrangement(arrangement.year, arrangement.entries)
    : validateYearArrangement(undefined, undefined);
  if (issues.length > 0) throw new CalendarValidationError(issues);
}

/** Checks single-day bureau entries (closures, local holidays or working days): the same rules, any year. */
export function validateOverlayEntries(entries: unknown): CalendarIssue[] {
  return validateEntries(entries, { kinds: OVERLAY_KINDS, listField: 'entries' });
}

export function assertValidOverlayEntries(entries: readonly OverlayEntry[]): void {
  const issues = validateOverlayEntries(entries);
  if (issues.length > 0) throw new CalendarValidationError(issues);
}
