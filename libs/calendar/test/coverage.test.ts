import { CalendarValidationError, applyYearArrangement, createCalendar } from '../src';
import { HYPOTHETICAL_2027 } from './fixtures/hypothetical-2027';

const before = createCalendar();
const after = applyYearArrangement(before, HYPOTHETICAL_2027);

describe('coverage', () => {
  it('is authoritative through the last official year of chinese-days (2026)', () => {
    expect(before.coverage()).toMatchObject({
      authoritativeFrom: '2004-01-01',
      authoritativeThrough: '2026-12-31',
      officialThrough: '2026-12-31',
      officialSource: 'chinese-days@1.5.7',
    });
    expect(before.coverage().years).toHaveLength(23);
    expect(before.coverage().years.every((y) => y.source === 'official')).toBe(true);
  });

  it('is extended by a bureau-loaded whole-year arrangement', () => {
    expect(after.coverage().authoritativeThrough).toBe('2027-12-31');
    expect(after.coverage().officialThrough).toBe('2026-12-31');
    expect(after.coverage().years.at(-1)).toEqual({
      year: 2027,
      source: 'bureau',
      reference: HYPOTHETICAL_2027.reference,
    });
    // loading returns a new calendar; the old one still answers as before
    expect(before.coverage().authoritativeThrough).toBe('2026-12-31');
  });

  it('a year loaded after a gap is used but does not extend authoritativeThrough until the gap is filled', () => {
    const only2028 = before.withYearArrangement({
      year: 2028,
      entries: [{ date: '2028-01-03', kind: 'holiday', name: '元旦（测试）' }],
    });
    expect(only2028.coverage().authoritativeThrough).toBe('2026-12-31');
    expect(only2028.coverage().years.map((y) => y.year)).toContain(2028);
    expect(only2028.isWorkingDay('2028-01-03')).toBe(false);
    // a deadline entirely inside 2028 is certain, one crossing the unknown 2027 is not
    expect(only2028.addWorkingDays('2028-03-01', 5).provisional).toBe(false);
    expect(only2028.addWorkingDays('2026-12-24', 10).provisional).toBe(true);
    const both = applyYearArrangement(only2028, HYPOTHETICAL_2027);
    expect(both.coverage().authoritativeThrough).toBe('2028-12-31');
  });

  it('dates before the official data (2004) are not authoritative either', () => {
    const d = before.addWorkingDays('2003-12-30', 2);
    expect(d.dueDate).toBe('2004-01-02');
    expect(d.provisional).toBe(true);
    expect(d.uncoveredFrom).toBe('2003-12-31');
  });
});

describe('a deadline crossing into 2027', () => {
  it('before the 2027 arrangement is loaded: counted on weekends only, flagged provisional with a reason', () => {
    const d = before.addWorkingDays('2026-12-24', 10);
    expect(d.dueDate).toBe('2027-01-07'); // 1 Jan 2027 (a Friday) taken as a working day
    expect(d.provisional).toBe(true);
    expect(d.uncoveredFrom).toBe('2027-01-01');
    expect(d.reason).toMatch(/2026-12-31/);
    expect(d.reason).toMatch(/Recompute/);
    expect(d.reasonZh).toMatch(/暂定/);
  });

  it('after loading it: certain, and 1–3 January 2027 are skipped', () => {
    const d = after.addWorkingDays('2026-12-24', 10);
    expect(d.dueDate).toBe('2027-01-08');
    expect(d.provisional).toBe(false);
    expect(d.reason).toBeUndefined();
  });

  it('recompute() counts a recorded provisional deadline again on the new calendar', () => {
    const recorded = before.addWorkingDays('2026-12-24', 10);
    expect(after.recompute(recorded)).toEqual(after.addWorkingDays('2026-12-24', 10));
    const notice = before.addCalendarDays('2026-12-27', 5);
    expect(after.recompute(notice).dueDate).toBe('2027-01-04');
    const months = before.addMonths('2026-07-01', 6);
    expect(after.recompute(months).dueDate).toBe('2027-01-04');
  });

  it('a deadline that stays inside 2026 is not provisional', () => {
    const d = before.addWorkingDays('2026-12-24', 5);
    expect(d.dueDate).toBe('2026-12-31');
    expect(d.provisional).toBe(false);
  });

  it('a 5-day notice ending on 1 January 2027: provisional before loading, extended after', () => {
    const d = before.addCalendarDays('2026-12-27', 5);
    expect(d.dueDate).toBe('2027-01-01');
    expect(d.provisional).toBe(true);
    const e = after.addCalendarDays('2026-12-27', 5);
    expect(e).toMatchObject({ dueDate: '2027-01-04', unextendedDueDate: '2027-01-01', provisional: false });
  });

  it('a calendar-day period without the Art. 203 extension does not depend on the calendar at all', () => {
    const d = before.addCalendarDays('2026-12-27', 5, { extendOverHoliday: false });
    expect(d).toMatchObject({ dueDate: '2027-01-01', provisional: false });
  });

  it('listYear(2027) marks days non-authoritative before loading and bureau-sourced after', () => {
    expect(before.listYear(2027).every((d) => !d.authoritative)).toBe(true);
    const days = after.listYear(2027);
    expect(days.every((d) => d.authoritative)).toBe(true);
    expect(days[0]).toMatchObject({ date: '2027-01-01', status: 'holiday', source: 'bureau', name: '元旦' });
    expect(days.find((d) => d.date === '2027-02-20')).toMatchObject({
      status: 'makeup-workday',
      working: true,
    });
  });
});

describe('a bureau arrangement for a year the package already has', () => {
  it('replaces the official data of that year', () => {
    // e.g. a late change like the 2020 Spring Festival extension, before the package catches up
    const amended = before.withYearArrangement({
      year: 2026,
      reference: '测试：更正后的2026年安排',
      entries: [
        { date: '2026-01-01', kind: 'holiday', name: '元旦' },
        { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      ],
    });
    expect(amended.isWorkingDay('2026-02-16')).toBe(true); // official Spring Festival entry no longer applies
    expect(amended.isWorkingDay('2026-02-14')).toBe(false); // nor the official make-up Saturday
    expect(amended.dayInfo('2026-10-01')).toMatchObject({ source: 'bureau', working: false });
    expect(amended.coverage().years.find((y) => y.year === 2026)?.source).toBe('bureau');
    expect(amended.coverage().authoritativeThrough).toBe('2026-12-31');
  });

  it('loading the same year again replaces the earlier bureau arrangement', () => {
    const first = after.withYearArrangement({
      year: 2027,
      entries: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    });
    expect(first.isWorkingDay('2027-10-04')).toBe(true);
    expect(first.overlay().arrangements).toHaveLength(1);
  });
});

describe('loading an invalid arrangement', () => {
  it('throws CalendarValidationError and leaves the calendar as it was', () => {
    const bad = {
      year: 2027,
      entries: [
        { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
        { date: '2027-01-01', kind: 'workday' as const, name: '元旦' },
      ],
    };
    expect(() => applyYearArrangement(before, bad)).toThrow(CalendarValidationError);
    expect(() => createCalendar({ arrangements: [bad] })).toThrow(CalendarValidationError);
    expect(before.coverage().authoritativeThrough).toBe('2026-12-31');
  });
});
