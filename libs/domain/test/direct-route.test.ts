import type { StepOpened } from '../src/events';
import type { Category } from '../src/steps';
import {
  actors,
  CaseDriver,
  districtEligible,
  expectAccepted,
  expectRejected,
  submitData,
  submitted,
  typesOf,
} from './support';

/** Art. 14: 重点救助对象、精准扶贫对象、低收入家庭成员 are reviewed directly by the district. */
describe('direct route (Art. 14)', () => {
  test.each<Category>(['EXTREME_POOR', 'DIBAO', 'LOW_INCOME', 'POVERTY_RELIEF'])(
    '%s goes DIRECT',
    (category) => {
      const events = expectAccepted(
        new CaseDriver().when('SubmitApplication', submitData(category), actors.caseworker),
      );
      expect(events[0].data).toMatchObject({ route: 'DIRECT', category });
    },
  );

  test('ACCEPTANCE → DISTRICT_REVIEW → APPROVAL → FUNDS_REQUEST → DISBURSEMENT → RECIPIENTS_LIST → CLOSED', () => {
    const driver = submitted('DIBAO').driveTo('END');
    const opened = driver.events
      .filter((e): e is StepOpened => e.type === 'StepOpened')
      .map((e) => e.data.step);
    expect(opened).toEqual([
      'ACCEPTANCE',
      'DISTRICT_REVIEW',
      'APPROVAL',
      'FUNDS_REQUEST',
      'DISBURSEMENT',
      'RECIPIENTS_LIST',
    ]);
    expect(driver.state.status).toBe('CLOSED');
    expect(driver.events.some((e) => e.type === 'PublicityStarted')).toBe(false);
    expect(driver.events.some((e) => e.type === 'RecipientsListPublished')).toBe(true);
  });

  test('acceptance leads straight to the district review; town steps are not possible', () => {
    const driver = submitted('EXTREME_POOR');
    const events = driver.do('AcceptApplication', {}, actors.caseworker);
    expect(typesOf(events)).toEqual(['ApplicationAccepted', 'StepCompleted', 'StepOpened']);
    expect(events[2].data).toMatchObject({ step: 'DISTRICT_REVIEW' });
    expectRejected(driver.when('RecordInvestigation', {}, actors.caseworker), 'ACTION_NOT_ALLOWED_IN_STEP');
  });

  test('eligible district review goes to APPROVAL without a second publicity', () => {
    const driver = submitted('LOW_INCOME').driveTo('DISTRICT_REVIEW');
    const events = driver.do(
      'RecordDistrictReview',
      districtEligible('85000', 'DISTRICT_LEADER'),
      actors.reviewer,
    );
    expect(typesOf(events)).toEqual(['DistrictReviewRecorded', 'StepCompleted', 'StepOpened']);
    expect(events[2].data).toMatchObject({ step: 'APPROVAL' });
    expectRejected(driver.when('Approve', { decisionRef: 'D' }, actors.reviewer), 'WRONG_APPROVAL_AUTHORITY');
    driver.do('Approve', { decisionRef: 'D' }, actors.leader);
    expect(driver.step).toBe('FUNDS_REQUEST');
  });

  test('refused at district review → written notice → REJECTED', () => {
    const driver = submitted('POVERTY_RELIEF').driveTo('DISTRICT_REVIEW');
    driver.do('Refuse', { reasons: ['费用不属合规范围（第十九条）'] }, actors.reviewer);
    expect(driver.step).toBe('REFUSAL_NOTICE');
    driver.driveTo('END');
    expect(driver.state.status).toBe('REJECTED');
  });
});
