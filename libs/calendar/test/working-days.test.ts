import {
  CalendarInputError,
  WorkingDayCalendar,
  createCalendar,
  endOfShanghaiDayAsDate,
  loadOfficialCalendar,
} from '../src';

// One calendar for the file, as a worker builds it once and uses it for every case.
const cal = createCalendar();

describe('worked examples on the official calendar', () => {
  it('accepted Friday 2025-09-26, 10 working days → 2025-10-16 (make-up days count, the National Day break does not)', () => {
    const d = cal.addWorkingDays('2025-09-26', 10);
    expect(d).toEqual({
      trigger: '2025-09-26',
      basis: { unit: 'working-days', n: 10 },
      dueDate: '2025-10-16',
      dueAt: '2025-10-16T23:59:59.999+08:00',
      provisional: false,
    });
    expect(new Date(d.dueAt).toISOString()).toBe('2025-10-16T15:59:59.999Z');
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up day
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday, make-up day
    for (let day = 1; day <= 8; day++) expect(cal.isWorkingDay(`2025-10-0${day}`)).toBe(false);
    // the ten days counted, one by one
    const counted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => cal.addWorkingDays('2025-09-26', n).dueDate);
    expect(counted).toEqual([
      '2025-09-28',
      '2025-09-29',
      '2025-09-30',
      '2025-10-09',
      '2025-10-10',
      '2025-10-11',
      '2025-10-13',
      '2025-10-14',
      '2025-10-15',
      '2025-10-16',
    ]);
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-16')).toBe(10);
  });

  it('a 5-day notice posted 2025-09-30 ends on 2025-10-05, inside the holiday, so it runs to 2025-10-09 (Art. 203)', () => {
    const d = cal.addCalendarDays('2025-09-30', 5);
    expect(d.dueDate).toBe('2025-10-09');
    expect(d.unextendedDueDate).toBe('2025-10-05');
    expect(d.basis).toEqual({ unit: 'calendar-days', n: 5, extendOverHoliday: true });
    expect(d.provisional).toBe(false);
    const literal = cal.addCalendarDays('2025-09-30', 5, { extendOverHoliday: false });
    expect(literal.dueDate).toBe('2025-10-05');
    expect(literal.unextendedDueDate).toBeUndefined();
  });

  it('a 5-day notice whose last day is a plain Sunday runs to Monday (weekends are rest days under Art. 203)', () => {
    // posted Tuesday 2025-11-11 → 11-16 is a Sunday
    expect(cal.addCalendarDays('2025-11-11', 5).dueDate).toBe('2025-11-17');
  });

  it('a 5-day notice whose last day is a make-up Sunday is not extended: that Sunday is a working day', () => {
    // posted 2025-09-23 → 09-28, the National Day make-up Sunday
    const d = cal.addCalendarDays('2025-09-23', 5);
    expect(d.dueDate).toBe('2025-09-28');
    expect(d.unextendedDueDate).toBeUndefined();
  });

  describe('Spring Festival 2026 (15–23 Feb off, Saturdays 14 and 28 Feb worked)', () => {
    it('accepted Friday 2026-02-13: 5 working days → 2026-02-27, 10 → 2026-03-05', () => {
      expect(cal.addWorkingDays('2026-02-13', 5).dueDate).toBe('2026-02-27');
      expect(cal.addWorkingDays('2026-02-13', 1).dueDate).toBe('2026-02-14');
      expect(cal.addWorkingDays('2026-02-13', 10).dueDate).toBe('2026-03-05');
    });

    it('an event during the break counts from the first working day after it', () => {
      expect(cal.addWorkingDays('2026-02-16', 3).dueDate).toBe('2026-02-26');
    });

    it('a publicity period posted 2026-02-10 ends on 2026-02-15 (holiday) and runs to 2026-02-24', () => {
      const d = cal.addCalendarDays('2026-02-10', 5);
      expect(d.unextendedDueDate).toBe('2026-02-15');
      expect(d.dueDate).toBe('2026-02-24');
    });
  });

  it('Spring Festival 2024: Sundays 4 and 18 Feb were worked, 10–17 Feb off', () => {
    expect(cal.addWorkingDays('2024-02-08', 3).dueDate).toBe('2024-02-19');
    expect(cal.addWorkingDays('2024-02-02', 1).dueDate).toBe('2024-02-04');
  });

  it('Spring Festival 2020 as extended by the State Council to 2 Feb (the make-up Saturday 1 Feb was cancelled)', () => {
    expect(cal.isWorkingDay('2020-01-31')).toBe(false);
    expect(cal.isWorkingDay('2020-02-01')).toBe(false);
    expect(cal.addWorkingDays('2020-01-23', 1).dueDate).toBe('2020-02-03');
  });

  it('a step due 20 working days after an objection across National Day 2024', () => {
    // 2024: 1–7 Oct off; Sunday 29 Sep and Saturday 12 Oct worked
    const d = cal.addWorkingDays('2024-09-27', 20);
    expect(cal.workingDaysBetween('2024-09-27', d.dueDate)).toBe(20);
    expect(d.dueDate).toBe('2024-10-30');
  });
});

