import { createCalendar } from '../../../libs/calendar/src';
import type { CaseState } from '../../../libs/domain/src';
import { nextVerificationChase, planVerificationChase } from '../src/activities/verification-chase';

const calendar = createCalendar();
const OFFSET = 12_345;
const morning = (day: string) => new Date(Date.parse(`${day}T09:00:00+08:00`) + OFFSET).toISOString();

/** Only what the planner reads: the open requests, their due dates, whether reminded or urged already. */
function stateWith(
  requests: Array<{ status?: string; dueDate: string | null; reminded?: boolean; urges?: number }>,
): CaseState {
  return {
    verification: {
      authorisation: null,
      requests: requests.map((r, i) => ({
        requestId: `VR-${i + 1}`,
        status: r.status ?? 'OPEN',
        reminded: r.reminded ?? true,
        urges: r.urges ?? 0,
        due: r.dueDate && { dueDate: r.dueDate, dueAt: `${r.dueDate}T23:59:59+08:00`, provisional: false },
      })),
    },
  } as unknown as CaseState;
}

describe('the chase of verification requests: a reminder on the due day, then 催办 (issue 15)', () => {
  it('reminds on the due day, then urges from the next working day (the step reminders’ office mornings)', () => {
    const fresh = stateWith([{ dueDate: '2025-09-19', reminded: false }]);
    expect(nextVerificationChase(calendar, fresh, { after: '2025-09-15T00:00:00Z', offsetMs: OFFSET })).toBe(
      morning('2025-09-19'),
    );
    // Past the due day's morning (or reminded, or already urged): the urges.
    expect(nextVerificationChase(calendar, fresh, { after: morning('2025-09-19'), offsetMs: OFFSET })).toBe(
      morning('2025-09-22'),
    );
    const urged = stateWith([{ dueDate: '2025-09-19', reminded: false, urges: 1 }]);
    expect(nextVerificationChase(calendar, urged, { after: '2025-09-15T00:00:00Z', offsetMs: OFFSET })).toBe(
      morning('2025-09-22'),
    );
  });

  it('urges at the office morning of the first working day after the due day (over a weekend)', () => {
    // Friday 2025-09-19 due: Monday 09:00 plus the case's offset.
    const state = stateWith([{ dueDate: '2025-09-19' }]);
    expect(nextVerificationChase(calendar, state, { after: '2025-09-15T00:00:00Z', offsetMs: OFFSET })).toBe(
      morning('2025-09-22'),
    );
  });

  it('skips National Day and the weekend, and the mornings already past', () => {
    const state = stateWith([{ dueDate: '2025-09-26' }]);
    expect(nextVerificationChase(calendar, state, { after: morning('2025-09-29'), offsetMs: OFFSET })).toBe(
      morning('2025-09-30'),
    );
    // 2025-10-01..08 are the National Day holiday.
    expect(nextVerificationChase(calendar, state, { after: morning('2025-09-30'), offsetMs: OFFSET })).toBe(
      morning('2025-10-09'),
    );
  });

  it('takes the earliest over the open requests; answered ones and ones without a due date count for nothing', () => {
    const state = stateWith([
      { dueDate: '2025-09-24', status: 'ANSWERED' },
      { dueDate: null },
      { dueDate: '2025-09-17' },
      { dueDate: '2025-09-15' },
    ]);
    expect(nextVerificationChase(calendar, state, { after: '2025-09-15T00:00:00Z', offsetMs: OFFSET })).toBe(
      morning('2025-09-16'),
    );
    expect(
      nextVerificationChase(calendar, stateWith([{ dueDate: null }]), {
        after: '2025-09-15T00:00:00Z',
        offsetMs: 0,
      }),
    ).toBeNull();
  });

  it('a request overdue for a year is planned for the next morning without walking the year', () => {
    const state = stateWith([{ dueDate: '2024-09-02' }]);
    expect(nextVerificationChase(calendar, state, { after: '2025-09-17T03:00:00Z', offsetMs: OFFSET })).toBe(
      morning('2025-09-18'),
    );
  });

  it('keeps a chase still owed, plans the next after one that fired, and never bursts after a late one', () => {
    const state = stateWith([{ dueDate: '2025-09-15' }]);
    const owed = morning('2025-09-16');
    // An action at 10:00 on a morning whose chase has not fired yet (the worker was late): it stays owed.
    expect(
      planVerificationChase(calendar, state, { at: '2025-09-16T02:00:00Z', plan: owed, offsetMs: OFFSET }),
    ).toBe(owed);
    expect(
      planVerificationChase(calendar, state, { at: owed, plan: owed, firedAt: owed, offsetMs: OFFSET }),
    ).toBe(morning('2025-09-17'));
    // Fired three days late: the next is the morning after now, not the two missed ones.
    expect(
      planVerificationChase(calendar, state, {
        at: '2025-09-19T02:00:00Z',
        plan: owed,
        firedAt: owed,
        offsetMs: OFFSET,
      }),
    ).toBe(morning('2025-09-22'));
  });
});
