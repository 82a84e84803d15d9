import { dueOf } from '../../apps/worker/src/activities/calendar.activities';
import { shanghaiDateOf } from '../../libs/calendar/src';
import { hypotheticalYear } from '../../libs/calendar/test/fixtures/hypothetical-years';
import {
  CalendarStore,
  CaseProjector,
  PolicyStore,
  casePolicyOf,
  noticesOfCase,
} from '../../libs/persistence/src';
import { calendarChangedSignal } from '../src/definitions';
import { WorkflowHarness, caseworker, leader, reviewer } from './support/harness';
import { actions, advanceTo, caseAt } from './support/route';

/**
 * Issue 12, the process by the letter, on the time-skipping server: an heir named after the death was
 * reported (Art. 22), the end of the wait for one, the district's own one-time notice of missing materials,
 * extensions and suspensions only as the policy's procedure allows.
 */
describe('application workflow: the process by the letter', () => {
  const h = new WorkflowHarness('by-the-letter');
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const heir = { name: '陈小明', personRef: 'person-heir-1', relation: '儿子' };

  it('a death reported with no heir known: the case goes on, the heir named later is paid', async () => {
    const { handle } = await caseAt(h, 'DISTRICT_REVIEW');
    let s = await h.act(handle, {
      type: 'ReportDeath',
      actor: caseworker,
      data: { dateOfDeath: '2019-03-25' },
    });
    expect(s).toMatchObject({ status: 'OPEN', currentStep: 'DISTRICT_REVIEW', payee: { kind: 'APPLICANT' } });
    const waiting = (await h.state(handle)).deceased;
    expect(waiting).toMatchObject({ awaitingHeir: true, heirDue: { provisional: expect.any(Boolean) } });

    s = await advanceTo(h, handle, 'DISBURSEMENT');
    // Nobody to pay until the heir is named.
    await h.expectRejected(handle, actions.disburse('2800.00'), 'HEIR_NOT_NAMED');
    s = await h.act(handle, { type: 'NameHeir', actor: reviewer, data: { heir } });
    expect(s.payee).toMatchObject({ kind: 'HEIR', ...heir });
    s = await h.act(handle, actions.disburse('2800.00'));
    expect(s.status).toBe('PAID');
    const paid = (await h.eventStore.read(s.caseId)).find((e) => e.type === 'AidDisbursed');
    expect(paid?.data).toMatchObject({ payee: { kind: 'HEIR', personRef: 'person-heir-1' } });
    await h.recordHistory(handle, 'heir-named-later');
  });

  it('no heir comes forward within the policy’s wait: the case ends by itself, with its notice', async () => {
    const { handle } = await caseAt(h, 'INVESTIGATION');
    await h.act(handle, { type: 'ReportDeath', actor: caseworker, data: { dateOfDeath: '2019-03-04' } });
    const due = (await h.state(handle)).deceased!.heirDue!;
    await h.env.sleep(Date.parse(due.dueAt) + 60_000 - (await h.env.currentTimeMs()));
    const final = await handle.result();
    expect(final.status).toBe('TERMINATED');
    const events = await h.eventStore.read(final.caseId);
    expect(events.at(-1)).toMatchObject({
      type: 'CaseTerminated',
      data: { reason: 'NO_HEIR_CAME_FORWARD', notice: { article: 'Art. 22' } },
    });
    // The read models as the worker's projector writes them (the harness's store has none attached).
    await h.dataSource.transaction((tx) => new CaseProjector().apply(tx, events));
    expect(await noticesOfCase(h.dataSource.manager, final.caseId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'TERMINATION', public: false })]),
    );
    await h.recordHistory(handle, 'no-heir-came-forward');
  });

  it('the district asks once for every missing item; its review waits and then runs its full period again', async () => {
    const { handle } = await caseAt(h, 'DISTRICT_REVIEW');
    let s = await h.act(handle, {
      type: 'RequestMissingMaterials',
      actor: reviewer,
      data: { missingItems: ['住院费用明细', '医保结算单'], noticeRef: 'QMZ-2019-BZ-3' },
    });
    expect(s).toMatchObject({ currentStep: 'DISTRICT_REVIEW', clockPaused: true });
    await h.expectRejected(handle, actions.districtEligible(), 'MATERIALS_OUTSTANDING');
    await h.expectRejected(
      handle,
      {
        type: 'RequestMissingMaterials',
        actor: reviewer,
        data: { missingItems: ['身份证'], noticeRef: 'QMZ-2' },
      },
      'DUPLICATE_MISSING_MATERIALS_NOTICE',
    );
    s = await h.act(handle, {
      type: 'SupplyMaterials',
      actor: reviewer,
      data: { suppliedItems: ['住院费用明细', '医保结算单'] },
    });
    expect(s.clockPaused).toBe(false);
    const open = await h.openStep(handle, 'DISTRICT_REVIEW');
    expect(s.statutoryDue?.dueDate).toBe((await h.workingDaysFrom(open.clockStartedAt, 5)).dueDate);
    s = await h.act(handle, actions.districtEligible());
    expect(s.currentStep).toBe('SECOND_NOTICE');
    await h.recordHistory(handle, 'district-missing-materials');
  });

  it('extensions only for steps and lengths the policy allows; suspension only on a listed ground', async () => {
    const { handle } = await caseAt(h, 'FIRST_NOTICE');
    await h.expectRejected(
      handle,
      {
        type: 'ExtendDeadline',
        actor: leader,
        data: { step: 'FIRST_NOTICE', newDueDate: '2099-01-01', reason: '人手不足' },
      },
      'EXTENSION_NOT_ALLOWED',
    );
    await h.expectRejected(
      handle,
      { type: 'Suspend', actor: reviewer, data: { reason: '领导要求暂缓' } },
      'SUSPENSION_GROUND_NOT_LISTED',
    );
    const refusesDischarge = {
      type: 'Suspend' as const,
      actor: reviewer,
      data: { reason: '达到出院条件，拒不出院且拒绝劝离', ground: 'REFUSES_DISCHARGE' },
    };
    // Art. 20 speaks of the key groups (重点医疗救助对象, Art. 5(1)1) only.
    await h.expectRejected(handle, refusesDischarge, 'SUSPENSION_GROUND_NOT_FOR_CATEGORY');
    const { handle: keyGroupCase } = await caseAt(h, 'DISTRICT_REVIEW', { category: 'DIBAO' });
    const s = await h.act(keyGroupCase, refusesDischarge);
    expect(s.suspended).toBe(true);
    const suspended = (await h.eventStore.read(s.caseId)).find((e) => e.type === 'Suspended');
    expect(suspended?.data).toMatchObject({ ground: { code: 'REFUSES_DISCHARGE', article: 'Art. 20' } });
  });

  it('a wait for an heir counted past the known calendar is counted again when the bureau loads the next year', async () => {
    const DAY = 86_400_000;
    const through = (await h.calendar()).coverage().authoritativeThrough;
    // The death is reported less than the wait before the end of the known calendar.
    const reportBy = Date.parse(`${through}T10:00:00+08:00`) - 30 * DAY;
    const now = await h.env.currentTimeMs();
    if (now < reportBy) await h.env.sleep(reportBy - now);
    const { handle } = await caseAt(h, 'INVESTIGATION');
    await h.act(handle, { type: 'ReportDeath', actor: caseworker, data: { dateOfDeath: await h.today() } });
    const counted = (await h.state(handle)).deceased!;
    expect(counted.heirDue).toMatchObject({ provisional: true });

    // The bureau loads the next years' arrangements (hypothetical data); the API signals every open case.
    const lastYear = Number(
      shanghaiDateOf(new Date(Date.parse(counted.heirDue!.dueAt) + 31 * DAY)).slice(0, 4),
    );
    for (let year = Number(through.slice(0, 4)) + 1; year <= lastYear; year++) {
      const arrangement = hypotheticalYear(year);
      await new CalendarStore(h.dataSource).recordYearArrangement({
        year,
        entries: arrangement.entries,
        reference: arrangement.reference,
        reason: `国务院办公厅公布${year}年节假日安排（测试数据）`,
        actor: { id: 'adm-liang', role: 'ADMINISTRATOR' },
      });
    }
    await handle.signal(calendarChangedSignal);
    let recounted = counted.heirDue!;
    for (let i = 0; i < 100 && recounted.provisional; i++) {
      await new Promise((r) => setTimeout(r, 50));
      recounted = (await h.state(handle)).deceased!.heirDue!;
    }
    const policy = casePolicyOf(await new PolicyStore(h.dataSource).forDate('2019-03-01'));
    const expected = dueOf(
      await h.calendar(),
      counted.reportedAt!,
      policy.procedure.heirWait,
      policy.extendOverHoliday,
    );
    expect(recounted).toEqual({ ...expected, provisional: false });

    // The wait ends when it was counted again: the case ends then, with its notice.
    await h.env.sleep(Date.parse(recounted.dueAt) + 60_000 - (await h.env.currentTimeMs()));
    const final = await handle.result();
    expect(final.status).toBe('TERMINATED');
    const events = await h.eventStore.read(final.caseId);
    expect(events.filter((e) => e.type === 'HeirDeadlineSet').map((e) => e.data)).toEqual([
      counted.heirDue,
      recounted,
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'CaseTerminated', data: { reason: 'NO_HEIR_CAME_FORWARD' } });
    expect(Date.parse(events.at(-1)!.at)).toBeGreaterThanOrEqual(Date.parse(recounted.dueAt));
    await h.recordHistory(handle, 'heir-wait-recounted');
  });
});