describe('addMonths (Civil Code Art. 202: corresponding day, or the last day of the month)', () => {
  it('keeps the day of month', () => {
    expect(cal.addMonths('2025-03-15', 6, { extendOverHoliday: false }).dueDate).toBe('2025-09-15');
  });

  it('clamps to the end of a shorter month', () => {
    expect(cal.addMonths('2025-01-31', 1, { extendOverHoliday: false }).dueDate).toBe('2025-02-28');
    expect(cal.addMonths('2024-01-31', 1, { extendOverHoliday: false }).dueDate).toBe('2024-02-29');
    expect(cal.addMonths('2025-08-31', 6, { extendOverHoliday: false }).dueDate).toBe('2026-02-28');
  });

  it('applies the Art. 203 extension by default, and a make-up Saturday is a working day', () => {
    expect(cal.addMonths('2025-05-01', 5).dueDate).toBe('2025-10-09');
    expect(cal.addMonths('2025-05-01', 5).unextendedDueDate).toBe('2025-10-01');
    // 2026-02-28 is a Saturday worked for the Spring Festival
    expect(cal.addMonths('2025-08-31', 6).dueDate).toBe('2026-02-28');
    expect(cal.addMonths('2025-08-31', 6).basis).toEqual({ unit: 'months', n: 6, extendOverHoliday: true });
  });

  it('6-month publication of the recipients list (Art. 16) crossing a year end', () => {
    expect(cal.addMonths('2025-12-31', 6, { extendOverHoliday: false }).dueDate).toBe('2026-06-30');
  });
});

describe('workingDaysBetween', () => {
  it('excludes the first day and includes the last', () => {
    expect(cal.workingDaysBetween('2025-10-13', '2025-10-13')).toBe(0);
    expect(cal.workingDaysBetween('2025-10-13', '2025-10-14')).toBe(1);
    expect(cal.workingDaysBetween('2025-10-10', '2025-10-12')).toBe(1); // Sat 11 Oct is a make-up day
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
  });

  it('counts backwards as the inverse of a negative addWorkingDays', () => {
    expect(cal.addWorkingDays('2025-10-09', -1).dueDate).toBe('2025-09-30');
    expect(cal.addWorkingDays('2025-10-12', -1).dueDate).toBe('2025-10-11');
    expect(cal.workingDaysBetween('2025-10-09', '2025-09-30')).toBe(-1);
    expect(cal.workingDaysBetween('2025-10-12', '2025-10-11')).toBe(-1);
  });
});

