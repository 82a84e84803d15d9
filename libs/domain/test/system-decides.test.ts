import { requestProblem } from '../src/requests';
import { actors, expectAccepted, expectRejected, investigationData, submitted, typesOf } from './support';

/** Issue 10: people record facts, the system decides eligibility, amounts and authority, and says why. */
const assessed = (eligible: boolean) => ({
  assessmentId: 'A-1',
  eligible,
  policyVersion: 'xinhui-2018',
  failedCriteria: eligible ? [] : ['BURDEN'],
});

function atTownReview(eligible: boolean) {
  const driver = submitted('ILLNESS_POVERTY', { systemDecides: true });
  driver.do('AcceptApplication', {}, actors.caseworker);
  driver.do('RecordInvestigation', investigationData({ eligibility: assessed(eligible) }), actors.caseworker);
  return driver;
}

describe('eligibility decided from the recorded facts', () => {
  test('an investigation without the system assessment is refused; with it the verdict is an event', () => {
    const driver = submitted('ILLNESS_POVERTY', { systemDecides: true });
    driver.do('AcceptApplication', {}, actors.caseworker);
    expectRejected(
      driver.when('RecordInvestigation', investigationData(), actors.caseworker),
      'INVALID_DATA',
      'data.household',
    );
    const events = driver.do(
      'RecordInvestigation',
      investigationData({ eligibility: assessed(false) }),
      actors.caseworker,
    );
    expect(typesOf(events)).toContain('EligibilityAssessed');
    expect(driver.state.eligibility).toMatchObject({
      eligible: false,
      conclusion: false,
      failedCriteria: ['BURDEN'],
    });
  });

  test('a town review against the rules needs a reason, and the override is recorded', () => {
    const driver = atTownReview(false);
    expectRejected(
      driver.when('RecordTownReview', { eligible: true, opinion: '符合' }, actors.caseworker),
      'OVERRIDE_REASON_REQUIRED',
      'data.overrideReason',
    );
    const events = driver.do(
      'RecordTownReview',
      { eligible: true, opinion: '符合', overrideReason: '大病支出已于本月核实，收入证明滞后' },
      actors.caseworker,
    );
    expect(typesOf(events)).toEqual(expect.arrayContaining(['TownReviewRecorded', 'EligibilityOverridden']));
    expect(driver.state.eligibility).toMatchObject({ eligible: false, conclusion: true });
    expect(driver.state.eligibility!.overrides).toHaveLength(1);
  });

  test('a town review agreeing with the rules records no override', () => {
    const driver = atTownReview(true);
    const events = driver.do('RecordTownReview', { eligible: true, opinion: '符合' }, actors.caseworker);
    expect(typesOf(events)).not.toContain('EligibilityOverridden');
  });

  test('a democratic review may find otherwise than the rules; its conclusion is recorded as the reason', () => {
    const driver = atTownReview(true);
    driver.do('RecordTownReview', { eligible: true, opinion: '符合' }, actors.caseworker);
    driver.do(
      'RaiseObjection',
      { objector: '村民甲', summary: '隐瞒经营收入', evidenceRefs: ['照片'], evidenceValid: true },
      actors.caseworker,
    );
    const events = driver.do(
      'RecordDemocraticReview',
      { eligible: false, conclusion: '评议认定隐瞒收入', participants: ['村民代表'], heldOn: '2019-03-20' },
      actors.caseworker,
    );
    expect(events.find((e) => e.type === 'EligibilityOverridden')?.data).toMatchObject({
      step: 'DEMOCRATIC_REVIEW',
      assessedEligible: true,
      concludedEligible: false,
      reason: '评议认定隐瞒收入',
    });
  });

  test('a case registered before issue 10 keeps the old contract', () => {
    const driver = submitted();
    driver.do('AcceptApplication', {}, actors.caseworker);
    expectAccepted(driver.when('RecordInvestigation', investigationData(), actors.caseworker));
    expect(
      requestProblem(driver.state, 'RecordDistrictReview', { eligible: true, proposedAmount: '1.00' }),
    ).toBeNull();
  });
});

describe('figures the system decides are never taken from a request', () => {
  const state = atTownReview(true).state;
  test.each([
    ['RecordInvestigation', { eligibility: assessed(true), household: {} }, 'data.eligibility'],
    [
      'RecordDistrictReview',
      { eligible: true, proposedAmount: '100.00', calculation: {} },
      'data.proposedAmount',
    ],
    [
      'RecordDistrictReview',
      { eligible: true, approvalAuthority: 'DISTRICT_BUREAU', calculation: {} },
      'data.approvalAuthority',
    ],
    [
      'RecordReInvestigation',
      { approve: true, findings: 'x', proposedAmount: '1.00' },
      'data.proposedAmount',
    ],
  ])('%s with %j is refused at %s', (type, data, field) => {
    expect(requestProblem(state, type, data)).toMatchObject({ code: 'SYSTEM_DECIDED_FIELD', field });
  });
  test('an eligible district review must carry a calculation', () => {
    expect(requestProblem(state, 'RecordDistrictReview', { eligible: true })).toMatchObject({
      code: 'INVALID_DATA',
      field: 'data.calculation',
    });
  });
  test('an investigation must carry the household facts', () => {
    expect(requestProblem(state, 'RecordInvestigation', investigationData())).toMatchObject({
      field: 'data.household',
    });
  });
});

describe('Art. 17 authority at re-investigation', () => {
  function atReInvestigation() {
    const driver = submitted();
    driver.driveTo('DISTRICT_REVIEW');
    driver.do(
      'RecordDistrictReview',
      {
        eligible: true,
        proposedAmount: '60000.00',
        breakdownRef: 'B-1',
        approvalAuthority: 'DISTRICT_LEADER',
      },
      actors.reviewer,
    );
    driver.do(
      'RaiseObjection',
      { objector: '村民', summary: '隐瞒收入', evidenceRefs: [], evidenceValid: false },
      actors.reviewer,
    );
    expect(driver.step).toBe('RE_INVESTIGATION');
    return driver;
  }
  const refusal = { approve: false, findings: '查实隐瞒收入', reasons: ['隐瞒收入'] };

  test('a reviewer cannot refuse a leader-level case alone; the leader can', () => {
    const driver = atReInvestigation();
    expectRejected(
      driver.when('RecordReInvestigation', refusal, actors.reviewer),
      'WRONG_APPROVAL_AUTHORITY',
    );
    expectRejected(
      driver.when('Refuse', { reasons: ['隐瞒收入'] }, actors.reviewer),
      'WRONG_APPROVAL_AUTHORITY',
    );
    expectAccepted(driver.when('RecordReInvestigation', refusal, actors.leader));
    expectAccepted(driver.when('Refuse', { reasons: ['隐瞒收入'] }, actors.leader));
  });

  test('the reviewer may still confirm it for a new publicity', () => {
    const driver = atReInvestigation();
    expectAccepted(
      driver.when('RecordReInvestigation', { approve: true, findings: '异议不成立' }, actors.reviewer),
    );
  });
});
