import {
  WorkflowHarness,
  caseworker,
  calculationFor,
  finance,
  householdFor,
  reviewer,
} from './support/harness';

describe('application workflow: the full Art. 15 route on the time-skipping server', () => {
  const h = new WorkflowHarness('full');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('carries an ILLNESS_POVERTY case from acceptance to the end of the 6-month recipients list', async () => {
    const handle = await h.startCase();
    let s = await h.summary(handle);
    expect(s.currentStep).toBe('ACCEPTANCE');
    expect(s.statutoryDue?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    s = await h.act(handle, { type: 'AcceptApplication', actor: caseworker, data: {} });
    expect(s.currentStep).toBe('INVESTIGATION');
    s = await h.act(handle, {
      type: 'RecordInvestigation',
      actor: caseworker,
      data: {
        investigatorIds: ['cw-li', 'cw-wang'],
        visitedOn: '2019-03-05',
        survey: {
          ref: 'DC-2019-001',
          signedByInvestigatorIds: ['cw-li', 'cw-wang'],
          signedByApplicant: true,
        },
        findings: '家庭收入低，医疗负担重',
        household: householdFor(),
      },
    });
    expect(s.currentStep).toBe('TOWN_REVIEW');
    s = await h.act(handle, {
      type: 'RecordTownReview',
      actor: caseworker,
      data: { eligible: true, opinion: '符合因病致贫条件' },
    });
    expect(s.currentStep).toBe('FIRST_NOTICE');

    await h.env.sleep('10 days'); // 5-day publicity (extended over rest days) passes without objection
    s = await h.waitFor(handle, (x) => x.currentStep === 'SUBMISSION', 'the first publicity to end');

    s = await h.act(handle, {
      type: 'SubmitToDistrict',
      actor: caseworker,
      data: { materialsRef: 'SB-2019-01' },
    });
    expect(s.currentStep).toBe('DISTRICT_REVIEW');
    s = await h.act(handle, {
      type: 'RecordDistrictReview',
      actor: reviewer,
      data: { eligible: true, calculation: calculationFor('ILLNESS_POVERTY') },
    });
    expect(s.currentStep).toBe('SECOND_NOTICE');
    expect(s.amounts.proposed).toBe('2800.00'); // 70% of the 4,000 inpatient self-paid (Art. 9)
    expect(s.amounts.approvalAuthority).toBe('DISTRICT_BUREAU');

    await h.env.sleep('10 days');
    s = await h.waitFor(handle, (x) => x.currentStep === 'APPROVAL', 'the second publicity to end');
    s = await h.act(handle, { type: 'Approve', actor: reviewer, data: { decisionRef: 'SP-2019-07' } });
    expect(s.currentStep).toBe('FUNDS_REQUEST');
    s = await h.act(handle, { type: 'RequestFunds', actor: reviewer, data: { requestRef: 'CZ-2019-07' } });
    expect(s.currentStep).toBe('DISBURSEMENT');
    s = await h.act(handle, {
      type: 'RecordDisbursement',
      actor: finance,
      data: { amount: '2800.00', bankReference: 'BANK-778', paidOn: '2019-04-20' },
    });
    expect(s.currentStep).toBe('RECIPIENTS_LIST');

    await h.env.sleep('200 days');
    const final = await handle.result();
    expect(final.status).toBe('CLOSED');
    expect(final.timeline.map((t) => t.step)).toEqual([
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

    // The event store tells the same story, hash chain intact.
    const events = await h.eventStore.read(final.caseId);
    expect(events[0]!.type).toBe('ApplicationSubmitted');
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['PublicityStarted', 'AidDisbursed', 'RecipientsListPublished', 'CaseClosed']),
    );
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect((await h.eventStore.verify(final.caseId)).breaks).toEqual([]);
    await h.recordHistory(handle, 'full-route');
  });
});
