import { recomputeProvisionalDeadlines } from '../src/follow-ups';
import { openStep } from '../src/state';
import {
  actors,
  dateOf,
  expectAccepted,
  expectRejected,
  PROCEDURE,
  submitted,
  typesOf,
  type CaseDriver,
} from './support';

/** Issue 12: the process by the letter, for cases registered under a policy's procedure. */
const letter = (category: 'ILLNESS_POVERTY' | 'DIBAO' = 'ILLNESS_POVERTY') =>
  submitted(category, { procedure: PROCEDURE });
const objection = (evidenceValid: boolean, objector = '村民甲') => ({
  objector,
  summary: '申请人家中有经营性收入',
  evidenceRefs: evidenceValid ? ['照片-1'] : [],
  evidenceValid,
});
const heir = { name: '王某', personRef: 'person-heir', relation: '配偶' };

function publicityDue(driver: CaseDriver) {
  return openStep(driver.state, driver.step!)!.statutoryDue!;
}

describe('counting after a publicity (DOMAIN.md: the period’s last day is the trigger)', () => {
  test('the step after the first publicity counts from its last day, not from when the timer fired', () => {
    const d = letter().driveTo('FIRST_NOTICE');
    const due = publicityDue(d);
    d.passDue().do('ClosePublicityPeriod', { step: 'FIRST_NOTICE' }, actors.system);
    const submission = openStep(d.state, 'SUBMISSION')!;
    expect(submission.clockStartedAt).toBe(due.dueAt);
    expect(submission.openedAt).not.toBe(due.dueAt);
    const opened = d.events.find((e) => e.type === 'StepOpened' && e.data.step === 'SUBMISSION');
    expect(opened?.data).toMatchObject({ countsFrom: due.dueAt, statutory: true });
  });

  test('cases registered before issue 12 keep counting from the firing (their histories replay)', () => {
    const d = submitted().driveTo('FIRST_NOTICE');
    d.passDue().do('ClosePublicityPeriod', { step: 'FIRST_NOTICE' }, actors.system);
    const submission = openStep(d.state, 'SUBMISSION')!;
    expect(submission.clockStartedAt).toBe(submission.openedAt);
  });

  test('after a democratic review the submission counts from the day it was held', () => {
    const d = letter().driveTo('FIRST_NOTICE');
    d.do('RaiseObjection', objection(true), actors.caseworker);
    d.passDue().do('ClosePublicityPeriod', { step: 'FIRST_NOTICE' }, actors.system);
    expect(d.step).toBe('DEMOCRATIC_REVIEW');
    const heldOn = dateOf(d.clock);
    d.tick(72);
    const review = {
      eligible: true,
      conclusion: '评议认为符合条件',
      participants: ['村民代表'],
      heldOn,
    };
    d.do('RecordDemocraticReview', review, actors.caseworker);
    expect(openStep(d.state, 'SUBMISSION')!.clockStartedAt).toBe(`${heldOn}T00:00:00+08:00`);
  });

  test('a democratic review dated in the future is refused', () => {
    const d = letter().driveTo('FIRST_NOTICE');
    d.do('RaiseObjection', objection(true), actors.caseworker);
    d.passDue().do('ClosePublicityPeriod', { step: 'FIRST_NOTICE' }, actors.system);
    const review = { eligible: true, conclusion: 'c', participants: ['p'], heldOn: '2030-01-01' };
    expectRejected(
      d.when('RecordDemocraticReview', review, actors.caseworker),
      'INVALID_DATA',
      'data.heldOn',
    );
  });
});