describe('days and years', () => {
  it('n = 0 is due at the end of the trigger day', () => {
    expect(cal.addWorkingDays('2025-10-04', 0).dueDate).toBe('2025-10-04');
  });

  it('dayInfo explains a day', () => {
    expect(cal.dayInfo('2025-10-06')).toEqual({
      date: '2025-10-06',
      weekday: 1,
      working: false,
      status: 'holiday',
      name: '中秋',
      source: 'official',
      authoritative: true,
    });
    expect(cal.dayInfo('2025-09-28')).toMatchObject({ weekday: 7, working: true, status: 'makeup-workday' });
    expect(cal.dayInfo('2025-09-27')).toMatchObject({
      working: false,
      status: 'weekend',
      source: 'weekday-rule',
    });
    expect(cal.dayInfo('2027-01-01')).toMatchObject({
      working: true,
      status: 'workday',
      authoritative: false,
    });
  });

  it('listYear gives every day of 2025 with its status and source', () => {
    const days = cal.listYear(2025);
    expect(days).toHaveLength(365);
    expect(days[0]).toMatchObject({
      date: '2025-01-01',
      status: 'holiday',
      name: '元旦',
      source: 'official',
    });
    expect(days[364].date).toBe('2025-12-31');
    expect(days.filter((d) => d.status === 'makeup-workday').map((d) => d.date)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
    expect(days.filter((d) => d.working)).toHaveLength(248); // 261 weekdays − 18 weekdays off + 5 make-up days
    expect(cal.listYear(2024)).toHaveLength(366);
  });

  it('accepts an instant as trigger and takes its Shanghai date', () => {
    // 2025-09-25T16:30Z is 00:30 on 26 September in Shanghai
    expect(cal.addWorkingDays(new Date('2025-09-25T16:30:00Z'), 10).dueDate).toBe('2025-10-16');
    expect(cal.addWorkingDays(new Date('2025-09-25T15:30:00Z'), 10).trigger).toBe('2025-09-25');
  });

  it('the due instant is the end of the Shanghai day', () => {
    const d = cal.addWorkingDays('2025-09-26', 10);
    expect(endOfShanghaiDayAsDate(d.dueDate).getTime()).toBe(new Date(d.dueAt).getTime());
    expect(new Date(d.dueAt).getTime() + 1).toBe(Date.parse('2025-10-17T00:00:00+08:00'));
  });
});

describe('bureau single-day entries', () => {
  // e.g. the district orders offices closed for a typhoon
  const typhoon = cal.withEntries([{ date: '2025-09-24', kind: 'closure', name: '台风停止办公' }]);

  it('a closure is not a working day and is listed as the bureau’s', () => {
    expect(typhoon.isWorkingDay('2025-09-24')).toBe(false);
    expect(typhoon.addWorkingDays('2025-09-23', 1).dueDate).toBe('2025-09-25');
    expect(typhoon.dayInfo('2025-09-24')).toMatchObject({
      status: 'closure',
      source: 'bureau',
      name: '台风停止办公',
    });
    expect(cal.isWorkingDay('2025-09-24')).toBe(true); // the original calendar is unchanged
  });

  it('a closure on the last day of a calendar-day period extends it', () => {
    expect(typhoon.addCalendarDays('2025-09-19', 5).dueDate).toBe('2025-09-25');
  });

  it('single-day entries do not extend coverage', () => {
    const c = cal.withEntries([{ date: '2027-03-01', kind: 'closure', name: '测试' }]);
    expect(c.coverage().authoritativeThrough).toBe('2026-12-31');
    expect(c.isWorkingDay('2027-03-01')).toBe(false);
  });

  it('are passed to createCalendar as loaded from the database', () => {
    const c = createCalendar({ entries: [{ date: '2025-09-24', kind: 'closure', name: '台风' }] });
    expect(c.isWorkingDay('2025-09-24')).toBe(false);
    expect(c.overlay().entries).toHaveLength(1);
  });
});

describe('input errors', () => {
  it('rejects a malformed or impossible date with the field', () => {
    expect(() => cal.addWorkingDays('2025-02-30', 1)).toThrow(CalendarInputError);
    try {
      cal.addWorkingDays('2025-9-1', 1);
      throw new Error('no throw');
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarInputError);
      expect((e as CalendarInputError).code).toBe('INVALID_DATE');
      expect((e as CalendarInputError).field).toBe('trigger');
      expect((e as CalendarInputError).issues[0].message.zh).toMatch(/日期/);
    }
  });

  it('rejects an instant string as trigger: pass a Date or use shanghaiDateOf', () => {
    expect(() => cal.addWorkingDays('2025-09-26T10:00:00+08:00', 1)).toThrow(/civil date/);
  });

  it('rejects fractional or (for calendar periods) negative counts', () => {
    expect(() => cal.addWorkingDays('2025-09-26', 1.5)).toThrow(
      expect.objectContaining({ code: 'INVALID_COUNT' }),
    );
    expect(() => cal.addCalendarDays('2025-09-26', -1)).toThrow(
      expect.objectContaining({ code: 'INVALID_COUNT' }),
    );
    expect(() => cal.addMonths('2025-09-26', Number.NaN)).toThrow(
      expect.objectContaining({ code: 'INVALID_COUNT' }),
    );
  });

  it('rejects a bad year for listYear', () => {
    expect(() => cal.listYear(2025.5)).toThrow(expect.objectContaining({ code: 'INVALID_YEAR' }));
  });
});

describe('construction', () => {
  it('builds from explicitly given official data', () => {
    const c = WorkingDayCalendar.create({ official: loadOfficialCalendar() });
    expect(c.addWorkingDays('2025-09-26', 10).dueDate).toBe('2025-10-16');
  });
});
