import type { WorkflowHandle } from '@temporalio/client';
import { CalendarStore } from '../../libs/persistence/src';
import {
  createCalendar,
  shanghaiDateOf,
  type WorkingDayCalendar,
  type YearArrangement,
} from '../../libs/calendar/src';
import { hypotheticalYear } from '../../libs/calendar/test/fixtures/hypothetical-years';
import { calendarChangedSignal } from '../src/definitions';
import { WorkflowHarness } from './support/harness';
import { actions } from './support/route';

const HOUR = 3600_000;
const officeMorning = (day: string) => Date.parse(`${day}T09:00:00+08:00`);
/** 10:00 Shanghai on 24 December of `year`: the investigation opened then runs into the next year. */
const christmasEveMorning = (year: number) => Date.parse(`${year}-12-24T10:00:00+08:00`);
const yearOf = (date: string) => Number(date.slice(0, 4));

const admin = { id: 'adm-liang', role: 'ADMINISTRATOR' };

function loadYear(h: WorkflowHarness, arrangement: YearArrangement) {
  return new CalendarStore(h.dataSource).recordYearArrangement({
    year: arrangement.year,
    entries: arrangement.entries,
    reference: arrangement.reference,
    reason: `国务院办公厅公布${arrangement.year}年节假日安排（测试数据）`,
    actor: admin,
  });
}

async function sleepUntil(h: WorkflowHarness, instant: number): Promise<void> {
  const now = await h.env.currentTimeMs();
  if (instant > now) await h.env.sleep(instant - now);
}

/**
 * The test server's clock starts at the real now and only moves forward, while the official holiday data
 * ends at some year's 31 December. The scenario runs on 24 December of Y, the first year not before the end
 * of the known data whose 24 December is still ahead of the clock; the bureau's (hypothetical) arrangements
 * for the years between are loaded first, so that the known data ends exactly on Y-12-31 and Y+1 is "next
 * year". Today (November 2026, data through 2026) Y is 2026: the hand-checked example below.
 */
async function moveToChristmasEve(h: WorkflowHarness): Promise<number> {
  const now = await h.env.currentTimeMs();
  const knownYear = yearOf((await h.calendar()).coverage().authoritativeThrough);
  let year = Math.max(knownYear, yearOf(shanghaiDateOf(new Date(now))));
  if (christmasEveMorning(year) < now) year += 1;
  for (let y = knownYear + 1; y <= year; y++) await loadYear(h, hypotheticalYear(y));
  expect((await h.calendar()).coverage().authoritativeThrough).toBe(`${year}-12-31`);
  await sleepUntil(h, christmasEveMorning(year));
  return year;
}

/**
 * A deadline past the known holiday data is provisional; when the bureau loads the next year's arrangement
 * the API signals the workflow, which counts it again. Expectations come from the calendar library (the
 * calendar in force, and the same calendar with the next year applied), plus the literal hand-checked dates
 * when the scenario runs in 2026.
 *
 * Why the due date always moves: 25–31 December always hold exactly five weekdays (and no holiday in any
 * known or hypothetical December), so 10 working days from 24 December end on the fifth working day of
 * January; on the weekday rule that is the fifth weekday. Every arrangement loaded here makes the first
 * weekday of January a holiday (元旦, or the Monday in lieu when it falls on a weekend: see
 * hypothetical-years.ts), so once the year is loaded the count ends one working day later, and the old due
 * day is still a working day (the day before the new one) — which the reminder check relies on.
 */
