import { WorkflowHarness, caseworker } from './support/harness';
import { actions } from './support/route';

/** 一次性告知制: one notice listing every missing item; the acceptance clock waits and restarts on the supplement. */
describe('application workflow: the one-time notice of missing materials', () => {
  const h = new WorkflowHarness('materials');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const notice = {
    type: 'RequestMissingMaterials' as const,
    actor: caseworker,
    data: { missingItems: ['住院费用发票原件', '出院小结'], noticeRef: 'BZ-2019-03' },
  };

  it('pauses the acceptance clock (no reminders while waiting), refuses a second notice, and restarts the full period on the supplement', async () => {
    const handle = await h.startCase();
    const first = await h.summary(handle);
    let s = await h.act(handle, notice);
    expect(s.currentStep).toBe('ACCEPTANCE');
    expect(s.clockPaused).toBe(true);

    await h.expectRejected(
      handle,
      { ...notice, data: { missingItems: ['户口簿'], noticeRef: 'BZ-2019-04' } },
      'DUPLICATE_MISSING_MATERIALS_NOTICE',
    );
    await h.expectRejected(handle, actions.accept, 'MATERIALS_OUTSTANDING');

    // Three weeks pass: the office owes nothing while the applicant owes materials.
    const before = await h.eventTypes(handle);
    await h.env.sleep('21 days');
    s = await h.waitFor(handle, () => true);
    expect(await h.eventTypes(handle)).toEqual(before);
    expect(s.urgesByStep).toEqual({});

    // A partial supply is recorded; the clock keeps waiting.
    s = await h.act(handle, {
      type: 'SupplyMaterials',
      actor: caseworker,
      data: { suppliedItems: ['出院小结'] },
    });
    expect(s.clockPaused).toBe(true);
    expect((await h.state(handle)).materialsNotice?.outstandingItems).toEqual(['住院费用发票原件']);

    s = await h.act(handle, {
      type: 'SupplyMaterials',
      actor: caseworker,
      data: { suppliedItems: ['住院费用发票原件'] },
    });
    expect(s.clockPaused).toBe(false);
    const open = await h.openStep(handle, 'ACCEPTANCE');
    expect(s.statutoryDue?.dueDate).toBe((await h.workingDaysFrom(open.clockStartedAt, 5)).dueDate);
    expect(s.statutoryDue!.dueDate > first.statutoryDue!.dueDate).toBe(true);
    const events = await h.eventStore.read(s.caseId);
    expect(events.filter((e) => e.type === 'DeadlineSet')).toHaveLength(2);
    expect(events.find((e) => e.type === 'StepClockResumed')?.data).toMatchObject({
      step: 'ACCEPTANCE',
      reason: 'AWAITING_MATERIALS',
      restartsClock: true,
    });

    // Only one notice per case, even after the supplement.
    await h.expectRejected(
      handle,
      { ...notice, data: { missingItems: ['户口簿'], noticeRef: 'BZ-2019-05' } },
      'DUPLICATE_MISSING_MATERIALS_NOTICE',
    );
    s = await h.act(handle, actions.accept);
    expect(s.currentStep).toBe('INVESTIGATION');
    await h.recordHistory(handle, 'missing-materials');
  });
});
