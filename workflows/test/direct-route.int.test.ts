import { WorkflowHarness, caseworker, leader, reviewer } from './support/harness';
import { actions, advanceTo } from './support/route';

/**
 * Art. 14 (直接审核办理): categories already certified by other procedures go from acceptance straight to the
 * district — no investigation, town opinion or publicity; funds, disbursement and the Art. 16 list remain.
 * Art. 17: above the threshold the district leader signs the approval.
 */
describe('application workflow: the DIRECT route and the Art. 17 approval authority', () => {
  const h = new WorkflowHarness('direct');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('carries a DIBAO case from acceptance to the end of the recipients list', async () => {
    const handle = await h.startCase({ category: 'DIBAO' });
    let s = await h.summary(handle);
    expect(s).toMatchObject({ route: 'DIRECT', currentStep: 'ACCEPTANCE' });
    s = await h.act(handle, actions.accept);
    expect(s.currentStep).toBe('DISTRICT_REVIEW');
    // Town steps do not exist on this route.
    await h.expectRejected(handle, actions.investigate, 'ACTION_NOT_ALLOWED_IN_STEP');

    s = await h.act(handle, actions.districtEligible('DIBAO'));
    expect(s.currentStep).toBe('APPROVAL'); // no second publicity
    expect(s.amounts.approvalAuthority).toBe('DISTRICT_BUREAU');
    const amount = s.amounts.proposed!;
    expect(Number(amount)).toBeGreaterThan(2800); // DIBAO: 90% (Art. 9), more than ILLNESS_POVERTY's 70%

    s = await h.act(handle, actions.approve);
    expect(s).toMatchObject({ status: 'APPROVED', currentStep: 'FUNDS_REQUEST' });
    s = await h.act(handle, actions.requestFunds);
    s = await h.act(handle, actions.disburse(amount));
    expect(s).toMatchObject({ status: 'PAID', currentStep: 'RECIPIENTS_LIST' });

    await h.env.sleep('200 days');
    const final = await handle.result();
    expect(final.status).toBe('CLOSED');
    expect(final.timeline.map((t) => t.step)).toEqual([
      'ACCEPTANCE',
      'DISTRICT_REVIEW',
      'APPROVAL',
      'FUNDS_REQUEST',
      'DISBURSEMENT',
      'RECIPIENTS_LIST',
    ]);
    const events = await h.eventStore.read(final.caseId);
    expect(events.filter((e) => e.type === 'PublicityStarted')).toEqual([]);
    expect(events.find((e) => e.type === 'RecipientsListPublished')?.data).toMatchObject({
      notice: { proposedAmount: amount },
    });
    expect(events.at(-1)).toMatchObject({ type: 'CaseClosed', data: { outcome: 'CLOSED' } });
    await h.recordHistory(handle, 'direct-route');
  });

  it('above 50,000 for ILLNESS_POVERTY the district leader approves; a reviewer may not', async () => {
    const handle = await h.startCase();
    await advanceTo(h, handle, 'DISTRICT_REVIEW');
    let s = await h.act(handle, actions.districtEligible('ILLNESS_POVERTY', '80000.00'));
    expect(s.currentStep).toBe('SECOND_NOTICE');
    expect(Number(s.amounts.proposed)).toBeGreaterThan(50_000);
    expect(s.amounts.approvalAuthority).toBe('DISTRICT_LEADER');

    s = await advanceTo(h, handle, 'APPROVAL');
    const rejection = await h.expectRejected(handle, actions.approve, 'WRONG_APPROVAL_AUTHORITY');
    expect(rejection.messageZh).toBeTruthy();
    await h.expectRejected(handle, { ...actions.approve, actor: caseworker }, 'ROLE_NOT_PERMITTED');
    expect(s.allowedActionsByRole.DISTRICT_LEADER).toContain('Approve');
    expect(s.allowedActionsByRole.DISTRICT_REVIEWER).not.toContain('Approve');

    s = await h.act(handle, { ...actions.approve, actor: leader });
    expect(s).toMatchObject({ status: 'APPROVED', currentStep: 'FUNDS_REQUEST' });
    const approved = (await h.eventStore.read(s.caseId)).find((e) => e.type === 'ApplicationApproved');
    expect(approved?.data).toMatchObject({
      approvalAuthority: 'DISTRICT_LEADER',
      approvedAmount: s.amounts.proposed,
    });
    expect(approved?.actor).toMatchObject({ id: leader.id, role: 'DISTRICT_LEADER' });
    // The reviewer still requests the funds (Art. 15(8)).
    s = await h.act(handle, { ...actions.requestFunds, actor: reviewer });
    expect(s.currentStep).toBe('DISBURSEMENT');
  });
});