describe('objections through the whole publicity period (Art. 15(4), 15(8))', () => {
  test('every objection of the period is heard; the review starts when the period ends', () => {
    const d = letter().driveTo('FIRST_NOTICE');
    const first = d.do('RaiseObjection', objection(true, '村民甲'), actors.caseworker);
    expect(typesOf(first)).toEqual(['ObjectionRaised']);
    expect(d.step).toBe('FIRST_NOTICE');
    d.do('RaiseObjection', objection(false, '村民乙'), actors.caseworker);
    const closed = d.passDue().do('ClosePublicityPeriod', { step: 'FIRST_NOTICE' }, actors.system);
    expect(closed[0]).toMatchObject({ type: 'PublicityEnded', data: { outcome: 'OBJECTION' } });
    expect(d.step).toBe('DEMOCRATIC_REVIEW');
    expect(d.state.objections.map((o) => o.objector)).toEqual(['村民甲', '村民乙']);
  });

  test('objections without valid evidence at the first publicity do not call a review', () => {
    const d = letter().driveTo('FIRST_NOTICE');
    d.do('RaiseObjection', objection(false), actors.caseworker);
    d.passDue().do('ClosePublicityPeriod', { step: 'FIRST_NOTICE' }, actors.system);
    expect(d.step).toBe('SUBMISSION');
  });

  test('an objection once the period is over is refused', () => {
    const d = letter().driveTo('FIRST_NOTICE').passDue();
    expectRejected(d.when('RaiseObjection', objection(true), actors.caseworker), 'PUBLICITY_PERIOD_OVER');
  });

  test('at the second publicity the re-investigation starts at the end, and counts from the last day', () => {
    const d = letter().driveTo('SECOND_NOTICE');
    const due = publicityDue(d);
    d.do('RaiseObjection', objection(false), actors.reviewer);
    expect(d.step).toBe('SECOND_NOTICE');
    d.passDue().do('ClosePublicityPeriod', { step: 'SECOND_NOTICE' }, actors.system);
    expect(d.step).toBe('RE_INVESTIGATION');
    expect(openStep(d.state, 'RE_INVESTIGATION')!.clockStartedAt).toBe(due.dueAt);
    // Publicised again after the re-investigation: the objection of the earlier run no longer counts.
    d.do('RecordReInvestigation', { approve: true, findings: '异议不成立' }, actors.reviewer);
    expect(d.step).toBe('SECOND_NOTICE');
    d.passDue().do('ClosePublicityPeriod', { step: 'SECOND_NOTICE' }, actors.system);
    expect(d.step).toBe('APPROVAL');
  });
});

describe('death of the applicant: an heir named later (Art. 22)', () => {
  test('without a known heir the case goes on and waits; the heir named later receives the aid', () => {
    const d = letter().driveTo('INVESTIGATION');
    const died = d.do('ReportDeath', { dateOfDeath: dateOf(d.clock) }, actors.caseworker);
    expect(died[0]).toMatchObject({ type: 'ApplicantDied', data: { heir: null, awaitingHeir: true } });
    expect(d.state.status).toBe('OPEN');
    expect(d.state.deceased?.heirDue).toBeTruthy(); // the calendar counted the policy's wait
    const named = d.do('NameHeir', { heir }, actors.caseworker);
    expect(named[0]).toMatchObject({ type: 'PayeeChanged', data: { to: { kind: 'HEIR', ...heir } } });
    expect(d.state.deceased?.awaitingHeir).toBe(false);
    expect(d.when('EndForNoHeir', {}, actors.system)).toMatchObject({ ok: false });
  });

  test('a wait counted past the calendar is counted again when the bureau loads the next year', () => {
    const d = letter().driveTo('INVESTIGATION');
    d.autoDeadlines = false;
    d.do('ReportDeath', { dateOfDeath: dateOf(d.clock) }, actors.caseworker);
    // Counted into a year the calendar did not cover yet (the next year's holidays unknown).
    const provisional = { dueDate: '2027-01-29', dueAt: '2027-01-29T23:59:59+08:00', provisional: true };
    d.apply(expectAccepted(d.when('RecordHeirDeadline', provisional, actors.system)));
    const certain = { dueDate: '2027-02-01', dueAt: '2027-02-01T23:59:59+08:00', provisional: false };
    let asked: unknown[] = [];
    const recount = (due: typeof certain) =>
      recomputeProvisionalDeadlines(d.state, d.now, {
        due: (trigger, period) => ((asked = [trigger, period]), due),
      });
    // Still past the coverage and the same day: nothing to record.
    const same = recount(provisional);
    expect(same.ok && same.events).toEqual([]);
    // Counted from the report, with the policy's wait.
    expect(asked).toEqual([d.state.deceased!.reportedAt, PROCEDURE.heirWait]);
    const again = recount(certain);
    expect(again.ok && again.events.map((e) => [e.type, e.data])).toEqual([['HeirDeadlineSet', certain]]);
    d.apply(again.ok ? again.events : []);
    expect(d.state.deceased!.heirDue).toEqual(certain);
    // A certain wait is never counted again.
    expect(recount({ ...certain, dueDate: '2027-02-02' })).toMatchObject({ ok: true, events: [] });
    expect(d.when('RecordHeirDeadline', certain, actors.system)).toMatchObject({
      ok: false,
      rejection: { code: 'NO_HEIR_AWAITED' },
    });
  });

  test('no heir by the end of the wait: the case ends with its notice', () => {
    const d = letter().driveTo('INVESTIGATION');
    d.do('ReportDeath', { dateOfDeath: dateOf(d.clock) }, actors.caseworker);
    d.clock = Date.parse(d.state.deceased!.heirDue!.dueAt) + 1000;
    const ended = d.do('EndForNoHeir', {}, actors.system);
    expect(typesOf(ended)).toEqual(['StepCompleted', 'CaseTerminated']);
    expect(ended[1]).toMatchObject({
      data: { reason: 'NO_HEIR_CAME_FORWARD', notice: { article: 'Art. 22' } },
    });
    expect(d.state.status).toBe('TERMINATED');
  });

  test('heir: null still means there is none: the case ends at once', () => {
    const d = letter().driveTo('INVESTIGATION');
    d.do('ReportDeath', { dateOfDeath: dateOf(d.clock), heir: null }, actors.caseworker);
    expect(d.state.status).toBe('TERMINATED');
  });

  test('cases registered before issue 12 still need the heir in the death report', () => {
    const d = submitted().driveTo('INVESTIGATION');
    expectRejected(
      d.when('ReportDeath', { dateOfDeath: dateOf(d.clock) }, actors.caseworker),
      'INVALID_DATA',
      'data.heir',
    );
  });
});