async function provisionalDeadlineRecomputed(
  h: WorkflowHarness,
  { record }: { record?: string } = {},
): Promise<void> {
  const year = await moveToChristmasEve(h);
  const next = hypotheticalYear(year + 1);
  const handles: WorkflowHandle[] = [];
  try {
    const handle = await h.startCase();
    const other = await h.startCase(); // acceptance (5 working days) due by 31 December: certain, untouched
    handles.push(handle, other);
    let s = await h.act(handle, actions.accept);
    expect(s.currentStep).toBe('INVESTIGATION');

    const known = await h.calendar();
    const trigger = shanghaiDateOf((await h.openStep(handle, 'INVESTIGATION')).clockStartedAt);
    expect(trigger).toBe(`${year}-12-24`);
    const provisional = known.addWorkingDays(trigger, 10);
    expect(provisional).toMatchObject({ provisional: true, uncoveredFrom: `${year + 1}-01-01` });
    expect(s.statutoryDue).toMatchObject({ dueDate: provisional.dueDate, provisional: true });
    expect(s.allowedActionsByRole.SYSTEM).toContain('RecomputeDeadline');
    const otherDue = (await h.summary(other)).statutoryDue!;
    const otherTrigger = shanghaiDateOf((await h.openStep(other, 'ACCEPTANCE')).clockStartedAt);
    expect(otherDue).toMatchObject({
      dueDate: known.addWorkingDays(otherTrigger, 5).dueDate,
      provisional: false,
    });

    // What the count must become: the same calendar with next year's arrangement applied.
    const expected: WorkingDayCalendar = known.withYearArrangement(next);
    const certain = expected.addWorkingDays(trigger, 10);
    expect(certain.provisional).toBe(false);
    expect(certain.dueDate).not.toBe(provisional.dueDate); // see the comment above: always one day later
    expect(expected.workingDaysBetween(provisional.dueDate, certain.dueDate)).toBe(1);
    if (year === 2026) {
      // Hand-checked: counted on weekends alone, 1 January 2027 (a Friday) is a working day: 7 January;
      // with the (hypothetical) 2027 arrangement 元旦 is off: 8 January.
      expect(provisional.dueDate).toBe('2027-01-07');
      expect(certain.dueDate).toBe('2027-01-08');
    }

    const loaded = await loadYear(h, next);
    expect(loaded.coverage.authoritativeThrough).toBe(`${year + 1}-12-31`);
    await handle.signal(calendarChangedSignal);
    await other.signal(calendarChangedSignal);

    s = await h.waitFor(
      handle,
      (x) => x.statutoryDue?.provisional === false,
      'the deadline to be recomputed',
    );
    expect(s.statutoryDue).toMatchObject({ dueDate: certain.dueDate, provisional: false });
    const open = await h.openStep(handle, 'INVESTIGATION');
    expect(s.statutoryDue!.dueDate).toBe((await h.workingDaysFrom(open.clockStartedAt, 10)).dueDate);
    const recomputed = (await h.eventStore.read(s.caseId)).filter((e) => e.type === 'DeadlineRecomputed');
    expect(recomputed.map((e) => e.data)).toEqual([
      expect.objectContaining({
        step: 'INVESTIGATION',
        previousDueDate: provisional.dueDate,
        dueDate: certain.dueDate,
        provisional: false,
      }),
    ]);
    expect((await h.summary(other)).statutoryDue).toEqual(otherDue);
    expect(await h.eventTypes(other)).not.toContain('DeadlineRecomputed');

    // Reminders follow the recomputed due: noon of the old due day is neither DUE nor overdue (BEFORE_DUE,
    // two working days before the new due, has gone out); noon of the new due day is DUE.
    const kinds = async () =>
      (await h.eventStore.read(s.caseId))
        .filter((e) => e.type === 'ReminderIssued' && (e.data as { step: string }).step === 'INVESTIGATION')
        .map((e) => (e.data as { kind: string }).kind);
    await sleepUntil(h, officeMorning(provisional.dueDate) + 3 * HOUR);
    s = await h.waitFor(handle, () => true);
    expect(await kinds()).toEqual(['OPENED', 'BEFORE_DUE']);
    await sleepUntil(h, officeMorning(certain.dueDate) + 3 * HOUR);
    s = await h.waitFor(handle, () => true);
    expect(await kinds()).toEqual(['OPENED', 'BEFORE_DUE', 'DUE']);
    expect(s.urgesByStep).toEqual({});
    if (record) await h.recordHistory(handle, record);
  } finally {
    // The clock moves on (a later scenario skips months): stop these cases from being urged all along.
    for (const handle of handles) await handle.terminate('test scenario over').catch(() => undefined);
  }
}

describe('application workflow: provisional deadlines recomputed on a calendar change', () => {
  const h = new WorkflowHarness('calendar');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  // One server for all: its clock only moves forward, so the scenarios run in date order. Each one is
  // self-contained (it loads whatever years it still needs; loading a year already in force changes nothing).
  it('a 10-working-day investigation from 24 December is provisional, then fixed by the next year', async () => {
    await provisionalDeadlineRecomputed(h, { record: 'calendar-recompute' });
  });

  // The paths later dates will take, proven now: the clock is moved to a later start first (if still ahead).
  it('the same, as if the suite ran on 1 March 2027 (the 24 December of a year the bureau loaded)', async () => {
    await sleepUntil(h, Date.parse('2027-03-01T10:00:00+08:00'));
    await provisionalDeadlineRecomputed(h);
  });

  it('the same, as if the suite ran on 28 December 2028 (past the 24th: hypothetical years up to 2029)', async () => {
    await sleepUntil(h, Date.parse('2028-12-28T10:00:00+08:00'));
    await provisionalDeadlineRecomputed(h);
  });
});

describe('hypothetical next-year arrangements always move a deadline counted from 24 December', () => {
  // The claim the scenario above relies on, for every weekday 1 January can fall on (28-year cycle and more).
  it('for every year from the end of the official data to 2100', () => {
    let calendar = createCalendar();
    const official = yearOf(calendar.coverage().authoritativeThrough);
    for (let year = official; year < 2100; year++) {
      const before = calendar.addWorkingDays(`${year}-12-24`, 10);
      calendar = calendar.withYearArrangement(hypotheticalYear(year + 1));
      const after = calendar.addWorkingDays(`${year}-12-24`, 10);
      expect({ year, provisional: before.provisional, certain: !after.provisional }).toEqual({
        year,
        provisional: true,
        certain: true,
      });
      expect({ year, moved: calendar.workingDaysBetween(before.dueDate, after.dueDate) }).toEqual({
        year,
        moved: 1,
      });
    }
  });
});
