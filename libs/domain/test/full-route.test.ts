import { caseSummary } from '../src/queries';
import type { StepOpened } from '../src/events';
import {
  actors,
  CaseDriver,
  districtEligible,
  democraticData,
  expectAccepted,
  expectRejected,
  investigationData,
  PERIODS,
  submitData,
  submitted,
  typesOf,
} from './support';

/** Art. 15: the full statutory process for ILLNESS_POVERTY / OTHER_HARDSHIP. */
describe('full route (Art. 15)', () => {
  test('SubmitApplication opens ACCEPTANCE on the FULL route, held by the registering caseworker (A post) with the B post', () => {
    const driver = new CaseDriver();
    const events = expectAccepted(
      driver.when('SubmitApplication', submitData('OTHER_HARDSHIP'), actors.caseworker),
    );
    expect(typesOf(events)).toEqual(['ApplicationSubmitted', 'StepOpened']);
    expect(events[0].data).toMatchObject({
      route: 'FULL',
      category: 'OTHER_HARDSHIP',
      town: '会城街道',
      policyVersion: 'xinhui-2018',
      periods: PERIODS,
      urgeFlagThreshold: 3,
    });
    expect(events[1].data).toEqual({
      step: 'ACCEPTANCE',
      assignee: { id: 'cw-a', role: 'CASEWORKER' },
      bPost: { id: 'cw-b', role: 'CASEWORKER' },
      periodKey: 'acceptance',
      period: { unit: 'workingDays', count: 5 },
    });
  });

  test('the whole happy path, step by step, ends CLOSED with a full timeline', () => {
    const driver = submitted('ILLNESS_POVERTY');
    const seen: string[] = [];
    driver.autoDeadlines = true;
    const stepsOpened = () =>
      driver.events.filter((e): e is StepOpened => e.type === 'StepOpened').map((e) => e.data.step);
    driver.driveTo('END');
    seen.push(...stepsOpened());
    expect(seen).toEqual([
      'ACCEPTANCE',
      'INVESTIGATION',
      'TOWN_REVIEW',
      'FIRST_NOTICE',
      'SUBMISSION',
      'DISTRICT_REVIEW',
      'SECOND_NOTICE',
      'APPROVAL',
      'FUNDS_REQUEST',
      'DISBURSEMENT',
      'RECIPIENTS_LIST',
    ]);
    expect(driver.state.status).toBe('CLOSED');
    expect(driver.state.openSteps).toEqual([]);
    expect(driver.state.completedSteps.map((line) => line.step)).toEqual(seen);
    expect(driver.state.completedSteps.every((line) => line.statutoryDueDate !== null)).toBe(true);
    expect(driver.state.amounts).toMatchObject({
      proposed: '12000.50',
      approved: '12000.50',
      paid: '12000.50',
    });
    expect(caseSummary(driver.state).currentStep).toBeNull();
  });

  test('AcceptApplication → ApplicationAccepted, ACCEPTANCE completed, INVESTIGATION opened (10 working days)', () => {
    const driver = submitted();
    const events = expectAccepted(driver.when('AcceptApplication', {}, actors.caseworker));
    expect(typesOf(events)).toEqual(['ApplicationAccepted', 'StepCompleted', 'StepOpened']);
    expect(events[1].data).toEqual({ step: 'ACCEPTANCE', outcome: 'ACCEPTED' });
    expect(events[2].data).toMatchObject({
      step: 'INVESTIGATION',
      period: { unit: 'workingDays', count: 10 },
    });
  });

  describe('一次性告知: missing materials', () => {
    test('one notice listing every item pauses the acceptance clock', () => {
      const driver = submitted();
      const events = driver.do(
        'RequestMissingMaterials',
        { missingItems: ['户口簿复印件', '住院收费明细', '户口簿复印件'], noticeRef: 'GZ-1' },
        actors.caseworker,
      );
      expect(typesOf(events)).toEqual(['MaterialsRequested', 'StepClockPaused']);
      expect(events[0].data).toEqual({
        step: 'ACCEPTANCE',
        missingItems: ['户口簿复印件', '住院收费明细'],
        noticeRef: 'GZ-1',
      });
      expect(events[1].data).toEqual({ step: 'ACCEPTANCE', reason: 'AWAITING_MATERIALS' });
      expect(caseSummary(driver.state).clockPaused).toBe(true);
    });

    test('a second notice for the same case is rejected', () => {
      const driver = submitted();
      driver.do(
        'RequestMissingMaterials',
        { missingItems: ['户口簿复印件'], noticeRef: 'GZ-1' },
        actors.caseworker,
      );
      expectRejected(
        driver.when(
          'RequestMissingMaterials',
          { missingItems: ['银行卡'], noticeRef: 'GZ-2' },
          actors.caseworker,
        ),
        'DUPLICATE_MISSING_MATERIALS_NOTICE',
      );
      driver.do('SupplyMaterials', { suppliedItems: ['户口簿复印件'] }, actors.caseworker);
      expectRejected(
        driver.when(
          'RequestMissingMaterials',
          { missingItems: ['银行卡'], noticeRef: 'GZ-2' },
          actors.caseworker,
        ),
        'DUPLICATE_MISSING_MATERIALS_NOTICE',
      );
    });

    test('acceptance waits for every item; the full supplement restarts the clock and a new deadline is recorded', () => {
      const driver = submitted();
      driver.do(
        'RequestMissingMaterials',
        { missingItems: ['户口簿复印件', '住院收费明细'], noticeRef: 'GZ-1' },
        actors.caseworker,
      );
      expectRejected(driver.when('AcceptApplication', {}, actors.caseworker), 'MATERIALS_OUTSTANDING');
      expectRejected(
        driver.when('IssueReminder', { step: 'ACCEPTANCE', kind: 'OPENED' }, actors.system),
        'STEP_CLOCK_PAUSED',
      );
      const partial = driver.do('SupplyMaterials', { suppliedItems: ['户口簿复印件'] }, actors.caseworker);
      expect(typesOf(partial)).toEqual(['MaterialsSupplied']);
      expect(partial[0].data).toEqual({
        suppliedItems: ['户口簿复印件'],
        outstandingItems: ['住院收费明细'],
      });
      expectRejected(
        driver.when('SupplyMaterials', { suppliedItems: ['结婚证'] }, actors.caseworker),
        'INVALID_DATA',
        'data.suppliedItems',
      );
      driver.autoDeadlines = false;
      const complete = driver.do('SupplyMaterials', { suppliedItems: ['住院收费明细'] }, actors.caseworker);
      expect(typesOf(complete)).toEqual(['MaterialsSupplied', 'StepClockResumed']);
      expect(complete[1].data).toEqual({
        step: 'ACCEPTANCE',
        reason: 'AWAITING_MATERIALS',
        restartsClock: true,
        period: PERIODS.acceptance,
      });
      expect(driver.state.openSteps[0]).toMatchObject({
        awaitingDeadline: true,
        statutoryDue: null,
        clockStartedAt: complete[1].at,
      });
      expectRejected(
        driver.when('SupplyMaterials', { suppliedItems: ['住院收费明细'] }, actors.caseworker),
        'NO_MATERIALS_OUTSTANDING',
      );
      driver.recordDeadlines();
      driver.do('AcceptApplication', {}, actors.caseworker);
      expect(driver.step).toBe('INVESTIGATION');
    });

    test('an applicant who never completes can be refused (不予受理) with a written notice', () => {
      const driver = submitted();
      driver.do(
        'RequestMissingMaterials',
        { missingItems: ['户口簿复印件'], noticeRef: 'GZ-1' },
        actors.caseworker,
      );
      const events = driver.do('Refuse', { reasons: ['逾期未补正材料'] }, actors.caseworker);
      expect(typesOf(events)).toEqual(['ApplicationRejected', 'StepCompleted', 'StepOpened']);
      expect(events[2].data).toMatchObject({ step: 'REFUSAL_NOTICE', period: PERIODS.refusalNotice });
      driver.driveTo('END');
      expect(driver.state.status).toBe('REJECTED');
    });
  });

  describe('入户调查: home investigation', () => {
    test('recorded with two investigators and a signed survey → TOWN_REVIEW', () => {
      const driver = submitted().driveTo('INVESTIGATION');
      const events = driver.do('RecordInvestigation', investigationData(), actors.caseworker);
      expect(typesOf(events)).toEqual(['InvestigationRecorded', 'StepCompleted', 'StepOpened']);
      expect(events[0].data).toEqual({
        investigatorIds: ['cw-a', 'cw-c'],
        visitedOn: '2019-03-05',
        surveyRef: 'SURVEY-1',
        findings: '家庭收入低，因病支出大',
      });
      expect(events[2].data).toMatchObject({ step: 'TOWN_REVIEW', period: PERIODS.townReview });
    });

    test('fewer than 2 distinct investigators is rejected (Art. 15(2))', () => {
      const driver = submitted().driveTo('INVESTIGATION');
      expectRejected(
        driver.when(
          'RecordInvestigation',
          investigationData({ investigatorIds: ['cw-a', 'cw-a'] }),
          actors.caseworker,
        ),
        'INSUFFICIENT_INVESTIGATORS',
        'data.investigatorIds',
      );
    });

    test('a survey not signed by every investigator and the applicant is rejected', () => {
      const driver = submitted().driveTo('INVESTIGATION');
      const unsigned = investigationData({
        survey: { ref: 'S', signedByInvestigatorIds: ['cw-a'], signedByApplicant: false },
      });
      const decision = driver.when('RecordInvestigation', unsigned, actors.caseworker);
      expectRejected(decision, 'SURVEY_NOT_SIGNED', 'data.survey');
      expect(!decision.ok && decision.rejection.messageZh).toContain('cw-c');
    });
  });

  describe('审核意见 and 第一次公示', () => {
    test('eligible town review opens FIRST_NOTICE (5 calendar days) and posts a notice without private data', () => {
      const driver = submitted().driveTo('TOWN_REVIEW');
      const events = driver.do('RecordTownReview', { eligible: true, opinion: '符合' }, actors.caseworker);
      expect(typesOf(events)).toEqual([
        'TownReviewRecorded',
        'StepCompleted',
        'StepOpened',
        'PublicityStarted',
      ]);
      expect(events[2].data).toMatchObject({
        step: 'FIRST_NOTICE',
        period: { unit: 'calendarDays', count: 5 },
      });
      expect(events[3].data).toEqual({
        step: 'FIRST_NOTICE',
        notice: { applicantName: '李某', householdSize: 4, proposedAmount: null },
      });
    });

    test('not eligible → ApplicationRejected, REFUSAL_NOTICE; the notice closes the case as REJECTED', () => {
      const driver = submitted().driveTo('TOWN_REVIEW');
      const events = driver.do(
        'RecordTownReview',
        { eligible: false, opinion: '家庭存款超过标准' },
        actors.caseworker,
      );
      expect(typesOf(events)).toEqual([
        'TownReviewRecorded',
        'ApplicationRejected',
        'StepCompleted',
        'StepOpened',
      ]);
      expect(events[1].data).toEqual({
        step: 'TOWN_REVIEW',
        reasons: ['家庭存款超过标准'],
        materialsReturned: false,
      });
      expect(driver.state.noticesOwed).toHaveLength(1);
      expect(driver.state.status).toBe('OPEN');
      const notice = driver.do(
        'IssueWrittenNotice',
        { noticeRef: 'W-9', deliveredOn: '2019-03-12' },
        actors.caseworker,
      );
      expect(typesOf(notice)).toEqual(['WrittenNoticeIssued', 'StepCompleted', 'CaseClosed']);
      expect(notice[0].data).toEqual({
        kind: 'REFUSAL',
        noticeRef: 'W-9',
        deliveredOn: '2019-03-12',
        reasons: ['家庭存款超过标准'],
      });
      expect(notice[2].data).toEqual({ outcome: 'REJECTED' });
      expect(driver.state).toMatchObject({ status: 'REJECTED', openSteps: [], noticesOwed: [] });
    });

    test('publicity cannot close before it has run; after the due time it closes → SUBMISSION', () => {
      const driver = submitted().driveTo('FIRST_NOTICE');
      expectRejected(
        driver.when('ClosePublicityPeriod', { step: 'FIRST_NOTICE' }, actors.system),
        'PERIOD_NOT_ELAPSED',
      );
      driver.passDue();
      const events = driver.do('ClosePublicityPeriod', { step: 'FIRST_NOTICE' }, actors.system);
      expect(typesOf(events)).toEqual(['PublicityEnded', 'StepCompleted', 'StepOpened']);
      expect(events[0].data).toEqual({ step: 'FIRST_NOTICE', outcome: 'NO_OBJECTION' });
      expect(events[2].data).toMatchObject({ step: 'SUBMISSION' });
    });

    test('an objection without valid evidence is recorded and the publicity runs on', () => {
      const driver = submitted().driveTo('FIRST_NOTICE');
      const events = driver.do(
        'RaiseObjection',
        { objector: '村民甲', summary: '听说他家有车', evidenceRefs: [], evidenceValid: false },
        actors.caseworker,
      );
      expect(typesOf(events)).toEqual(['ObjectionRaised']);
      expect(events[0].data).toMatchObject({ step: 'FIRST_NOTICE', triggersReview: false });
      expect(driver.step).toBe('FIRST_NOTICE');
      expect(driver.state.objections).toHaveLength(1);
    });

    test('evidence held valid must be listed', () => {
      const driver = submitted().driveTo('FIRST_NOTICE');
      expectRejected(
        driver.when(
          'RaiseObjection',
          { objector: '村民甲', summary: 's', evidenceRefs: [], evidenceValid: true },
          actors.caseworker,
        ),
        'INVALID_DATA',
        'data.evidenceRefs',
      );
    });

    test('an objection with valid evidence ends the publicity and opens 民主评议', () => {
      const driver = submitted().driveTo('FIRST_NOTICE');
      const events = driver.do(
        'RaiseObjection',
        { objector: '村民甲', summary: '有营运车辆', evidenceRefs: ['PHOTO-1'], evidenceValid: true },
        actors.caseworker,
      );
      expect(typesOf(events)).toEqual(['ObjectionRaised', 'PublicityEnded', 'StepCompleted', 'StepOpened']);
      expect(events[1].data).toEqual({ step: 'FIRST_NOTICE', outcome: 'OBJECTION' });
      expect(events[3].data).toMatchObject({ step: 'DEMOCRATIC_REVIEW', period: PERIODS.democraticReview });
    });
  });

  describe('民主评议: democratic review', () => {
    const atReview = () => {
      const driver = submitted().driveTo('FIRST_NOTICE');
      driver.do(
        'RaiseObjection',
        { objector: '村民甲', summary: '有营运车辆', evidenceRefs: ['PHOTO-1'], evidenceValid: true },
        actors.caseworker,
      );
      return driver;
    };

    test('eligible → SUBMISSION', () => {
      const driver = atReview();
      const events = driver.do('RecordDemocraticReview', democraticData(true), actors.caseworker);
      expect(typesOf(events)).toEqual(['DemocraticReviewRecorded', 'StepCompleted', 'StepOpened']);
      expect(events[2].data).toMatchObject({ step: 'SUBMISSION' });
    });

    test('not eligible → written notice → REJECTED', () => {
      const driver = atReview();
      const events = driver.do('RecordDemocraticReview', democraticData(false), actors.caseworker);
      expect(typesOf(events)).toEqual([
        'DemocraticReviewRecorded',
        'ApplicationRejected',
        'StepCompleted',
        'StepOpened',
      ]);
      expect(driver.step).toBe('REFUSAL_NOTICE');
      driver.driveTo('END');
      expect(driver.state.status).toBe('REJECTED');
    });

    test('participants are required', () => {
      const driver = atReview();
      expectRejected(
        driver.when(
          'RecordDemocraticReview',
          { ...democraticData(true), participants: [] },
          actors.caseworker,
        ),
        'INVALID_DATA',
        'data.participants',
      );
    });
  });

  describe('上报 and 区民政审核', () => {
    test('SubmitToDistrict → DISTRICT_REVIEW held by the district reviewer post', () => {
      const driver = submitted().driveTo('SUBMISSION');
      const events = driver.do('SubmitToDistrict', { materialsRef: 'M-1' }, actors.caseworker);
      expect(typesOf(events)).toEqual(['SubmittedToDistrict', 'StepCompleted', 'StepOpened']);
      expect(events[2].data).toMatchObject({
        step: 'DISTRICT_REVIEW',
        assignee: { id: 'dr-1', role: 'DISTRICT_REVIEWER' },
        bPost: { id: 'dr-2', role: 'DISTRICT_REVIEWER' },
      });
    });

    test('eligible → SECOND_NOTICE posting name, household size and proposed amount only', () => {
      const driver = submitted().driveTo('DISTRICT_REVIEW');
      const events = driver.do('RecordDistrictReview', districtEligible('30000.5'), actors.reviewer);
      expect(typesOf(events)).toEqual([
        'DistrictReviewRecorded',
        'StepCompleted',
        'StepOpened',
        'PublicityStarted',
      ]);
      expect(events[0].data).toMatchObject({
        proposedAmount: '30000.50',
        approvalAuthority: 'DISTRICT_BUREAU',
      });
      expect(events[3].data).toEqual({
        step: 'SECOND_NOTICE',
        notice: { applicantName: '李某', householdSize: 4, proposedAmount: '30000.50' },
      });
    });

    test('not eligible → materials returned, written notice with reasons', () => {
      const driver = submitted().driveTo('DISTRICT_REVIEW');
      const events = driver.do(
        'RecordDistrictReview',
        { eligible: false, reasons: ['自付费用未达家庭收入60%'] },
        actors.reviewer,
      );
      expect(typesOf(events)).toEqual([
        'DistrictReviewRecorded',
        'ApplicationRejected',
        'StepCompleted',
        'StepOpened',
      ]);
      expect(events[1].data).toEqual({
        step: 'DISTRICT_REVIEW',
        reasons: ['自付费用未达家庭收入60%'],
        materialsReturned: true,
      });
      driver.do('IssueWrittenNotice', { noticeRef: 'W-2', deliveredOn: '2019-04-01' }, actors.reviewer);
      expect(driver.state.status).toBe('REJECTED');
    });

    test('amounts must be decimal strings with at most 2 decimals', () => {
      const driver = submitted().driveTo('DISTRICT_REVIEW');
      for (const amount of ['12.345', '-5', '1e4', '', '0', '0.00']) {
        expectRejected(
          driver.when('RecordDistrictReview', districtEligible(amount), actors.reviewer),
          'INVALID_DATA',
          'data.proposedAmount',
        );
      }
      expectRejected(
        driver.when(
          'RecordDistrictReview',
          { ...districtEligible(), approvalAuthority: 'MAYOR' },
          actors.reviewer,
        ),
        'INVALID_DATA',
        'data.approvalAuthority',
      );
      expectRejected(
        driver.when('RecordDistrictReview', { eligible: false, reasons: [] }, actors.reviewer),
        'INVALID_DATA',
        'data.reasons',
      );
    });
  });

  describe('第二次公示 and 重新调查核实', () => {
    const objected = () => {
      const driver = submitted().driveTo('SECOND_NOTICE');
      driver.do(
        'RaiseObjection',
        { objector: '匿名', summary: '收入不实', evidenceRefs: [], evidenceValid: false },
        actors.caseworker,
      );
      return driver;
    };

    test('any objection to the second publicity opens RE_INVESTIGATION (20 working days)', () => {
      const driver = objected();
      expect(driver.step).toBe('RE_INVESTIGATION');
      const opened = driver.events.filter((e) => e.type === 'StepOpened').pop();
      expect(opened?.data).toMatchObject({
        step: 'RE_INVESTIGATION',
        period: { unit: 'workingDays', count: 20 },
      });
    });

    test('approve → publicised again (back to SECOND_NOTICE), possibly with a new amount', () => {
      const driver = objected();
      const events = driver.do(
        'RecordReInvestigation',
        {
          approve: true,
          findings: '收入核实无误，金额调整',
          proposedAmount: '9000',
          breakdownRef: 'B-2',
          approvalAuthority: 'DISTRICT_BUREAU',
        },
        actors.reviewer,
      );
      expect(typesOf(events)).toEqual([
        'ReInvestigationRecorded',
        'StepCompleted',
        'StepOpened',
        'PublicityStarted',
      ]);
      expect(events[3].data).toMatchObject({ step: 'SECOND_NOTICE', notice: { proposedAmount: '9000.00' } });
      driver.driveTo('END');
      expect(driver.state.amounts.paid).toBe('9000.00');
    });

    test('a new amount needs its breakdown and authority', () => {
      const driver = objected();
      expectRejected(
        driver.when(
          'RecordReInvestigation',
          { approve: true, findings: 'f', proposedAmount: '9000' },
          actors.reviewer,
        ),
        'INVALID_DATA',
        'data.breakdownRef',
      );
    });

    test('refuse → written notice via the town → REJECTED', () => {
      const driver = objected();
      const events = driver.do(
        'RecordReInvestigation',
        { approve: false, findings: '隐瞒财产', reasons: ['隐瞒存款'] },
        actors.reviewer,
      );
      expect(typesOf(events)).toEqual([
        'ReInvestigationRecorded',
        'ApplicationRejected',
        'StepCompleted',
        'StepOpened',
      ]);
      driver.do('IssueWrittenNotice', { noticeRef: 'W-3', deliveredOn: '2019-05-01' }, actors.caseworker);
      expect(driver.state.status).toBe('REJECTED');
    });
  });

  describe('审批决定 (Art. 17)', () => {
    test('bureau-level amounts are approved by the district reviewer → FUNDS_REQUEST', () => {
      const driver = submitted().driveTo('APPROVAL');
      expectRejected(driver.when('Approve', { decisionRef: 'D' }, actors.leader), 'WRONG_APPROVAL_AUTHORITY');
      const events = driver.do('Approve', { decisionRef: 'D-1' }, actors.reviewer);
      expect(typesOf(events)).toEqual(['ApplicationApproved', 'StepCompleted', 'StepOpened']);
      expect(events[0].data).toEqual({
        approvedAmount: '12000.50',
        approvalAuthority: 'DISTRICT_BUREAU',
        decisionRef: 'D-1',
      });
      expect(driver.state.status).toBe('APPROVED');
    });

    test('above the threshold only the district leader approves', () => {
      const driver = submitted().driveTo('DISTRICT_REVIEW');
      driver.do('RecordDistrictReview', districtEligible('60000', 'DISTRICT_LEADER'), actors.reviewer);
      driver.driveTo('APPROVAL');
      expectRejected(
        driver.when('Approve', { decisionRef: 'D' }, actors.reviewer),
        'WRONG_APPROVAL_AUTHORITY',
        'actor.role',
      );
      expectRejected(driver.when('Refuse', { reasons: ['x'] }, actors.reviewer), 'WRONG_APPROVAL_AUTHORITY');
      driver.do('Approve', { decisionRef: 'D-2', approvedAmount: '60000.00' }, actors.leader);
      expect(driver.state.amounts).toMatchObject({
        approved: '60000.00',
        approvalAuthority: 'DISTRICT_LEADER',
      });
    });

    test('the approved amount must be the publicised one', () => {
      const driver = submitted().driveTo('APPROVAL');
      expectRejected(
        driver.when('Approve', { decisionRef: 'D', approvedAmount: '13000' }, actors.reviewer),
        'AMOUNT_MISMATCH',
        'data.approvedAmount',
      );
    });

    test('the approver may refuse → written notice', () => {
      const driver = submitted().driveTo('APPROVAL');
      const events = driver.do('Refuse', { reasons: ['重复申请'] }, actors.reviewer);
      expect(typesOf(events)).toEqual(['ApplicationRejected', 'StepCompleted', 'StepOpened']);
      expect(events[0].data).toMatchObject({ step: 'APPROVAL' });
    });
  });

  describe('资金: funds request, disbursement, recipients list', () => {
    test('RequestFunds → DISBURSEMENT held by finance', () => {
      const driver = submitted().driveTo('FUNDS_REQUEST');
      const events = driver.do('RequestFunds', { requestRef: 'F-1' }, actors.reviewer);
      expect(typesOf(events)).toEqual(['FundsRequested', 'StepCompleted', 'StepOpened']);
      expect(events[0].data).toEqual({ requestRef: 'F-1', amount: '12000.50' });
      expect(events[2].data).toMatchObject({
        step: 'DISBURSEMENT',
        assignee: { id: 'unit:FINANCE', role: 'FINANCE' },
      });
    });

    test('disbursement must pay exactly the approved amount; then the recipients list is published for 6 months', () => {
      const driver = submitted().driveTo('DISBURSEMENT');
      expectRejected(
        driver.when(
          'RecordDisbursement',
          { amount: '12000.49', bankReference: 'B', paidOn: '2019-05-01' },
          actors.finance,
        ),
        'AMOUNT_MISMATCH',
        'data.amount',
      );
      const events = driver.do(
        'RecordDisbursement',
        { amount: '12000.5', bankReference: 'BANK-9', paidOn: '2019-05-01' },
        actors.finance,
      );
      expect(typesOf(events)).toEqual([
        'AidDisbursed',
        'StepCompleted',
        'StepOpened',
        'RecipientsListPublished',
      ]);
      expect(events[0].data).toMatchObject({
        amount: '12000.50',
        bankReference: 'BANK-9',
        payee: { kind: 'APPLICANT', name: '李某' },
      });
      expect(events[2].data).toMatchObject({ step: 'RECIPIENTS_LIST', period: { unit: 'months', count: 6 } });
      expect(events[3].data).toEqual({
        notice: { applicantName: '李某', householdSize: 4, proposedAmount: '12000.50' },
      });
      expect(driver.state.status).toBe('PAID');
    });

    test('CloseRecipientsList after the 6 months → CaseClosed CLOSED', () => {
      const driver = submitted().driveTo('RECIPIENTS_LIST');
      expectRejected(driver.when('CloseRecipientsList', {}, actors.system), 'PERIOD_NOT_ELAPSED');
      driver.passDue();
      const events = driver.do('CloseRecipientsList', {}, actors.system);
      expect(typesOf(events)).toEqual(['StepCompleted', 'CaseClosed']);
      expect(events[1].data).toEqual({ outcome: 'CLOSED' });
      expect(driver.state.status).toBe('CLOSED');
    });
  });
});
