import {
  chaseVerifications,
  decideWithFollowUps,
  overdueRequests,
  urgeOverdueVerifications,
} from '../src/follow-ups';
import { caseSummary } from '../src/queries';
import { effectiveValues, requestOf } from '../src/verification';
import { verificationRequestData } from './samples';
import { actors, expectAccepted, expectRejected, investigationData, submitted, typesOf } from './support';
import { answer, AUTHORISATION, liaisonOf, withRequests } from './verification.support';

/** Issue 15: verification requests of the home investigation, as events of the case. */
describe('household economic verification (家庭经济状况核对)', () => {
  test('a request records the authorisation with it, then waits for the department', () => {
    const driver = submitted().driveTo('INVESTIGATION');
    const events = driver.do(
      'RequestVerification',
      { ...verificationRequestData('VR-1', 'BANK'), authorisation: AUTHORISATION },
      actors.caseworker,
    );
    expect(typesOf(events)).toEqual(['VerificationAuthorisationRecorded', 'VerificationRequested']);
    const request = requestOf(driver.state, 'VR-1')!;
    expect(request).toMatchObject({
      status: 'OPEN',
      department: 'BANK',
      memberId: 'm1',
      due: null,
      urges: 0,
    });
    expect(driver.state.verification?.authorisation).toMatchObject(AUTHORISATION);
    // The second request needs no authorisation again.
    expect(
      typesOf(driver.do('RequestVerification', verificationRequestData('VR-2', 'TAX'), actors.caseworker)),
    ).toEqual(['VerificationRequested']);
  });

  test('the due date is counted by the calendar port in the same action (working days from the request)', () => {
    const driver = submitted().driveTo('INVESTIGATION');
    const seen: Array<[string, unknown]> = [];
    const outcome = decideWithFollowUps(
      driver.state,
      {
        type: 'RequestVerification',
        actor: actors.caseworker,
        at: '2019-03-04T10:00:00+08:00',
        data: { ...verificationRequestData('VR-1', 'BANK'), authorisation: AUTHORISATION },
      },
      {
        due: (from, period) => {
          seen.push([from, period]);
          return { dueDate: '2019-03-11', dueAt: '2019-03-11T23:59:59+08:00', provisional: false };
        },
      },
    );
    if (!outcome.ok) throw new Error(outcome.rejection.messageEn);
    expect(seen).toEqual([['2019-03-04T10:00:00+08:00', { unit: 'workingDays', count: 5 }]]);
    expect(typesOf(outcome.events)).toEqual([
      'VerificationAuthorisationRecorded',
      'VerificationRequested',
      'VerificationDueSet',
    ]);
    expect(requestOf(outcome.state, 'VR-1')!.due).toEqual({
      dueDate: '2019-03-11',
      dueAt: '2019-03-11T23:59:59+08:00',
      provisional: false,
    });
  });

  test('only the liaison of the department asked answers, with exactly the fields asked', () => {
    const driver = withRequests();
    expectRejected(
      driver.when('AnswerVerification', answer('VR-1'), actors.caseworker),
      'ROLE_NOT_PERMITTED',
    );
    expectRejected(
      driver.when('AnswerVerification', answer('VR-1'), liaisonOf('POLICE')),
      'VERIFICATION_NOT_FOUND',
    );
    expectRejected(
      driver.when('AnswerVerification', answer('VR-1'), liaisonOf('HOUSING')),
      'WRONG_DEPARTMENT',
    );
    expectRejected(
      driver.when('AnswerVerification', answer('VR-1', { homes: 1 }), liaisonOf('BANK')),
      'INVALID_DATA',
      'data.values.deposits',
    );
    expectRejected(
      driver.when(
        'AnswerVerification',
        answer('VR-1', { homes: 1, deposits: '1.00', salary: '9' }),
        liaisonOf('BANK'),
      ),
      'INVALID_DATA',
      'data.values.salary',
    );
    const events = driver.do('AnswerVerification', answer('VR-1'), liaisonOf('BANK'));
    expect(typesOf(events)).toEqual(['VerificationAnswered']);
    expect(requestOf(driver.state, 'VR-1')).toMatchObject({
      status: 'ANSWERED',
      answer: { values: { homes: 1, deposits: '5000.00' }, via: 'API', reference: 'ANS-VR-1', by: 'li-BANK' },
    });
    expectRejected(
      driver.when('AnswerVerification', answer('VR-1'), liaisonOf('BANK')),
      'VERIFICATION_NOT_FOUND',
    );
  });

  test('the investigation concludes only once every request is answered or unobtainable with a reason', () => {
    const driver = withRequests();
    const refused = driver.when('RecordInvestigation', investigationData(), actors.caseworker);
    expectRejected(refused, 'VERIFICATIONS_OPEN');
    if (!refused.ok) {
      expect(refused.rejection.messageZh).toContain('BANK 部门（m1）');
      expect(refused.rejection.messageEn).toContain('BANK (m1)');
    }
    expect(caseSummary(driver.state).allowedActionsByRole.CASEWORKER).not.toContain('RecordInvestigation');
    driver.do('AnswerVerification', answer('VR-1'), liaisonOf('BANK'));
    expectRejected(
      driver.when('MarkVerificationUnobtainable', { requestId: 'VR-2', reason: ' ' }, actors.caseworker),
      'INVALID_DATA',
      'data.reason',
    );
    driver.do(
      'MarkVerificationUnobtainable',
      { requestId: 'VR-2', reason: '不动产登记系统迁移，30日内无法查询' },
      actors.caseworker,
    );
    expect(requestOf(driver.state, 'VR-2')).toMatchObject({
      status: 'UNOBTAINABLE',
      unobtainable: { reason: '不动产登记系统迁移，30日内无法查询', by: 'cw-a' },
    });
    expect(typesOf(driver.do('RecordInvestigation', investigationData(), actors.caseworker))).toContain(
      'InvestigationRecorded',
    );
  });

  test('a corrected fact keeps the original beside it, and needs a reason', () => {
    const driver = withRequests();
    driver.do('AnswerVerification', answer('VR-1'), liaisonOf('BANK'));
    expectRejected(
      driver.when('CorrectVerifiedFact', { requestId: 'VR-1', field: 'homes', value: 0 }, actors.caseworker),
      'INVALID_DATA',
      'data.reason',
    );
    expectRejected(
      driver.when(
        'CorrectVerifiedFact',
        { requestId: 'VR-1', field: 'cars', value: 0, reason: 'r' },
        actors.caseworker,
      ),
      'INVALID_DATA',
      'data.field',
    );
    expectRejected(
      driver.when(
        'CorrectVerifiedFact',
        { requestId: 'VR-2', field: 'homes', value: 0, reason: 'r' },
        actors.caseworker,
      ),
      'VERIFICATION_NOT_OPEN',
    );
    const [corrected] = driver.do(
      'CorrectVerifiedFact',
      { requestId: 'VR-1', field: 'homes', value: 0, reason: '该房屋已于2018年拆迁，见拆迁协议' },
      actors.caseworker,
    );
    expect(corrected).toMatchObject({ type: 'VerifiedFactCorrected', data: { original: 1, corrected: 0 } });
    const request = requestOf(driver.state, 'VR-1')!;
    expect(request.answer!.values.homes).toBe(1);
    expect(effectiveValues(request)).toEqual({ homes: 0, deposits: '5000.00' });
  });

  test('an overdue request is urged and counted; not before its due time', () => {
    const driver = withRequests();
    driver.do(
      'RecordVerificationDue',
      { requestId: 'VR-1', dueDate: '2019-03-11', dueAt: '2019-03-11T23:59:59+08:00', provisional: false },
      actors.system,
    );
    expectRejected(
      driver.when('UrgeVerification', { requestId: 'VR-1' }, actors.caseworker, '2019-03-11T20:00:00+08:00'),
      'NOT_YET_OVERDUE',
    );
    expectRejected(
      driver.when('UrgeVerification', { requestId: 'VR-1' }, actors.supervisor, '2019-03-12T09:00:00+08:00'),
      'ROLE_NOT_PERMITTED',
    );
    driver.do('UrgeVerification', { requestId: 'VR-1' }, actors.caseworker, '2019-03-12T09:00:00+08:00');
    const [urged] = driver.do(
      'UrgeVerification',
      { requestId: 'VR-1' },
      actors.system,
      '2019-03-13T09:00:00+08:00',
    );
    expect(urged).toMatchObject({
      type: 'VerificationUrged',
      data: { department: 'BANK', count: 2, dueDate: '2019-03-11' },
    });
    expect(requestOf(driver.state, 'VR-1')!.urges).toBe(2);
  });

  test("the case's reminders urge the requests past their due time (no timer of their own)", () => {
    const driver = withRequests();
    driver.do(
      'RecordVerificationDue',
      { requestId: 'VR-1', dueDate: '2019-03-04', dueAt: '2019-03-04T23:59:59+08:00', provisional: false },
      actors.system,
    );
    driver.do(
      'RecordVerificationDue',
      { requestId: 'VR-2', dueDate: '2019-03-29', dueAt: '2019-03-29T23:59:59+08:00', provisional: false },
      actors.system,
    );
    const ports = {
      due: () => ({ dueDate: '2019-03-20', dueAt: '2019-03-20T23:59:59+08:00', provisional: false }),
    };
    const reminder = (at: string) =>
      decideWithFollowUps(
        driver.state,
        {
          type: 'IssueReminder',
          actor: actors.system,
          at,
          data: { step: 'INVESTIGATION', kind: 'BEFORE_DUE' },
        },
        ports,
      );
    const before = reminder('2019-03-04T09:00:00+08:00');
    if (!before.ok) throw new Error(before.rejection.messageEn);
    expect(typesOf(before.events)).toEqual(['ReminderIssued']);
    const after = reminder('2019-03-05T09:00:00+08:00');
    if (!after.ok) throw new Error(after.rejection.messageEn);
    expect(typesOf(after.events)).toEqual(['ReminderIssued', 'VerificationUrged']);
    expect(after.events[1]).toMatchObject({
      actor: { role: 'SYSTEM' },
      data: { requestId: 'VR-1', count: 1 },
    });
  });

  test('runs with timers of their own: a reminder urges nothing, the urge urges every overdue request once', () => {
    const driver = withRequests();
    for (const [requestId, dueDate] of [
      ['VR-1', '2019-03-04'],
      ['VR-2', '2019-03-05'],
    ] as const) {
      driver.do(
        'RecordVerificationDue',
        { requestId, dueDate, dueAt: `${dueDate}T23:59:59+08:00`, provisional: false },
        actors.system,
      );
    }
    const ports = {
      due: () => ({ dueDate: '2019-03-20', dueAt: '2019-03-20T23:59:59+08:00', provisional: false }),
    };
    const reminder = decideWithFollowUps(
      driver.state,
      {
        type: 'IssueReminder',
        actor: actors.system,
        at: '2019-03-06T09:00:00+08:00',
        data: { step: 'INVESTIGATION', kind: 'BEFORE_DUE' },
      },
      ports,
      { urgeVerificationsWithReminders: false },
    );
    if (!reminder.ok) throw new Error(reminder.rejection.messageEn);
    expect(typesOf(reminder.events)).toEqual(['ReminderIssued']);

    expect(overdueRequests(driver.state, '2019-03-05T09:00:00+08:00').map((r) => r.requestId)).toEqual([
      'VR-1',
    ]);
    const urged = urgeOverdueVerifications(driver.state, '2019-03-06T09:00:00+08:00');
    if (!urged.ok) throw new Error(urged.rejection.messageEn);
    expect(urged.events.map((e) => e.data)).toEqual([
      expect.objectContaining({ requestId: 'VR-1', count: 1 }),
      expect.objectContaining({ requestId: 'VR-2', count: 1 }),
    ]);
    expect(requestOf(urged.state, 'VR-2')!.urges).toBe(1);
    // Nothing overdue yet: no event, no refusal.
    const early = urgeOverdueVerifications(driver.state, '2019-03-04T09:00:00+08:00');
    expect(early).toEqual({ ok: true, events: [], state: driver.state });
  });

  test('the chase: reminded once on the due day, then urged every time after the due time', () => {
    const driver = withRequests();
    const due = { dueDate: '2019-03-08', dueAt: '2019-03-08T23:59:59+08:00', provisional: false };
    driver.do('RecordVerificationDue', { requestId: 'VR-1', ...due }, actors.system);
    const chase = (at: string) => {
      const outcome = chaseVerifications(driver.state, at);
      if (!outcome.ok) throw new Error(outcome.rejection.messageEn);
      return outcome;
    };
    expect(chase('2019-03-07T09:00:00+08:00').events).toEqual([]); // the day before: nothing
    const dueDay = chase('2019-03-08T09:00:00+08:00');
    expect(dueDay.events.map((e) => [e.type, e.data])).toEqual([
      ['VerificationReminded', { requestId: 'VR-1', department: 'BANK', dueDate: '2019-03-08' }],
    ]);
    expect(requestOf(dueDay.state, 'VR-1')!.reminded).toBe(true);
    expect(chaseVerifications(dueDay.state, '2019-03-08T15:00:00+08:00')).toMatchObject({
      ok: true,
      events: [],
    });
    const after = chaseVerifications(dueDay.state, '2019-03-11T09:00:00+08:00');
    expect(after.ok && typesOf(after.events)).toEqual(['VerificationUrged']);
    // A request first seen after its due day (e.g. a late worker) is urged, never reminded.
    const late = chase('2019-03-11T09:00:00+08:00');
    expect(typesOf(late.events)).toEqual(['VerificationUrged']);
  });

  test("another case's recent answer is reused, shown as reused with its origin", () => {
    const driver = submitted().driveTo('INVESTIGATION');
    const from = {
      caseId: 'JZ-OTHER',
      requestId: 'VR-7',
      department: 'BANK',
      answeredOn: '2019-02-20',
      reference: 'ANS-7',
      via: 'IMPORT',
    };
    const events = driver.do(
      'RequestVerification',
      {
        ...verificationRequestData('VR-1', 'BANK'),
        authorisation: AUTHORISATION,
        reuse: { values: { homes: 0, deposits: '100.00' }, from },
      },
      actors.caseworker,
    );
    expect(typesOf(events)).toEqual([
      'VerificationAuthorisationRecorded',
      'VerificationRequested',
      'VerificationAnswered',
    ]);
    expect(requestOf(driver.state, 'VR-1')).toMatchObject({
      status: 'ANSWERED',
      answer: { via: 'REUSE', reusedFrom: from, answeredOn: '2019-02-20' },
    });
    expectAccepted(driver.when('RecordInvestigation', investigationData(), actors.caseworker));
  });

  test('a request marked unobtainable may be sent again to the same department', () => {
    const driver = withRequests();
    driver.do('MarkVerificationUnobtainable', { requestId: 'VR-1', reason: '系统停机' }, actors.caseworker);
    expectAccepted(
      driver.when('RequestVerification', verificationRequestData('VR-3', 'BANK'), actors.caseworker),
    );
  });
});
