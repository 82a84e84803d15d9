import { loadOfficialCalendar, parseChineseDaysJson } from '../src';

// The day-by-day comparison with chinese-days' own isWorkday is in time-zone.test.ts.

describe('official data from chinese-days', () => {
  const official = loadOfficialCalendar();

  it('covers 2004-01-01 to 2026-12-31 (chinese-days 1.5.7)', () => {
    expect(official.coveredFrom).toBe('2004-01-01');
    expect(official.coveredThrough).toBe('2026-12-31');
    expect(official.source).toBe('chinese-days@1.5.7');
  });

  it('reads the raw holiday and make-up day lists with their Chinese names', () => {
    expect(official.holidays.get('2025-10-01')).toBe('国庆节');
    expect(official.holidays.get('2026-02-17')).toBe('春节');
    expect(official.workdays.get('2025-09-28')).toBe('国庆节');
    expect(official.workdays.get('2026-01-04')).toBe('元旦');
    expect(official.holidays.has('2025-09-28')).toBe(false);
  });

  it('is parsed once', () => {
    expect(loadOfficialCalendar()).toBe(official);
  });

  it('rejects malformed data instead of guessing', () => {
    expect(() => parseChineseDaysJson({ holidays: { '2025-13-01': 'x,x,1' }, workdays: {} })).toThrow(
      /not a YYYY-MM-DD/,
    );
    expect(() =>
      parseChineseDaysJson({
        holidays: { '2025-10-01': 'a,国庆节,1' },
        workdays: { '2025-10-01': 'a,国庆节,1' },
      }),
    ).toThrow(/both/);
    expect(() => parseChineseDaysJson({ holidays: {}, workdays: {} })).toThrow(/no holiday data/);
  });

  it('coverage follows the years in the data', () => {
    const o = parseChineseDaysJson(
      { holidays: { '2030-01-01': "New Year's Day,元旦,1" }, workdays: { '2031-02-01': 'x,春节,1' } },
      'test',
    );
    expect(o).toMatchObject({ coveredFrom: '2030-01-01', coveredThrough: '2031-12-31', source: 'test' });
    expect(o.holidays.get('2030-01-01')).toBe('元旦');
  });
});
