import { createCalendar } from '../../../libs/calendar/src';
import {
  decideWithFollowUps,
  foldEvents,
  openStep,
  type CaseEvent,
  type CaseState,
  type FollowUpPorts,
  type Period,
  type PeriodKey,
  type ProcedureRules,
} from '../../../libs/domain/src';
import { dueOf } from '../src/activities/calendar.activities';

/**
 * Issue 12, DOMAIN.md: "N working days after the publicity ends" count from the day after the period's
 * last day, never from the day the period's timer happens to fire (just after midnight, the next day).
 * Decided as the worker decides an action (decideWithFollowUps with the official calendar), on dates
 * across a weekend, the Spring Festival and National Day.
 */
const calendar = createCalendar();
const ports: FollowUpPorts = { due: (trigger, period) => dueOf(calendar, trigger, period, true) };
const SYSTEM = { id: 'system', role: 'SYSTEM' } as const;
const wd = (count: number): Period => ({ unit: 'workingDays', count });
const PERIODS = {
  acceptance: wd(5),
  investigation: wd(10),
  townReview: wd(3),
  firstNotice: { unit: 'calendarDays', count: 5 },
  democraticReview: wd(10),
  submission: wd(3),
  districtReview: wd(5),
  secondNotice: { unit: 'calendarDays', count: 5 },
  reInvestigation: wd(20),
  approval: wd(3),
  fundsRequest: wd(5),
  disbursement: wd(3),
  recipientsList: { unit: 'months', count: 6 },
  refusalNotice: wd(3),
} satisfies Record<PeriodKey, Period>;
const PROCEDURE: ProcedureRules = {
  heirWait: { unit: 'months', count: 3 },
  extensions: {},
  suspensionGrounds: [],
  statutoryPeriods: { FULL: ['submission', 'approval', 'firstNotice', 'secondNotice'], DIRECT: [] },
  urgeBureauDeadlines: false,
};

/** A case whose first publicity's last day is `lastDay`, registered with or without a procedure. */
function atFirstPublicity(lastDay: string, procedure: ProcedureRules | null): CaseState {
  const at = `${lastDay}T09:00:00+08:00`;
  const event = (type: string, data: object) => ({ type, data, actor: SYSTEM, at }) as CaseEvent;
  const worker = { id: 'cw', role: 'CASEWORKER' };
  return foldEvents([
    event('ApplicationSubmitted', {
      caseId: 'C-1',
      route: 'FULL',
      category: 'ILLNESS_POVERTY',
      town: '会城街道',
      applicationDate: lastDay,
      applicant: { name: '李某', householdSize: 3, personRef: 'p-1' },
      policyVersion: 'v',
      periods: PERIODS,
      posts: {},
      urgeFlagThreshold: 3,
      ...(procedure ? { procedure } : {}),
    }),
    event('StepOpened', {
      step: 'FIRST_NOTICE',
      assignee: worker,
      bPost: null,
      periodKey: 'firstNotice',
      period: PERIODS.firstNotice,
    }),
    event('DeadlineSet', {
      step: 'FIRST_NOTICE',
      dueDate: lastDay,
      dueAt: `${lastDay}T23:59:59+08:00`,
      provisional: false,
    }),
  ]);
}

/** The publicity's timer fires a few seconds after midnight; the submission's due date that results. */
function submissionDue(lastDay: string, procedure: ProcedureRules | null): string {
  const state = atFirstPublicity(lastDay, procedure);
  const fired = new Date(Date.parse(`${lastDay}T23:59:59+08:00`) + 5_000).toISOString();
  const outcome = decideWithFollowUps(
    state,
    { type: 'ClosePublicityPeriod', actor: SYSTEM, at: fired, data: { step: 'FIRST_NOTICE' } },
    ports,
  );
  if (!outcome.ok) throw new Error(outcome.rejection.messageEn);
  return openStep(outcome.state, 'SUBMISSION')!.statutoryDue!.dueDate;
}

describe('3 working days after the first publicity (Art. 15(4)) count from its last day', () => {
  test.each([
    // last day (Thu) → Fri, Mon, Tue; the old reading started on Friday and lost a day.
    ['a weekend', '2026-11-26', '2026-12-01', '2026-12-02'],
    // Thu 23 Jan 2025 → Fri 24, Sun 26 (adjusted working day), Mon 27; the old reading ran into the festival.
    ['the Spring Festival', '2025-01-23', '2025-01-27', '2025-02-05'],
    // Thu 25 Sep 2025 → Fri 26, Sun 28 (adjusted working day), Mon 29; the old reading reached Tue 30.
    ['National Day', '2025-09-25', '2025-09-29', '2025-09-30'],
  ])('across %s: last day %s → due %s (was %s)', (_label, lastDay, due, before) => {
    expect(submissionDue(lastDay, PROCEDURE)).toBe(due);
    expect(submissionDue(lastDay, null)).toBe(before); // cases registered before issue 12 keep theirs
  });
});
