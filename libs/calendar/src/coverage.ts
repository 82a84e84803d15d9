/**
 * Which dates the calendar knows authoritatively. A year is known when the official package carries it or the
 * bureau has loaded its whole arrangement. Outside known years the calendar still answers — on the weekday
 * rule alone — but every deadline that depended on such a day is flagged provisional.
 */
import { type CivilDate, firstDayOfYear, lastDayOfYear, toDayNumber } from './civil-date';

export type DaySource =
  /** The official package (chinese-days). */
  | 'official'
  /** Loaded by the bureau: a year arrangement or a single-day entry. */
  | 'bureau'
  /** No entry for the day: Monday–Friday work, Saturday–Sunday rest. */
  | 'weekday-rule';

export interface CoveredYear {
  readonly year: number;
  readonly source: 'official' | 'bureau';
  /** For bureau years, the document the arrangement transcribes, when given. */
  readonly reference?: string;
}

export interface Coverage {
  /** First day of the unbroken run of known years that contains the official data. */
  readonly authoritativeFrom: CivilDate;
  /**
   * Last day of that run: the official data's last year, extended by each following year the bureau has
   * loaded. A deadline whose counting looks at a later day is provisional.
   */
  readonly authoritativeThrough: CivilDate;
  /** Last day of the official package's data alone. */
  readonly officialThrough: CivilDate;
  /** The official package and version, e.g. 'chinese-days@1.5.7'. */
  readonly officialSource: string;
  /**
   * Every known year, ascending, including bureau years loaded beyond a gap (those are used, but do not move
   * authoritativeThrough while an earlier year is missing).
   */
  readonly years: readonly CoveredYear[];
}

/** Known years as intervals of day numbers, for fast range checks. */
export class KnownDays {
  private readonly intervals: ReadonlyArray<readonly [number, number]>;

  constructor(years: Iterable<number>) {
    const sorted = [...new Set(years)].sort((a, b) => a - b);
    const intervals: Array<[number, number]> = [];
    for (const y of sorted) {
      const start = toDayNumber(firstDayOfYear(y));
      const end = toDayNumber(lastDayOfYear(y));
      const last = intervals[intervals.length - 1];
      if (last && last[1] + 1 === start) last[1] = end;
      else intervals.push([start, end]);
    }
    this.intervals = intervals;
  }

  has(day: number): boolean {
    return this.intervals.some(([a, b]) => day >= a && day <= b);
  }

  /** The first day in [from, to] that is not known, or undefined when all are (or the range is empty). */
  firstUnknownIn(from: number, to: number): number | undefined {
    let d = from;
    while (d <= to) {
      const holding = this.intervals.find(([a, b]) => d >= a && d <= b);
      if (!holding) return d;
      d = holding[1] + 1;
    }
    return undefined;
  }
}

export function computeCoverage(
  official: { readonly coveredFrom: CivilDate; readonly coveredThrough: CivilDate; readonly source: string },
  bureauYears: ReadonlyArray<{ readonly year: number; readonly reference?: string }>,
): Coverage {
  const officialFirst = Number(official.coveredFrom.slice(0, 4));
  const officialLast = Number(official.coveredThrough.slice(0, 4));
  const byYear = new Map<number, CoveredYear>();
  for (let y = officialFirst; y <= officialLast; y++) byYear.set(y, { year: y, source: 'official' });
  // A bureau arrangement replaces the official one for its year, so the year is reported as the bureau's.
  for (const b of bureauYears) {
    byYear.set(
      b.year,
      b.reference === undefined
        ? { year: b.year, source: 'bureau' }
        : { year: b.year, source: 'bureau', reference: b.reference },
    );
  }
  let from = officialFirst;
  while (byYear.has(from - 1)) from--;
  let through = officialLast;
  while (byYear.has(through + 1)) through++;
  return {
    authoritativeFrom: firstDayOfYear(from),
    authoritativeThrough: lastDayOfYear(through),
    officialThrough: official.coveredThrough,
    officialSource: official.source,
    years: [...byYear.values()].sort((a, b) => a.year - b.year),
  };
}
