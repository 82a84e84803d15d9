/**
 * Errors are values with a stable code, the offending field and a message in Chinese and English. The admin
 * API maps them to its one JSON error shape (422 with the issue list); nothing here knows about HTTP.
 */

export type CalendarIssueCode =
  // input to an operation
  | 'INVALID_DATE'
  | 'INVALID_INSTANT'
  | 'INVALID_COUNT'
  | 'INVALID_YEAR'
  // a year arrangement or bureau entries
  | 'NOT_A_LIST'
  | 'INVALID_ENTRY'
  | 'EMPTY_ARRANGEMENT'
  | 'DATE_OUTSIDE_YEAR'
  | 'INVALID_KIND'
  | 'MISSING_NAME'
  | 'DUPLICATE_DATE'
  | 'HOLIDAY_AND_WORKDAY'
  | 'WORKDAY_ON_WEEKDAY';

export interface CalendarMessage {
  readonly zh: string;
  readonly en: string;
}

export interface CalendarIssue {
  readonly code: CalendarIssueCode;
  /** Path of the offending field in the input, e.g. 'entries[3].date', 'year', 'n'. */
  readonly field: string;
  /** The offending value, as received. */
  readonly value?: unknown;
  readonly message: CalendarMessage;
}

export abstract class CalendarError extends Error {
  abstract readonly code: string;
  readonly issues: readonly CalendarIssue[];

  protected constructor(issues: readonly CalendarIssue[], summary: string) {
    super(summary);
    this.name = new.target.name;
    this.issues = issues;
  }
}

/** A bad argument to a calendar operation (a malformed date, a fractional count…). */
export class CalendarInputError extends CalendarError {
  readonly code: CalendarIssueCode;
  readonly field: string;

  constructor(issue: CalendarIssue) {
    super([issue], `${issue.message.en} / ${issue.message.zh}`);
    this.code = issue.code;
    this.field = issue.field;
  }
}

/** A year arrangement or a set of bureau entries that must not be loaded; `issues` lists every problem found. */
export class CalendarValidationError extends CalendarError {
  readonly code = 'CALENDAR_VALIDATION_FAILED' as const;

  constructor(issues: readonly CalendarIssue[]) {
    super(
      issues,
      `Calendar data rejected (${issues.length} issue${issues.length === 1 ? '' : 's'}): ` +
        issues.map((i) => `${i.field}: ${i.message.en}`).join('; '),
    );
  }
}