describe("the district's own one-time notice of missing materials (一次性告知制)", () => {
  test('the district asks once for everything; its review waits until all is supplied', () => {
    const d = letter().driveTo('DISTRICT_REVIEW');
    const notice = { missingItems: ['住院费用清单', '银行账户证明'], noticeRef: 'QX-告知-1' };
    const issued = d.do('RequestMissingMaterials', notice, actors.reviewer);
    expect(issued[0]).toMatchObject({ type: 'MaterialsRequested', data: { step: 'DISTRICT_REVIEW' } });
    expect(openStep(d.state, 'DISTRICT_REVIEW')!.pausedFor).toEqual(['AWAITING_MATERIALS']);
    expectRejected(d.when('RecordDistrictReview', {}, actors.reviewer), 'MATERIALS_OUTSTANDING');
    expectRejected(
      d.when('RequestMissingMaterials', { missingItems: ['x'], noticeRef: 'QX-2' }, actors.reviewer),
      'DUPLICATE_MISSING_MATERIALS_NOTICE',
    );
    d.do('SupplyMaterials', { suppliedItems: ['住院费用清单'] }, actors.reviewer);
    d.do('SupplyMaterials', { suppliedItems: ['银行账户证明'] }, actors.reviewer);
    expect(openStep(d.state, 'DISTRICT_REVIEW')!.pausedFor).toEqual([]);
    expect(openStep(d.state, 'DISTRICT_REVIEW')!.statutoryDue).not.toBeNull();
  });

  test('the town at acceptance and the district later each have their one notice', () => {
    const d = letter();
    d.do('RequestMissingMaterials', { missingItems: ['户口簿'], noticeRef: 'Z-1' }, actors.caseworker);
    d.do('SupplyMaterials', { suppliedItems: ['户口簿'] }, actors.caseworker);
    d.driveTo('DISTRICT_REVIEW');
    expectAccepted(
      d.when('RequestMissingMaterials', { missingItems: ['发票'], noticeRef: 'Q-1' }, actors.reviewer),
    );
  });

  test('before issue 12 the district could not ask', () => {
    const d = submitted().driveTo('DISTRICT_REVIEW');
    expectRejected(
      d.when('RequestMissingMaterials', { missingItems: ['x'], noticeRef: 'Q' }, actors.reviewer),
      'ACTION_NOT_ALLOWED_IN_STEP',
    );
  });
});

