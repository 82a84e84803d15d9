import { CalendarValidationError, validateOverlayEntries, validateYearArrangement } from '../src';
import { HYPOTHETICAL_2027 } from './fixtures/hypothetical-2027';

const codes = (issues: { code: string }[]): string[] => issues.map((i) => i.code);
const HAN = /[\u4e00-\u9fff]/;

describe('validateYearArrangement', () => {
  it('accepts a well-formed arrangement', () => {
    expect(validateYearArrangement(2027, HYPOTHETICAL_2027.entries)).toEqual([]);
  });

  it('reports a date outside the year with the offending field', () => {
    const issues = validateYearArrangement(2027, [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2026-12-31', kind: 'holiday', name: '元旦' },
    ]);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'DATE_OUTSIDE_YEAR', field: 'entries[1].date', value: '2026-12-31' }),
    ]);
    expect(issues[0].message.en).toMatch(/outside the year 2027/);
    expect(issues[0].message.zh).toMatch(/不在2027年内/);
  });

  it('reports a date both holiday and make-up working day', () => {
    const issues = validateYearArrangement(2027, [
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-06', kind: 'workday', name: '春节' },
    ]);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'HOLIDAY_AND_WORKDAY', field: 'entries[1].date' }),
    ]);
    expect(issues[0].message.zh).toMatch(/既放假又上班/);
    expect(issues[0].message.en).toMatch(/both a holiday and a working day/);
  });

  it('reports duplicates', () => {
    const issues = validateYearArrangement(2027, [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    ]);
    expect(codes(issues)).toEqual(['DUPLICATE_DATE']);
    expect(issues[0].field).toBe('entries[1].date');
  });

  it('reports bad date formats and impossible dates', () => {
    const issues = validateYearArrangement(2027, [
      { date: '2027/01/01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-29', kind: 'holiday', name: '春节' },
      { date: 20270101, kind: 'holiday', name: '元旦' },
      { date: '2027-1-2', kind: 'holiday', name: '元旦' },
    ]);
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['INVALID_DATE', 'entries[0].date'],
      ['INVALID_DATE', 'entries[1].date'],
      ['INVALID_DATE', 'entries[2].date'],
      ['INVALID_DATE', 'entries[3].date'],
    ]);
  });

  it('reports an unknown kind (a closure is not part of a State Council arrangement) and a missing name', () => {
    const issues = validateYearArrangement(2027, [
      { date: '2027-01-01', kind: 'closure', name: '元旦' },
      { date: '2027-01-02', kind: 'holiday', name: '  ' },
      { date: '2027-01-03', kind: 'holiday' },
    ]);
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['INVALID_KIND', 'entries[0].kind'],
      ['MISSING_NAME', 'entries[1].name'],
      ['MISSING_NAME', 'entries[2].name'],
    ]);
  });

  it('reports a make-up working day on a weekday, almost certainly a typo', () => {
    const issues = validateYearArrangement(2027, [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-04', kind: 'workday', name: '元旦' }, // a Monday
    ]);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'WORKDAY_ON_WEEKDAY', field: 'entries[1].date' }),
    ]);
  });

  it('reports a bad year, a non-list, a non-object entry and an empty arrangement', () => {
    expect(
      codes(validateYearArrangement(27, [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }])),
    ).toEqual(['INVALID_YEAR']);
    expect(codes(validateYearArrangement('2027', []))).toEqual(['INVALID_YEAR', 'EMPTY_ARRANGEMENT']);
    expect(codes(validateYearArrangement(2027, 'nope'))).toEqual(['NOT_A_LIST']);
    expect(validateYearArrangement(2027, [null])).toEqual([
      expect.objectContaining({ code: 'INVALID_ENTRY', field: 'entries[0]' }),
    ]);
  });

  it('reports every issue at once, each with messages in Chinese and English', () => {
    const issues = validateYearArrangement(2027, [
      { date: '2026-05-01', kind: 'holiday', name: '劳动节' },
      { date: '2027-05-02', kind: 'holiday', name: '劳动节' },
      { date: '2027-05-02', kind: 'workday', name: '劳动节' },
      { date: '2027-05-02', kind: 'holiday', name: '劳动节' },
      { date: 'soon', kind: 'x', name: '' },
    ]);
    expect(codes(issues)).toEqual([
      'DATE_OUTSIDE_YEAR',
      'HOLIDAY_AND_WORKDAY',
      'DUPLICATE_DATE',
      'INVALID_KIND',
      'MISSING_NAME',
      'INVALID_DATE',
    ]);
    for (const i of issues) {
      expect(i.message.zh).toMatch(HAN);
      expect(i.message.en).toMatch(/[A-Za-z]/);
      expect(i.field).toMatch(/^entries\[\d\]/);
    }
  });

  it('the thrown error carries all issues and a summary', () => {
    const err = new CalendarValidationError(
      validateYearArrangement(2027, [{ date: '2026-05-01', kind: 'holiday', name: '劳动节' }]),
    );
    expect(err.code).toBe('CALENDAR_VALIDATION_FAILED');
    expect(err.issues).toHaveLength(1);
    expect(err.message).toMatch(/entries\[0\]\.date/);
    expect(err).toBeInstanceOf(Error);
  });
});

describe('validateOverlayEntries (single-day bureau entries)', () => {
  it('accepts closures in any year and rejects duplicates', () => {
    expect(validateOverlayEntries([{ date: '2025-09-24', kind: 'closure', name: '台风' }])).toEqual([]);
    expect(
      codes(
        validateOverlayEntries([
          { date: '2025-09-24', kind: 'closure', name: '台风' },
          { date: '2025-09-24', kind: 'closure', name: '台风' },
        ]),
      ),
    ).toEqual(['DUPLICATE_DATE']);
    expect(codes(validateOverlayEntries([{ date: '2025-09-24', kind: 'typhoon', name: '台风' }]))).toEqual([
      'INVALID_KIND',
    ]);
  });
});
