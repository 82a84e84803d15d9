import { caseSummary } from '../src/queries';
import { actors, CaseDriver, expectRejected, submitData, submitted, typesOf } from './support';

describe('events at any open step', () => {
  describe('Withdraw', () => {
    test('closes the open step and the case as WITHDRAWN', () => {
      const driver = submitted().driveTo('TOWN_REVIEW');
      const events = driver.do('Withdraw', { reason: '申请人书面撤回' }, actors.caseworker);
      expect(typesOf(events)).toEqual(['StepCompleted', 'Withdrawn']);
      expect(events[0].data).toEqual({ step: 'TOWN_REVIEW', outcome: 'WITHDRAWN' });
      expect(driver.state).toMatchObject({ status: 'WITHDRAWN', openSteps: [] });
      expectRejected(driver.when('AcceptApplication', {}, actors.caseworker), 'CASE_CLOSED');
    });

    test('is possible after approval but not once paid', () => {
      const approved = submitted().driveTo('FUNDS_REQUEST');
      approved.do('Withdraw', { reason: 'r' }, actors.caseworker);
      expect(approved.state.status).toBe('WITHDRAWN');
      const paid = submitted().driveTo('RECIPIENTS_LIST');
      expectRejected(paid.when('Withdraw', { reason: 'r' }, actors.caseworker), 'ALREADY_DISBURSED');
    });
  });

  describe('ReportDeath (Art. 22)', () => {
    const heir = { name: '李某某', personRef: 'person-002', relation: '配偶' };

    test('with a legal heir the case continues and the heir is paid', () => {
      const driver = submitted().driveTo('APPROVAL');
      const events = driver.do('ReportDeath', { dateOfDeath: '2019-04-02', heir }, actors.caseworker);
      expect(typesOf(events)).toEqual(['ApplicantDied', 'PayeeChanged']);
      expect(events[1].data).toEqual({
        from: { kind: 'APPLICANT', name: '李某', personRef: 'person-001' },
        to: { kind: 'HEIR', ...heir },
      });
      driver.driveTo('RECIPIENTS_LIST');
      const paid = driver.events.find((e) => e.type === 'AidDisbursed');
      expect(paid?.data).toMatchObject({ payee: { kind: 'HEIR', name: '李某某' } });
      expectRejected(
        driver.when('ReportDeath', { dateOfDeath: '2019-04-02', heir }, actors.caseworker),
        'APPLICANT_ALREADY_DECEASED',
      );
    });

    test('without a legal heir the case terminates', () => {
      const driver = submitted().driveTo('INVESTIGATION');
      const events = driver.do('ReportDeath', { dateOfDeath: '2019-03-04', heir: null }, actors.caseworker);
      expect(typesOf(events)).toEqual(['ApplicantDied', 'StepCompleted', 'CaseTerminated']);
      expect(events[1].data).toEqual({ step: 'INVESTIGATION', outcome: 'TERMINATED' });
      expect(driver.state).toMatchObject({ status: 'TERMINATED', openSteps: [] });
    });

    test('after payment the death is only recorded', () => {
      const driver = submitted().driveTo('RECIPIENTS_LIST');
      const events = driver.do('ReportDeath', { dateOfDeath: '2019-06-01', heir: null }, actors.reviewer);
      expect(typesOf(events)).toEqual(['ApplicantDied']);
      expect(driver.state.status).toBe('PAID');
    });

    test('the heir must be given or explicitly null', () => {
      const driver = submitted();
      expectRejected(
        driver.when('ReportDeath', { dateOfDeath: '2019-04-02' }, actors.caseworker),
        'INVALID_DATA',
        'data.heir',
      );
      expectRejected(
        driver.when('ReportDeath', { dateOfDeath: '2019-04-02', heir: { name: 'x' } }, actors.caseworker),
        'INVALID_DATA',
        'data.heir.personRef',
      );
      expectRejected(
        driver.when('ReportDeath', { dateOfDeath: '2019-02-30', heir: null }, actors.caseworker),
        'INVALID_DATA',
        'data.dateOfDeath',
      );
    });
  });

  describe('Suspend / Resume (Art. 20)', () => {
    test('suspension pauses every open clock and blocks business actions', () => {
      const driver = submitted().driveTo('INVESTIGATION');
      const events = driver.do('Suspend', { reason: '达到出院条件拒绝出院' }, actors.reviewer);
      expect(typesOf(events)).toEqual(['Suspended', 'StepClockPaused']);
      expect(events[1].data).toEqual({ step: 'INVESTIGATION', reason: 'SUSPENDED' });
      expectRejected(driver.when('RecordInvestigation', {}, actors.caseworker), 'CASE_SUSPENDED');
      expectRejected(
        driver.when('IssueReminder', { step: 'INVESTIGATION', kind: 'OVERDUE' }, actors.system),
        'CASE_SUSPENDED',
      );
      expectRejected(
        driver.when(
          'ExtendDeadline',
          { step: 'INVESTIGATION', newDueDate: '2019-12-01', reason: 'r' },
          actors.leader,
        ),
        'CASE_SUSPENDED',
      );
      expectRejected(driver.when('Suspend', { reason: 'again' }, actors.reviewer), 'ALREADY_SUSPENDED');
      expect(caseSummary(driver.state)).toMatchObject({ suspended: true, clockPaused: true });
    });

    test('resume restarts the full period; the workflow records a new due date', () => {
      const driver = submitted().driveTo('INVESTIGATION');
      driver.do('Suspend', { reason: 'r' }, actors.reviewer);
      driver.autoDeadlines = false;
      driver.tick(24 * 30);
      const events = driver.do('Resume', { reason: '已出院' }, actors.leader);
      expect(typesOf(events)).toEqual(['Resumed', 'StepClockResumed']);
      expect(events[1].data).toMatchObject({
        step: 'INVESTIGATION',
        reason: 'SUSPENDED',
        restartsClock: true,
      });
      expect(driver.state.openSteps[0]).toMatchObject({
        awaitingDeadline: true,
        statutoryDue: null,
        pausedFor: [],
      });
      driver.recordDeadlines();
      driver.driveTo('TOWN_REVIEW');
    });

    test('resuming while materials are still outstanding keeps the acceptance clock paused', () => {
      const driver = submitted();
      driver.do('RequestMissingMaterials', { missingItems: ['户口簿'], noticeRef: 'N' }, actors.caseworker);
      driver.do('Suspend', { reason: 'r' }, actors.reviewer);
      expectRejected(
        driver.when('SupplyMaterials', { suppliedItems: ['户口簿'] }, actors.caseworker),
        'CASE_SUSPENDED',
      );
      const events = driver.do('Resume', { reason: 'r' }, actors.reviewer);
      expect(events[1].data).toMatchObject({ restartsClock: false });
      expect(driver.state.openSteps[0].pausedFor).toEqual(['AWAITING_MATERIALS']);
    });

    test('withdrawal, death and fraud are still possible while suspended; Resume needs a suspension', () => {
      const driver = submitted();
      expectRejected(driver.when('Resume', { reason: 'r' }, actors.reviewer), 'NOT_SUSPENDED');
      driver.do('Suspend', { reason: 'r' }, actors.reviewer);
      expect(driver.when('Withdraw', { reason: 'r' }, actors.caseworker).ok).toBe(true);
      expect(
        driver.when('ReportDeath', { dateOfDeath: '2019-03-02', heir: null }, actors.caseworker).ok,
      ).toBe(true);
      expect(
        driver.when(
          'ReportFraud',
          { kind: 'FALSE_DECLARATION', findings: 'f', evidenceRefs: ['E'] },
          actors.reviewer,
        ).ok,
      ).toBe(true);
    });

    test('suspension is not possible once paid', () => {
      const driver = submitted().driveTo('RECIPIENTS_LIST');
      expectRejected(driver.when('Suspend', { reason: 'r' }, actors.reviewer), 'ALREADY_DISBURSED');
    });
  });

  describe('ReportFraud and recovery (Art. 35)', () => {
    const fraud = { kind: 'FALSE_DECLARATION', findings: '隐瞒营运车辆', evidenceRefs: ['车辆登记证明'] };

    test('before payment: cancelled, nothing to recover', () => {
      const driver = submitted().driveTo('APPROVAL');
      const events = driver.do('ReportFraud', fraud, actors.reviewer);
      expect(typesOf(events)).toEqual(['FraudReported', 'StepCompleted', 'CaseCancelled']);
      expect(events[1].data).toEqual({ step: 'APPROVAL', outcome: 'CANCELLED_FOR_FRAUD' });
      expect(events[2].data).toEqual({ reason: 'FRAUD', amountToRecover: null });
      expect(driver.state).toMatchObject({ status: 'CANCELLED', openSteps: [] });
      expectRejected(driver.when('ReportFraud', fraud, actors.reviewer), 'CASE_CLOSED');
    });

    test('after payment: RECOVERY opens; partial recoveries; the last one closes the case as CANCELLED', () => {
      const driver = submitted().driveTo('RECIPIENTS_LIST');
      const events = driver.do('ReportFraud', fraud, actors.leader);
      expect(typesOf(events)).toEqual(['FraudReported', 'StepCompleted', 'CaseCancelled', 'StepOpened']);
      expect(events[2].data).toEqual({ reason: 'FRAUD', amountToRecover: '12000.50' });
      expect(events[3].data).toMatchObject({ step: 'RECOVERY', period: null, assignee: { id: 'dr-1' } });
      expect(driver.state.status).toBe('RECOVERING');
      expectRejected(driver.when('ReportFraud', fraud, actors.reviewer), 'ALREADY_CANCELLED');
      expectRejected(driver.when('Withdraw', { reason: 'r' }, actors.caseworker), 'ALREADY_DISBURSED');
      expectRejected(
        driver.when(
          'RecordRecovery',
          { amount: '12000.51', reference: 'R', recoveredOn: '2019-07-01' },
          actors.reviewer,
        ),
        'AMOUNT_EXCEEDS_OUTSTANDING',
      );
      const part = driver.do(
        'RecordRecovery',
        { amount: '2000.50', reference: 'R-1', recoveredOn: '2019-07-01' },
        actors.reviewer,
      );
      expect(typesOf(part)).toEqual(['RecoveryRecorded']);
      expect(part[0].data).toMatchObject({ totalRecovered: '2000.50', outstanding: '10000.00' });
      const rest = driver.do(
        'RecordRecovery',
        { amount: '10000', reference: 'R-2', recoveredOn: '2019-08-01' },
        actors.reviewer,
      );
      expect(typesOf(rest)).toEqual(['RecoveryRecorded', 'StepCompleted', 'CaseClosed']);
      expect(rest[2].data).toEqual({ outcome: 'CANCELLED' });
      expect(driver.state).toMatchObject({ status: 'CANCELLED', openSteps: [] });
    });

    test('fraud found after the case closed reopens it for recovery', () => {
      const driver = submitted('DIBAO').driveTo('END');
      expect(driver.state.status).toBe('CLOSED');
      const events = driver.do('ReportFraud', { ...fraud, kind: 'COERCION' }, actors.reviewer);
      expect(typesOf(events)).toEqual(['FraudReported', 'CaseCancelled', 'StepOpened']);
      expect(driver.state.status).toBe('RECOVERING');
    });

    test('fraud needs verified evidence and a known kind', () => {
      const driver = submitted();
      expectRejected(
        driver.when('ReportFraud', { ...fraud, evidenceRefs: [] }, actors.reviewer),
        'INVALID_DATA',
        'data.evidenceRefs',
      );
      expectRejected(
        driver.when('ReportFraud', { ...fraud, kind: 'RUMOUR' }, actors.reviewer),
        'INVALID_DATA',
        'data.kind',
      );
      expectRejected(driver.when('ReportFraud', fraud, actors.caseworker), 'ROLE_NOT_PERMITTED');
    });
  });

  describe('Reassign (AB岗)', () => {
    test('the A post hands the step to the B post', () => {
      const driver = submitted().driveTo('INVESTIGATION');
      const events = driver.do('Reassign', { step: 'INVESTIGATION', reason: '出差' }, actors.caseworker);
      expect(typesOf(events)).toEqual(['Reassigned']);
      expect(events[0].data).toEqual({
        step: 'INVESTIGATION',
        from: { id: 'cw-a', role: 'CASEWORKER' },
        to: { id: 'cw-b', role: 'CASEWORKER' },
        reason: '出差',
      });
      expect(caseSummary(driver.state).assignee).toEqual({ id: 'cw-b', role: 'CASEWORKER' });
      // the B post now holds it; the A post no longer may hand it on
      expectRejected(
        driver.when('Reassign', { step: 'INVESTIGATION', toStaffId: 'cw-z', reason: 'r' }, actors.caseworker),
        'ROLE_NOT_PERMITTED',
      );
      const back = driver.do('Reassign', { step: 'INVESTIGATION', reason: 'A岗返岗' }, actors.caseworkerB);
      expect(back[0].data).toMatchObject({ from: { id: 'cw-b' }, to: { id: 'cw-a' } });
    });

    test('an administrator assigns anyone; without a B post a stand-in must be named', () => {
      const driver = submitted().driveTo('FUNDS_REQUEST');
      expectRejected(
        driver.when('Reassign', { step: 'APPROVAL', toStaffId: 'x', reason: 'r' }, actors.admin),
        'STEP_NOT_OPEN',
      );
      expectRejected(
        driver.when('Reassign', { step: 'FUNDS_REQUEST', toStaffId: 'dr-1', reason: 'r' }, actors.admin),
        'INVALID_DATA',
        'data.toStaffId',
      );
      driver.do('Reassign', { step: 'FUNDS_REQUEST', toStaffId: 'dr-7', reason: '病假' }, actors.admin);
      expect(caseSummary(driver.state).assignee?.id).toBe('dr-7');
      const noB = submitted().driveTo('DISBURSEMENT');
      expectRejected(noB.when('Reassign', { step: 'DISBURSEMENT', reason: 'r' }, actors.admin), 'NO_B_POST');
    });

    test('supervisors and bystanders may not reassign', () => {
      const driver = submitted();
      expectRejected(
        driver.when('Reassign', { step: 'ACCEPTANCE', reason: 'r' }, actors.supervisor),
        'ROLE_NOT_PERMITTED',
      );
      expectRejected(
        driver.when('Reassign', { step: 'ACCEPTANCE', reason: 'r' }, actors.reviewer),
        'ROLE_NOT_PERMITTED',
      );
    });
  });

  describe('ExtendDeadline (岗位责任制)', () => {
    test('a leader extends with a reason; the statutory due stays on record', () => {
      const driver = submitted().driveTo('INVESTIGATION');
      const statutory = driver.state.openSteps[0].statutoryDue!;
      const events = driver.do(
        'ExtendDeadline',
        { step: 'INVESTIGATION', newDueDate: '2019-04-30', reason: '申请人住院，无法入户' },
        actors.leader,
      );
      expect(typesOf(events)).toEqual(['DeadlineExtended']);
      expect(events[0].data).toEqual({
        step: 'INVESTIGATION',
        statutoryDueDate: statutory.dueDate,
        previousDueDate: statutory.dueDate,
        extendedDueDate: '2019-04-30',
        extendedDueAt: '2019-04-30T23:59:59+08:00',
        reason: '申请人住院，无法入户',
        grantedBy: 'dl-1',
      });
      expect(caseSummary(driver.state)).toMatchObject({
        statutoryDue: statutory,
        extendedDue: { dueDate: '2019-04-30', grantedBy: 'dl-1' },
      });
      expectRejected(
        driver.when(
          'ExtendDeadline',
          { step: 'INVESTIGATION', newDueDate: '2019-04-30', reason: 'r' },
          actors.leader,
        ),
        'EXTENSION_NOT_LATER',
      );
      driver.driveTo('TOWN_REVIEW');
      expect(driver.state.completedSteps.find((line) => line.step === 'INVESTIGATION')).toMatchObject({
        statutoryDueDate: statutory.dueDate,
        extendedDueDate: '2019-04-30',
        onTime: true,
      });
    });

    test('only the district leader, only with a recorded due date', () => {
      const driver = submitted().driveTo('INVESTIGATION');
      expectRejected(
        driver.when(
          'ExtendDeadline',
          { step: 'INVESTIGATION', newDueDate: '2019-04-30', reason: 'r' },
          actors.reviewer,
        ),
        'ROLE_NOT_PERMITTED',
      );
      expectRejected(
        driver.when('ExtendDeadline', { step: 'INVESTIGATION', newDueDate: '2019-04-30' }, actors.leader),
        'INVALID_DATA',
        'data.reason',
      );
      expectRejected(
        driver.when(
          'ExtendDeadline',
          { step: 'TOWN_REVIEW', newDueDate: '2019-04-30', reason: 'r' },
          actors.leader,
        ),
        'STEP_NOT_OPEN',
      );
      const fresh = new CaseDriver();
      fresh.autoDeadlines = false;
      fresh.do('SubmitApplication', submitData(), actors.caseworker);
      expectRejected(
        fresh.when(
          'ExtendDeadline',
          { step: 'ACCEPTANCE', newDueDate: '2019-04-30', reason: 'r' },
          actors.leader,
        ),
        'DEADLINE_NOT_SET',
      );
    });
  });
});
