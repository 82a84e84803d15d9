import {
  addDays,
  addMonthsClamped,
  daysBetween,
  daysInMonth,
  endOfShanghaiDay,
  endOfShanghaiDayAsDate,
  instantToEpochMs,
  isCivilDate,
  shanghaiDateOf,
  startOfShanghaiDayAsDate,
  weekdayOf,
} from '../src';

describe('civil dates', () => {
  it('validates strictly', () => {
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2025-02-29')).toBe(false);
    expect(isCivilDate('2025-2-01')).toBe(false);
    expect(isCivilDate('2025-02-01T00:00:00Z')).toBe(false);
    expect(isCivilDate(20250201)).toBe(false);
    expect(isCivilDate('0099-01-01')).toBe(false);
  });

  it('does arithmetic across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2026-01-01', '2025-01-01')).toBe(-365);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('knows weekdays (ISO: Monday 1 … Sunday 7)', () => {
    expect(weekdayOf('2025-09-26')).toBe(5);
    expect(weekdayOf('2025-09-28')).toBe(7);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-29')).toBe(1);
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonthsClamped('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsClamped('2025-01-31', 13)).toBe('2026-02-28');
    expect(addMonthsClamped('2023-12-31', 2)).toBe('2024-02-29');
    expect(addMonthsClamped('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonthsClamped('2025-03-31', -1)).toBe('2025-02-28');
  });
});

describe('Shanghai instants', () => {
  it('shanghaiDateOf takes the date at UTC+8', () => {
    expect(shanghaiDateOf('2025-09-25T15:59:59.999Z')).toBe('2025-09-25');
    expect(shanghaiDateOf('2025-09-25T16:00:00Z')).toBe('2025-09-26');
    expect(shanghaiDateOf('2025-09-26T00:00:00+08:00')).toBe('2025-09-26');
    expect(shanghaiDateOf('2025-09-25T23:59:59+0800')).toBe('2025-09-25');
    expect(shanghaiDateOf('2025-09-25 20:00:00-05')).toBe('2025-09-26');
    expect(shanghaiDateOf(new Date(Date.UTC(2025, 11, 31, 16)))).toBe('2026-01-01');
  });

  it('refuses instants without a zone and civil dates, which would depend on the host', () => {
    expect(() => shanghaiDateOf('2025-09-26T10:00:00')).toThrow(
      expect.objectContaining({ code: 'INVALID_INSTANT' }),
    );
    expect(() => shanghaiDateOf('2025-09-26')).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
    expect(() => shanghaiDateOf(new Date(Number.NaN))).toThrow(
      expect.objectContaining({ code: 'INVALID_INSTANT' }),
    );
    expect(() => shanghaiDateOf('2025-09-26T25:00:00Z')).toThrow(
      expect.objectContaining({ code: 'INVALID_INSTANT' }),
    );
  });

  it('parses fractions and offsets exactly', () => {
    expect(instantToEpochMs('2025-09-26T10:00:00.5+08:00')).toBe(Date.UTC(2025, 8, 26, 2, 0, 0, 500));
    expect(instantToEpochMs('2025-09-26T10:00:00.123456Z')).toBe(Date.UTC(2025, 8, 26, 10, 0, 0, 123));
  });

  it('the end and start of a Shanghai day', () => {
    expect(endOfShanghaiDay('2025-10-16')).toBe('2025-10-16T23:59:59.999+08:00');
    expect(endOfShanghaiDayAsDate('2025-10-16').toISOString()).toBe('2025-10-16T15:59:59.999Z');
    expect(startOfShanghaiDayAsDate('2025-10-16').toISOString()).toBe('2025-10-15T16:00:00.000Z');
  });
});

// Independence from the host's time zone is tested in time-zone.test.ts, in child processes.
