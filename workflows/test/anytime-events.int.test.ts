import { WorkflowHarness, caseworker, caseworkerB, leader, reviewer } from './support/harness';
import { actions, advanceTo, caseAt } from './support/route';

const ADMIN = { id: 'adm-liang', role: 'ADMINISTRATOR' as const };

/** Events that can arrive at any open step (DOMAIN.md): death, withdrawal, suspension, fraud, AB post, extension. */
describe('application workflow: anytime events', () => {
  const h = new WorkflowHarness('anytime');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  describe('death of the applicant (Art. 22)', () => {
    it('with a legal heir: the payee changes and the case goes on to payment to the heir', async () => {
      const { handle } = await caseAt(h, 'DISTRICT_REVIEW');
      const heir = { name: '陈小明', personRef: 'person-heir-1', relation: '儿子' };
      let s = await h.act(handle, {
        type: 'ReportDeath',
        actor: caseworker,
        data: { dateOfDeath: '2019-03-25', heir },
      });
      expect(s.status).toBe('OPEN');
      expect(s.currentStep).toBe('DISTRICT_REVIEW');
      expect(s.payee).toMatchObject({ kind: 'HEIR', ...heir });
      await h.expectRejected(
        handle,
        { type: 'ReportDeath', actor: caseworker, data: { dateOfDeath: '2019-03-25', heir } },
        'APPLICANT_ALREADY_DECEASED',
      );

      s = await advanceTo(h, handle, 'RECIPIENTS_LIST');
      expect(s.status).toBe('PAID');
      const events = await h.eventStore.read(s.caseId);
      expect(events.find((e) => e.type === 'PayeeChanged')?.data).toMatchObject({
        from: { kind: 'APPLICANT' },
        to: { kind: 'HEIR', name: '陈小明' },
      });
      expect(events.find((e) => e.type === 'AidDisbursed')?.data).toMatchObject({
        amount: '2800.00',
        payee: { kind: 'HEIR', personRef: 'person-heir-1' },
      });
    });

    it('without an heir: every open step ends TERMINATED and the workflow completes', async () => {
      const { handle } = await caseAt(h, 'INVESTIGATION');
      const s = await h.act(handle, {
        type: 'ReportDeath',
        actor: caseworker,
        data: { dateOfDeath: '2019-03-04', heir: null },
      });
      expect(s.status).toBe('TERMINATED');
      const final = await handle.result();
      expect(final.status).toBe('TERMINATED');
      expect(final.currentStep).toBeNull();
      expect(final.timeline.at(-1)).toMatchObject({ step: 'INVESTIGATION', outcome: 'TERMINATED' });
      expect((await h.eventTypes(handle)).slice(-3)).toEqual([
        'ApplicantDied',
        'StepCompleted',
        'CaseTerminated',
      ]);
      await h.recordHistory(handle, 'death-no-heir');
    });
  });

  it('withdrawal ends the case WITHDRAWN and the workflow completes', async () => {
    const { handle } = await caseAt(h, 'TOWN_REVIEW');
    const s = await h.act(handle, {
      type: 'Withdraw',
      actor: caseworker,
      data: { reason: '申请人已获商业保险理赔，自愿撤回' },
    });
    expect(s.status).toBe('WITHDRAWN');
    const final = await handle.result();
    expect(final.timeline.at(-1)).toMatchObject({ step: 'TOWN_REVIEW', outcome: 'WITHDRAWN' });
    expect((await h.eventTypes(handle)).at(-1)).toBe('Withdrawn');
  });

  it('suspension (Art. 20) stops the clock and the reminders; resumption restarts the full period', async () => {
    // Art. 20 speaks of the key groups (重点医疗救助对象, Art. 5(1)1): a DIBAO case, in the district's review.
    const { handle } = await caseAt(h, 'DISTRICT_REVIEW', { category: 'DIBAO' });
    let s = await h.act(handle, {
      type: 'Suspend',
      actor: reviewer,
      data: { reason: '无正当理由拒不出院', ground: 'REFUSES_DISCHARGE' },
    });
    expect(s).toMatchObject({ suspended: true, clockPaused: true, currentStep: 'DISTRICT_REVIEW' });
    await h.expectRejected(handle, actions.districtEligible('DIBAO'), 'CASE_SUSPENDED');
    await h.expectRejected(
      handle,
      { type: 'Suspend', actor: leader, data: { reason: '再次', ground: 'REFUSES_DISCHARGE' } },
      'ALREADY_SUSPENDED',
    );

    // Five weeks pass: well beyond the 5-working-day due date, yet no reminder and no 催办.
    const before = await h.eventTypes(handle);
    await h.env.sleep('35 days');
    s = await h.waitFor(handle, () => true);
    expect(await h.eventTypes(handle)).toEqual(before);
    expect(s.urgesByStep).toEqual({});

    s = await h.act(handle, { type: 'Resume', actor: leader, data: { reason: '已出院' } });
    expect(s).toMatchObject({ suspended: false, clockPaused: false });
    const open = await h.openStep(handle, 'DISTRICT_REVIEW');
    expect(s.statutoryDue?.dueDate).toBe((await h.workingDaysFrom(open.clockStartedAt, 5)).dueDate);
    const after = (await h.eventTypes(handle)).slice(before.length);
    expect(after).toEqual(['Resumed', 'StepClockResumed', 'DeadlineSet', 'ReminderIssued']);
    s = await h.act(handle, actions.districtEligible('DIBAO'));
    expect(s.currentStep).toBe('APPROVAL');
    await h.recordHistory(handle, 'suspension');
  });

  it('fraud found after payment (Art. 35): cancelled, RECOVERY opens, recovered in parts, then CANCELLED', async () => {
    const { handle } = await caseAt(h, 'RECIPIENTS_LIST');
    await h.expectRejected(
      handle,
      { type: 'Withdraw', actor: caseworker, data: { reason: '撤回' } },
      'ALREADY_DISBURSED',
    );
    let s = await h.act(handle, {
      type: 'ReportFraud',
      actor: reviewer,
      data: { kind: 'FALSE_DECLARATION', findings: '隐瞒名下营运车辆', evidenceRefs: ['车管所查询单-77'] },
    });
    expect(s).toMatchObject({ status: 'RECOVERING', currentStep: 'RECOVERY' });
    expect(s.amounts.toRecover).toBe('2800.00');
    expect(s.statutoryDue).toBeNull(); // no statutory period for recovery

    const recovery = (amount: string, reference: string) => ({
      type: 'RecordRecovery' as const,
      actor: reviewer,
      data: { amount, reference, recoveredOn: '2019-06-01' },
    });
    await h.expectRejected(handle, recovery('3000.00', 'ZH-0'), 'AMOUNT_EXCEEDS_OUTSTANDING');
    s = await h.act(handle, recovery('1000.00', 'ZH-1'));
    expect(s).toMatchObject({ status: 'RECOVERING', amounts: { recovered: '1000.00' } });
    s = await h.act(handle, recovery('1800.00', 'ZH-2'));
    expect(s.status).toBe('CANCELLED');
    const final = await handle.result();
    expect(final.timeline.at(-1)).toMatchObject({ step: 'RECOVERY', outcome: 'RECOVERED' });
    const types = await h.eventTypes(handle);
    expect(types).toEqual(expect.arrayContaining(['FraudReported', 'CaseCancelled', 'RecoveryRecorded']));
    expect(types.filter((t) => t === 'RecoveryRecorded')).toHaveLength(2);
    await h.recordHistory(handle, 'fraud-recovery');
  });

  it('AB岗: the step is handed to the B post, who is then reminded and urged', async () => {
    const { handle, summary } = await caseAt(h, 'INVESTIGATION', {
      posts: { CASEWORKER: { a: 'cw-li', b: 'cw-wang' } },
    });
    expect(summary.assignee).toEqual({ id: 'cw-li', role: 'CASEWORKER' });
    expect(summary.bPost).toEqual({ id: 'cw-wang', role: 'CASEWORKER' });
    // Not the holder and not an assigning role: a caseworker may not take the step over.
    await h.expectRejected(
      handle,
      { type: 'Reassign', actor: caseworkerB, data: { step: 'INVESTIGATION', reason: '代办' } },
      'ROLE_NOT_PERMITTED',
    );

    let s = await h.act(handle, {
      type: 'Reassign',
      actor: ADMIN,
      data: { step: 'INVESTIGATION', reason: 'A岗休假' },
    });
    expect(s.assignee).toEqual({ id: 'cw-wang', role: 'CASEWORKER' });
    const reassigned = (await h.eventStore.read(s.caseId)).find((e) => e.type === 'Reassigned');
    expect(reassigned?.data).toMatchObject({
      step: 'INVESTIGATION',
      from: { id: 'cw-li' },
      to: { id: 'cw-wang' },
    });

    // Three weeks later the B post has been reminded and urged, not the A post.
    await h.env.sleep('21 days');
    s = await h.waitFor(handle, (x) => (x.urgesByStep.INVESTIGATION ?? 0) > 0, 'a 催办');
    const state = await h.state(handle);
    expect(Object.keys(state.supervision.urgesByAssignee)).toEqual(['cw-wang']);
    const urges = (await h.eventStore.read(s.caseId)).filter((e) => e.type === 'UrgeIssued');
    expect(urges.every((e) => (e.data as { assignee: { id: string } }).assignee.id === 'cw-wang')).toBe(true);

    // The B post finishes the step; any caseworker of the town may act on it.
    s = await h.act(handle, { ...actions.investigate, actor: caseworkerB });
    expect(s.timeline.at(-1)).toMatchObject({ step: 'INVESTIGATION', completedBy: 'cw-wang', onTime: false });
  });

  it('deadline extension by the district leader: the statutory due stays beside the extended one; a caseworker may not extend', async () => {
    const { handle, summary } = await caseAt(h, 'INVESTIGATION');
    const statutory = summary.statutoryDue!;
    await h.expectRejected(
      handle,
      {
        type: 'ExtendDeadline',
        actor: caseworker,
        data: { step: 'INVESTIGATION', newDueDate: '2099-01-01', reason: '人手不足' },
      },
      'ROLE_NOT_PERMITTED',
    );
    await h.expectRejected(
      handle,
      {
        type: 'ExtendDeadline',
        actor: reviewer,
        data: { step: 'INVESTIGATION', newDueDate: '2099-01-01', reason: '人手不足' },
      },
      'ROLE_NOT_PERMITTED',
    );
    await h.expectRejected(
      handle,
      {
        type: 'ExtendDeadline',
        actor: leader,
        data: { step: 'INVESTIGATION', newDueDate: statutory.dueDate, reason: '人手不足' },
      },
      'EXTENSION_NOT_LATER',
    );

    const newDueDate = (await h.calendar()).addWorkingDays(statutory.dueDate, 10).dueDate;
    const s = await h.act(handle, {
      type: 'ExtendDeadline',
      actor: leader,
      data: { step: 'INVESTIGATION', newDueDate, reason: '需跨省核查存款' },
    });
    expect(s.statutoryDue).toEqual(statutory);
    expect(s.extendedDue).toMatchObject({
      dueDate: newDueDate,
      grantedBy: 'dl-huang',
      reason: '需跨省核查存款',
    });
    const extended = (await h.eventStore.read(s.caseId)).find((e) => e.type === 'DeadlineExtended');
    expect(extended?.data).toMatchObject({
      statutoryDueDate: statutory.dueDate,
      previousDueDate: statutory.dueDate,
      extendedDueDate: newDueDate,
    });

    // Past the statutory due but before the extended one: no 催办 — the extension is what counts.
    await h.env.sleep(Date.parse(statutory.dueAt) - (await h.env.currentTimeMs()) + 3 * 24 * 3600_000);
    let now = await h.waitFor(handle, () => true);
    expect(now.urgesByStep).toEqual({});
    // Past the extended due, 催办 begin.
    await h.env.sleep(Date.parse(s.extendedDue!.dueAt) - (await h.env.currentTimeMs()) + 5 * 24 * 3600_000);
    now = await h.waitFor(
      handle,
      (x) => (x.urgesByStep.INVESTIGATION ?? 0) > 0,
      'a 催办 after the extended due',
    );
    const done = await h.act(handle, actions.investigate);
    expect(done.timeline.at(-1)).toMatchObject({
      step: 'INVESTIGATION',
      statutoryDueDate: statutory.dueDate,
      extendedDueDate: newDueDate,
      onTime: false,
    });
  });
});
