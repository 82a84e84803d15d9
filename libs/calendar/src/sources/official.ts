/**
 * The official PRC holiday arrangements (国务院办公厅 notices), as carried by the `chinese-days` package.
 *
 * We read its published JSON (`dist/chinese-days.json`, documented in its README as the data file for other
 * consumers) rather than its query functions, so that we get the raw lists: `holidays` (days off in each
 * break, weekend days inside a break included) and `workdays` (调休 make-up working days), each
 * 'YYYY-MM-DD' → 'English name,中文名,n'. Its third list, `inLieuDays`, only says which days off are paid for
 * by a make-up day; it does not change whether a day is worked, so it is not needed.
 */
import rawJson from 'chinese-days/dist/chinese-days.json';
import chineseDaysPackage from 'chinese-days/package.json';
import { type CivilDate, firstDayOfYear, isCivilDate, lastDayOfYear } from '../civil-date';

export interface OfficialCalendarData {
  /** Days off of the official arrangements: date → holiday name (Chinese, e.g. '国庆节'). */
  readonly holidays: ReadonlyMap<CivilDate, string>;
  /** Make-up working days (调休上班): date → name of the holiday they belong to. */
  readonly workdays: ReadonlyMap<CivilDate, string>;
  /** First day of the first year the data covers ('2004-01-01' for chinese-days). */
  readonly coveredFrom: CivilDate;
  /** Last day of the last year whose arrangement the data carries, always a 31 December. */
  readonly coveredThrough: CivilDate;
  /** Where the data comes from, e.g. 'chinese-days@1.5.7'. */
  readonly source: string;
}

export interface ChineseDaysJson {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

/** 'National Day,国庆节,3' → '国庆节'; anything else is kept as it is. */
function holidayName(raw: string): string {
  const parts = raw.split(',');
  return parts.length >= 2 && parts[1].trim() !== '' ? parts[1].trim() : raw.trim();
}

/**
 * Turns chinese-days' JSON into plain maps. Coverage is every whole year from the first to the last year that
 * appears in the data: each year from 2004 has at least New Year's Day, and the package only adds a year once
 * the State Council has published its arrangement (in October–December of the year before).
 */
export function parseChineseDaysJson(json: ChineseDaysJson, source = 'chinese-days'): OfficialCalendarData {
  const holidays = new Map<CivilDate, string>();
  const workdays = new Map<CivilDate, string>();
  let minYear = Infinity;
  let maxYear = -Infinity;
  const take = (list: Readonly<Record<string, string>>, into: Map<CivilDate, string>, what: string): void => {
    for (const [date, raw] of Object.entries(list)) {
      if (!isCivilDate(date)) throw new Error(`${source}: ${what} key "${date}" is not a YYYY-MM-DD date`);
      into.set(date, holidayName(raw));
      const year = Number(date.slice(0, 4));
      minYear = Math.min(minYear, year);
      maxYear = Math.max(maxYear, year);
    }
  };
  take(json.holidays, holidays, 'holiday');
  take(json.workdays, workdays, 'workday');
  for (const date of holidays.keys()) {
    if (workdays.has(date)) throw new Error(`${source}: ${date} is both a holiday and a make-up working day`);
  }
  if (!Number.isFinite(minYear)) throw new Error(`${source}: no holiday data`);
  return {
    holidays,
    workdays,
    coveredFrom: firstDayOfYear(minYear),
    coveredThrough: lastDayOfYear(maxYear),
    source,
  };
}

let cached: OfficialCalendarData | undefined;

/** The official data of the installed chinese-days package (parsed once; the result is read-only). */
export function loadOfficialCalendar(): OfficialCalendarData {
  cached ??= parseChineseDaysJson(rawJson, `chinese-days@${chineseDaysPackage.version}`);
  return cached;
}
