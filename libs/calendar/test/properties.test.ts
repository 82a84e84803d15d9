import fc from 'fast-check';
import {
  addDays,
  addMonthsClamped,
  applyYearArrangement,
  createCalendar,
  daysBetween,
  daysInMonth,
  endOfShanghaiDayAsDate,
  shanghaiDateOf,
  startOfShanghaiDayAsDate,
  validateYearArrangement,
} from '../src';
import { HYPOTHETICAL_2027 } from './fixtures/hypothetical-2027';

const official = createCalendar();
const loaded = applyYearArrangement(official, HYPOTHETICAL_2027);
const calendars = fc.constantFrom(official, loaded);

const START = '2004-01-01';
const SPAN = daysBetween(START, '2027-12-31');
/** Any date from 2004 to 2027: the official years, the year just past them, and their boundary. */
const date = fc.integer({ min: 0, max: SPAN }).map((i) => addDays(START, i));
const count = fc.integer({ min: 1, max: 400 });

describe('properties of addWorkingDays / workingDaysBetween', () => {
  it('adding N ≥ 1 working days always lands on a working day after the trigger', () => {
    fc.assert(
      fc.property(calendars, date, count, (cal, t, n) => {
        const d = cal.addWorkingDays(t, n);
        return cal.isWorkingDay(d.dueDate) && d.dueDate > t;
      }),
    );
  });

  it('workingDaysBetween inverts addWorkingDays, forwards and backwards', () => {
    fc.assert(
      fc.property(calendars, date, fc.integer({ min: -400, max: 400 }), (cal, t, n) => {
        return cal.workingDaysBetween(t, cal.addWorkingDays(t, n).dueDate) === n;
      }),
    );
  });

  it('counting back N ≥ 1 working days also lands on a working day', () => {
    fc.assert(
      fc.property(calendars, date, count, (cal, t, n) => {
        const d = cal.addWorkingDays(t, -n);
        return cal.isWorkingDay(d.dueDate) && d.dueDate < t;
      }),
    );
  });

  it('one more working day is a later day, and counting in two legs equals counting at once', () => {
    fc.assert(
      fc.property(calendars, date, count, count, (cal, t, a, b) => {
        const first = cal.addWorkingDays(t, a).dueDate;
        return (
          cal.addWorkingDays(t, a + 1).dueDate > first &&
          cal.addWorkingDays(first, b).dueDate === cal.addWorkingDays(t, a + b).dueDate
        );
      }),
    );
  });

  it('workingDaysBetween is additive over consecutive ranges', () => {
    fc.assert(
      fc.property(calendars, date, date, date, (cal, x, y, z) => {
        const [a, b, c] = [x, y, z].sort();
        return cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c) === cal.workingDaysBetween(a, c);
      }),
    );
  });

  it('a deadline is provisional exactly when its counting passes the end of coverage', () => {
    fc.assert(
      fc.property(calendars, date, count, (cal, t, n) => {
        const d = cal.addWorkingDays(t, n);
        const beyond = d.dueDate > cal.coverage().authoritativeThrough;
        return d.provisional === beyond && (d.uncoveredFrom !== undefined) === beyond;
      }),
    );
  });

  it('the due instant is the last millisecond of the due date in Shanghai', () => {
    fc.assert(
      fc.property(date, count, (t, n) => {
        const d = official.addWorkingDays(t, n);
        const end = new Date(d.dueAt);
        return (
          shanghaiDateOf(end) === d.dueDate &&
          shanghaiDateOf(new Date(end.getTime() + 1)) === addDays(d.dueDate, 1)
        );
      }),
    );
  });
});

describe('properties of calendar-day and month periods', () => {
  it('with the Art. 203 extension the last day is the first working day on or after the nominal last day', () => {
    fc.assert(
      fc.property(calendars, date, fc.integer({ min: 0, max: 60 }), (cal, t, n) => {
        const nominal = addDays(t, n);
        const d = cal.addCalendarDays(t, n);
        if (!cal.isWorkingDay(d.dueDate) || d.dueDate < nominal) return false;
        for (let x = nominal; x < d.dueDate; x = addDays(x, 1)) if (cal.isWorkingDay(x)) return false;
        return (d.unextendedDueDate === undefined) === (d.dueDate === nominal);
      }),
    );
  });

  it('without it the last day is exactly n days after the trigger and never provisional', () => {
    fc.assert(
      fc.property(calendars, date, fc.integer({ min: 0, max: 400 }), (cal, t, n) => {
        const d = cal.addCalendarDays(t, n, { extendOverHoliday: false });
        return d.dueDate === addDays(t, n) && !d.provisional;
      }),
    );
  });

  it('addMonths lands on the corresponding day, or the month end when there is none', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 36 }), (t, n) => {
        const due = official.addMonths(t, n, { extendOverHoliday: false }).dueDate;
        const [ty, tm, td] = t.split('-').map(Number);
        const [y, m, d] = due.split('-').map(Number);
        return y * 12 + m - (ty * 12 + tm) === n && d === Math.min(td, daysInMonth(y, m));
      }),
    );
  });

  it('addMonthsClamped never moves a day that exists in the target month', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -24, max: 24 }), (t, n) => {
        const r = addMonthsClamped(t, n);
        return Number(t.slice(8)) <= 28 ? r.slice(8) === t.slice(8) : r.slice(8) <= t.slice(8);
      }),
    );
  });
});

describe('properties of Shanghai instants', () => {
  it('every instant lies inside its own Shanghai day', () => {
    const ms = fc.integer({ min: Date.UTC(2004, 0, 1), max: Date.UTC(2030, 0, 1) });
    fc.assert(
      fc.property(ms, (t) => {
        const day = shanghaiDateOf(new Date(t));
        return startOfShanghaiDayAsDate(day).getTime() <= t && t <= endOfShanghaiDayAsDate(day).getTime();
      }),
    );
  });
});

describe('properties of year validation', () => {
  it('moving any entry of a valid arrangement into another year is reported on that entry', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: HYPOTHETICAL_2027.entries.length - 1 }),
        fc.integer({ min: 1, max: 400 }),
        (i, shift) => {
          const entries = HYPOTHETICAL_2027.entries.map((e, j) =>
            j === i ? { ...e, date: addDays(e.date, e.date < '2027-07-01' ? -shift - 200 : shift + 200) } : e,
          );
          const issues = validateYearArrangement(2027, entries);
          return issues.some((x) => x.code === 'DATE_OUTSIDE_YEAR' && x.field === `entries[${i}].date`);
        },
      ),
    );
  });
});
