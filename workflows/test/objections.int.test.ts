import { WorkflowHarness, caseworker, reviewer } from './support/harness';
import { actions, advanceTo, caseAt, democraticReview, endPublicity } from './support/route';

/**
 * Objections to the two publicity notices: 民主评议 after the first (Art. 15(4)), 重新调查核实 after the
 * second (Art. 15(8)). Issue 12: objections are heard until the period ends, then the review starts.
 */
describe('application workflow: objections to the publicity notices', () => {
  const h = new WorkflowHarness('objections');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const objection = (evidenceValid: boolean, actor = caseworker) => ({
    type: 'RaiseObjection' as const,
    actor,
    data: {
      objector: '村民代表',
      summary: '申请人家有营运车辆',
      evidenceRefs: evidenceValid ? ['照片-01', '行驶证复印件'] : [],
      evidenceValid,
    },
  });

  it('first publicity: objections are heard through the whole period; at its end the democratic review opens, counting from the last day (issue 12)', async () => {
    const { handle } = await caseAt(h, 'FIRST_NOTICE');
    const publicity = await h.openStep(handle, 'FIRST_NOTICE');
    let s = await h.act(handle, objection(true));
    expect(s.currentStep).toBe('FIRST_NOTICE'); // the period runs on
    s = await h.act(handle, {
      ...objection(false),
      data: { ...objection(false).data, objector: '另一村民', summary: '另有存款' },
    });
    expect(s.currentStep).toBe('FIRST_NOTICE');

    s = await endPublicity(h, handle, 'DEMOCRATIC_REVIEW');
    const open = await h.openStep(handle, 'DEMOCRATIC_REVIEW');
    // The 10 working days count from the publicity's last day, not from the day its timer fired.
    expect(open.clockStartedAt).toBe(publicity.statutoryDue!.dueAt);
    expect(s.statutoryDue).toMatchObject({
      dueDate: (await h.workingDaysFrom(publicity.statutoryDue!.dueAt, 10)).dueDate,
    });
    expect(s.timeline.at(-1)).toMatchObject({ step: 'FIRST_NOTICE', outcome: 'OBJECTION' });
    expect((await h.state(handle)).objections.map((o) => o.objector)).toEqual(['村民代表', '另一村民']);

    s = await h.act(handle, await democraticReview(h, true));
    expect(s.currentStep).toBe('SUBMISSION');
    const types = await h.eventTypes(handle);
    expect(types).toEqual(
      expect.arrayContaining(['ObjectionRaised', 'PublicityEnded', 'DemocraticReviewRecorded']),
    );
    const ended = (await h.eventStore.read(s.caseId)).find((e) => e.type === 'PublicityEnded');
    expect(ended?.data).toMatchObject({ step: 'FIRST_NOTICE', outcome: 'OBJECTION' });
  });

  it('an objection after the period has ended is refused (issue 12)', async () => {
    const { handle } = await caseAt(h, 'FIRST_NOTICE');
    await endPublicity(h, handle, 'SUBMISSION');
    await h.expectRejected(handle, objection(true), 'ACTION_NOT_ALLOWED_IN_STEP');
  });

  it('first publicity: an objection without valid evidence is recorded and the 5 days run on', async () => {
    const { handle } = await caseAt(h, 'FIRST_NOTICE');
    let s = await h.act(handle, objection(false));
    expect(s.currentStep).toBe('FIRST_NOTICE');
    expect((await h.state(handle)).objections).toEqual([
      expect.objectContaining({ evidenceValid: false, triggeredReview: false }),
    ]);
    s = await endPublicity(h, handle, 'SUBMISSION');
    expect(s.timeline.find((t) => t.step === 'FIRST_NOTICE')?.outcome).toBe('NO_OBJECTION');
    expect(s.timeline.map((t) => t.step)).not.toContain('DEMOCRATIC_REVIEW');
  });

  it('second publicity: any objection leads, at the end of the period, to the 20-working-day re-investigation; approval publicises again, then the case goes on to the end', async () => {
    const { handle } = await caseAt(h, 'SECOND_NOTICE');
    const publicity = await h.openStep(handle, 'SECOND_NOTICE');
    let s = await h.act(handle, {
      ...objection(false, reviewer),
      data: { ...objection(false).data, objector: '匿名来信', summary: '隐瞒收入' },
    });
    expect(s.currentStep).toBe('SECOND_NOTICE');
    s = await endPublicity(h, handle, 'RE_INVESTIGATION');
    const open = await h.openStep(handle, 'RE_INVESTIGATION');
    expect(open.clockStartedAt).toBe(publicity.statutoryDue!.dueAt);
    const due = await h.workingDaysFrom(open.clockStartedAt, 20);
    expect(s.statutoryDue).toMatchObject({ dueDate: due.dueDate, provisional: due.provisional });
    expect(s.assignee).toMatchObject({ role: 'DISTRICT_REVIEWER' });

    s = await h.act(handle, {
      type: 'RecordReInvestigation',
      actor: reviewer,
      data: { approve: true, findings: '经核实，收入情况属实' },
    });
    expect(s.currentStep).toBe('SECOND_NOTICE'); // publicised again (Art. 15(8) ¶2)
    const publicities = (await h.eventStore.read(s.caseId)).filter((e) => e.type === 'PublicityStarted');
    expect(publicities.map((e) => (e.data as { step: string }).step)).toEqual([
      'FIRST_NOTICE',
      'SECOND_NOTICE',
      'SECOND_NOTICE',
    ]);

    s = await endPublicity(h, handle, 'APPROVAL');
    await advanceTo(h, handle, 'RECIPIENTS_LIST');
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
      'RE_INVESTIGATION',
      'SECOND_NOTICE',
      'APPROVAL',
      'FUNDS_REQUEST',
      'DISBURSEMENT',
      'RECIPIENTS_LIST',
    ]);
    await h.recordHistory(handle, 'objection-reinvestigation');
  });

  it('second publicity: a re-investigation that refuses goes to the written notice and REJECTED', async () => {
    const { handle } = await caseAt(h, 'SECOND_NOTICE');
    await h.act(handle, objection(true));
    await endPublicity(h, handle, 'RE_INVESTIGATION');
    let s = await h.act(handle, {
      type: 'RecordReInvestigation',
      actor: reviewer,
      data: { approve: false, findings: '查实隐瞒经营收入', reasons: ['隐瞒家庭收入'] },
    });
    expect(s.currentStep).toBe('REFUSAL_NOTICE');
    s = await h.act(handle, actions.writtenNotice);
    expect((await handle.result()).status).toBe('REJECTED');
  });
});