describe('extensions and suspensions only as the policy allows', () => {
  test('an allowed step is extended within its limit; publicity periods never', () => {
    const d = letter().driveTo('INVESTIGATION');
    const due = openStep(d.state, 'INVESTIGATION')!.statutoryDue!.dueDate;
    const within = new Date(`${due}T00:00:00Z`);
    within.setUTCDate(within.getUTCDate() + 15);
    const ok = within.toISOString().slice(0, 10);
    within.setUTCDate(within.getUTCDate() + 1);
    const tooLate = within.toISOString().slice(0, 10);
    expectRejected(
      d.when('ExtendDeadline', { step: 'INVESTIGATION', newDueDate: tooLate, reason: 'r' }, actors.leader),
      'EXTENSION_TOO_LONG',
    );
    d.do(
      'ExtendDeadline',
      { step: 'INVESTIGATION', newDueDate: ok, reason: '部门核对未回复' },
      actors.leader,
    );
    d.driveTo('FIRST_NOTICE');
    expectRejected(
      d.when(
        'ExtendDeadline',
        { step: 'FIRST_NOTICE', newDueDate: '2019-12-31', reason: 'r' },
        actors.leader,
      ),
      'EXTENSION_NOT_ALLOWED',
    );
  });

  test('suspension names a listed ground and carries its article', () => {
    const d = letter('DIBAO');
    const events = d.do(
      'Suspend',
      { reason: '达到出院条件拒不出院', ground: 'REFUSES_DISCHARGE' },
      actors.reviewer,
    );
    expect(events[0]).toMatchObject({ type: 'Suspended', data: { ground: { article: 'Art. 20' } } });
    const other = letter();
    expectRejected(
      other.when('Suspend', { reason: '其他' }, actors.reviewer),
      'SUSPENSION_GROUND_NOT_LISTED',
    );
  });

  test("Art. 20's ground is for the key groups only (重点医疗救助对象, Art. 5(1)1)", () => {
    const refused = letter('ILLNESS_POVERTY').when(
      'Suspend',
      { reason: '达到出院条件拒不出院', ground: 'REFUSES_DISCHARGE' },
      actors.reviewer,
    );
    expectRejected(refused, 'SUSPENSION_GROUND_NOT_FOR_CATEGORY', 'data.ground');
    expect(refused).toMatchObject({
      rejection: {
        messageEn: expect.stringContaining('EXTREME_POOR, DIBAO'),
        messageZh: expect.stringContaining('ILLNESS_POVERTY'),
      },
    });
    // A case registered under a procedure whose ground names no categories is not restricted.
    const unrestricted = submitted('ILLNESS_POVERTY', {
      procedure: {
        ...PROCEDURE,
        suspensionGrounds: PROCEDURE.suspensionGrounds.map(({ categories: _categories, ...g }) => g),
      },
    });
    expect(
      unrestricted.when('Suspend', { reason: '拒不出院', ground: 'REFUSES_DISCHARGE' }, actors.reviewer),
    ).toMatchObject({ ok: true });
  });
});

describe('urges only for statutory deadlines (督查督办)', () => {
  test("a bureau parameter's deadline is reminded, never urged or counted against a person", () => {
    const d = letter().passDue(); // acceptance: the measures set no period
    const events = d.do('IssueReminder', { step: 'ACCEPTANCE', kind: 'OVERDUE' }, actors.system);
    expect(typesOf(events)).toEqual(['ReminderIssued']);
    expect(d.state.supervision.urgesByStep).toEqual({});
  });

  test('a statutory deadline is urged and escalated', () => {
    const d = letter().driveTo('INVESTIGATION').passDue();
    const events = d.do('IssueReminder', { step: 'INVESTIGATION', kind: 'OVERDUE' }, actors.system);
    expect(typesOf(events)).toEqual(['ReminderIssued', 'UrgeIssued', 'EscalatedToSupervisor']);
  });

  test('on the direct route (Art. 14) the Art. 15 periods are the bureau’s parameters', () => {
    const d = letter('DIBAO').driveTo('DISTRICT_REVIEW');
    const opened = d.events.filter((e) => e.type === 'StepOpened' && e.data.step === 'DISTRICT_REVIEW');
    expect(opened[0]?.data).toMatchObject({ statutory: false });
    d.passDue();
    const events = d.do('IssueReminder', { step: 'DISTRICT_REVIEW', kind: 'OVERDUE' }, actors.system);
    expect(typesOf(events)).toEqual(['ReminderIssued']);
  });
});
