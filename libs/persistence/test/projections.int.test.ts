import Decimal from 'decimal.js';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../domain/src/actors';
import type { CommandType } from '../../domain/src/commands';
import type { CaseEvent } from '../../domain/src/events';
import { effectiveDue, isClockRunning } from '../../domain/src/state';
import type { Category } from '../../domain/src/steps';
import {
  actors,
  CaseDriver,
  dateOf,
  districtEligible,
  investigationData,
  OTHER_TOWN,
  submitData,
  TOWN,
} from '../../domain/test/support';
import {
  annualAidOfPerson,
  aidLedgerOfPerson,
  caseTimeline,
  CaseProjector,
  createDataSource,
  EventStore,
  findCase,
  findOpenStepsDueBefore,
  listCases,
  noticesOfCase,
  onTimeRates,
  READ_MODEL_TABLES,
  rebuildProjections,
  shanghaiInstant,
  urgeCountsByAssignee,
  type Projector,
} from '../src';
import { createTestDatabase } from './test-database';

const DAY = 86_400_000;

/** Town caseworkers of the other town: the shared driver's happy path speaks as `actors.caseworker`. */
const OTHER_TOWN_CASEWORKER: Actor = { id: 'cw-x', role: 'CASEWORKER', town: OTHER_TOWN };

/**
 * The domain's own test driver (decide + evolve, deadlines recorded like the workflow does), collecting
 * every decision's events as one append, as the workflow's append activity would.
 */
class RecordingDriver extends CaseDriver {
  readonly batches: CaseEvent[][] = [];
  constructor(
    readonly caseId: string,
    private readonly caseworker: Actor,
  ) {
    super();
  }

  override apply(events: CaseEvent[]): void {
    super.apply(events);
    if (events.length) this.batches.push(events);
  }

  override do(type: CommandType, data: unknown, actor: Actor, at?: string): CaseEvent[] {
    return super.do(type, data, actor.role === 'CASEWORKER' ? this.caseworker : actor, at);
  }
}

function open(
  caseId: string,
  options: { town?: string; category?: Category; person?: string; name?: string; startMs?: number } = {},
): RecordingDriver {
  const town = options.town ?? TOWN;
  const caseworker = town === TOWN ? actors.caseworker : OTHER_TOWN_CASEWORKER;
  const driver = new RecordingDriver(caseId, caseworker);
  if (options.startMs) driver.clock = options.startMs;
  driver.do(
    'SubmitApplication',
    submitData(options.category ?? 'ILLNESS_POVERTY', {
      caseId,
      town,
      applicationDate: dateOf(driver.clock),
      applicant: {
        name: options.name ?? '李某',
        householdSize: 3,
        personRef: options.person ?? 'person-001',
      },
      posts:
        town === TOWN
          ? { CASEWORKER: { a: 'cw-a', b: 'cw-b' }, DISTRICT_REVIEWER: { a: 'dr-1', b: 'dr-2' } }
          : { CASEWORKER: { a: 'cw-x', b: 'cw-y' }, DISTRICT_REVIEWER: { a: 'dr-1', b: 'dr-2' } },
    }),
    caseworker,
  );
  return driver;
}

const fraud = { kind: 'FALSE_DECLARATION', findings: '隐瞒营运车辆', evidenceRefs: ['车辆登记证明'] };

/** A varied workload: both routes, both towns, every branch the read models care about. */
function workload(): Record<string, RecordingDriver> {
  // A: the whole FULL route to CLOSED.
  const happy = open('XH-A-HAPPY', { person: 'person-001', name: '李某' }).driveTo('END');

  // B: DIRECT route in the other town, closed, then fraud found after the list: partial + full recovery.
  const fraudCase = open('XH-B-FRAUD', {
    town: OTHER_TOWN,
    category: 'DIBAO',
    person: 'person-002',
    name: '陈某',
  });
  fraudCase.driveTo('END');
  fraudCase.do('ReportFraud', fraud, actors.reviewer);
  fraudCase.do(
    'RecordRecovery',
    { amount: '2000.50', reference: 'R-1', recoveredOn: dateOf(fraudCase.clock) },
    actors.reviewer,
  );
  fraudCase.do(
    'RecordRecovery',
    { amount: '10000', reference: 'R-2', recoveredOn: dateOf(fraudCase.clock) },
    actors.reviewer,
  );

  // C: town review refuses; the written notice ends it REJECTED.
  const refused = open('XH-C-REFUSED', { person: 'person-003', name: '黄某' }).driveTo('TOWN_REVIEW');
  refused.do('RecordTownReview', { eligible: false, opinion: '家庭收入超过标准' }, actors.caseworker);
  refused.driveTo('END');

  // D: objections at both publicities: democratic review, then re-investigation with a new amount; paid.
  const objected = open('XH-D-OBJECTION', {
    town: OTHER_TOWN,
    category: 'OTHER_HARDSHIP',
    person: 'person-004',
    name: '梁某',
  });
  objected.driveTo('FIRST_NOTICE');
  objected.do(
    'RaiseObjection',
    { objector: '村民甲', summary: '有营运车辆', evidenceRefs: ['照片'], evidenceValid: true },
    actors.caseworker,
  );
  objected.driveTo('SECOND_NOTICE');
  objected.do(
    'RaiseObjection',
    { objector: '村民乙', summary: '金额过高', evidenceRefs: [], evidenceValid: false },
    actors.reviewer,
  );
  objected.do(
    'RecordReInvestigation',
    {
      approve: true,
      findings: '部分费用不合规',
      proposedAmount: '9800.00',
      breakdownRef: 'BREAKDOWN-2',
      approvalAuthority: 'DISTRICT_BUREAU',
    },
    actors.reviewer,
  );
  objected.driveTo('RECIPIENTS_LIST');

  // E: 一次性告知 pause, reminders, three 催办 flag the A post, an extension, then reassignment to the B post.
  const urged = open('XH-E-URGED', { person: 'person-005', name: '何某' });
  urged.do('IssueReminder', { step: 'ACCEPTANCE', kind: 'OPENED' }, actors.system);
  urged.do(
    'RequestMissingMaterials',
    { missingItems: ['户口簿复印件', '住院收费明细'], noticeRef: 'N-1' },
    actors.caseworker,
  );
  urged.do('SupplyMaterials', { suppliedItems: ['户口簿复印件', '住院收费明细'] }, actors.caseworker);
  urged.passDue();
  for (let i = 0; i < 3; i++)
    urged.do('IssueReminder', { step: 'ACCEPTANCE', kind: 'OVERDUE' }, actors.system);
  urged.do(
    'ExtendDeadline',
    { step: 'ACCEPTANCE', newDueDate: dateOf(urged.clock + 10 * DAY), reason: '材料需外地调取' },
    actors.leader,
  );
  urged.do('AcceptApplication', {}, actors.caseworker);
  urged.do('Reassign', { step: 'INVESTIGATION', reason: '休假' }, actors.caseworker);

  // F: the same person as A applies again the same year, dies before approval; the heir is paid.
  const died = open('XH-F-HEIR', {
    person: 'person-001',
    name: '李某',
    startMs: Date.parse('2019-05-06T09:00:00+08:00'),
  });
  died.driveTo('DISTRICT_REVIEW');
  died.do('RecordDistrictReview', districtEligible('3456.78'), actors.reviewer);
  died.driveTo('APPROVAL');
  died.do(
    'ReportDeath',
    { dateOfDeath: dateOf(died.clock), heir: { name: '李某某', personRef: 'person-009', relation: '配偶' } },
    actors.caseworker,
  );
  died.driveTo('RECIPIENTS_LIST');

  // G: death without an heir: terminated.
  const terminated = open('XH-G-NOHEIR', { town: OTHER_TOWN, person: 'person-006', name: '吴某' }).driveTo(
    'INVESTIGATION',
  );
  terminated.do('ReportDeath', { dateOfDeath: dateOf(terminated.clock), heir: null }, actors.caseworker);

  // H: suspended during the investigation: the clock is paused.
  const suspended = open('XH-H-SUSPENDED', { town: OTHER_TOWN, person: 'person-007', name: '张某' }).driveTo(
    'INVESTIGATION',
  );
  suspended.do('RecordInvestigation', investigationData(), actors.caseworker);
  suspended.do('Suspend', { reason: '达到出院条件拒绝出院' }, actors.reviewer);

  // I: person B again, next year, DIRECT route above the bureau's threshold: the leader approves.
  const leader = open('XH-I-LEADER', {
    town: OTHER_TOWN,
    category: 'EXTREME_POOR',
    person: 'person-002',
    name: '陈某',
    startMs: Date.parse('2020-01-13T09:00:00+08:00'),
  });
  leader.driveTo('DISTRICT_REVIEW');
  leader.do('RecordDistrictReview', districtEligible('90000.00', 'DISTRICT_LEADER'), actors.reviewer);
  leader.driveTo('FUNDS_REQUEST');

  // J: withdrawn before the district review.
  const withdrawn = open('XH-J-WITHDRAWN', { person: 'person-008', name: '林某' }).driveTo('SUBMISSION');
  withdrawn.do('Withdraw', { reason: '申请人书面撤回' }, actors.caseworker);

  return {
    happy,
    fraudCase,
    refused,
    objected,
    urged,
    died,
    terminated,
    suspended,
    leader,
    withdrawn,
  };
}

/** Appends every case's decisions, interleaving the cases round-robin like concurrent workflows would. */
async function appendInterleaved(store: EventStore, drivers: RecordingDriver[]): Promise<number> {
  const queues = drivers.map((driver) => ({ driver, next: 0, sequence: 1 }));
  let appended = 0;
  for (let more = true; more;) {
    more = false;
    for (const queue of queues) {
      const batch = queue.driver.batches[queue.next];
      if (!batch) continue;
      more = true;
      const result = await store.append(queue.driver.caseId, queue.sequence, batch);
      appended += result.appended;
      queue.sequence += batch.length;
      queue.next++;
    }
  }
  return appended;
}

const ORDER: Record<(typeof READ_MODEL_TABLES)[number], string> = {
  cases: 'case_id',
  open_steps: 'case_id, step',
  step_history: 'case_id, sequence',
  aid_ledger: 'case_id, sequence',
  notices: 'case_id, sequence',
  reminders: 'case_id, sequence',
  flagged_staff: 'staff_id, case_id',
  eligibility_overrides: 'case_id, sequence',
  verification_requests: 'request_id',
};

async function snapshot(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of READ_MODEL_TABLES) {
    tables[table] = (await dataSource.query(`SELECT * FROM ${table} ORDER BY ${ORDER[table]}`)) as unknown[];
  }
  return tables;
}

/** The trigger-kept totals over the read models (non-zero rows), to compare before and after a rebuild. */
async function summaries(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const tables = {
    open_step_totals: 'SELECT * FROM open_step_totals WHERE open_steps > 0 ORDER BY town, step, category',
    open_step_due_days: 'SELECT * FROM open_step_due_days WHERE open_steps > 0 ORDER BY due_date, town, step',
    step_completion_months:
      'SELECT * FROM step_completion_months WHERE completed > 0 ORDER BY month, town, step, category',
    step_completion_days: 'SELECT * FROM step_completion_days WHERE completed > 0 ORDER BY day, town, step',
  };
  const rows: Record<string, unknown[]> = {};
  for (const [table, sql] of Object.entries(tables)) rows[table] = (await dataSource.query(sql)) as unknown[];
  return rows;
}

describe('case read models on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let store: EventStore;
  let drivers: Record<string, RecordingDriver>;
  let eventCount: number;

  beforeAll(async () => {
    db = await createTestDatabase('projections');
    dataSource = await createDataSource(db.url).initialize();
    store = new EventStore(dataSource, [new CaseProjector()]);
    drivers = workload();
    eventCount = await appendInterleaved(store, Object.values(drivers));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it("holds one cases row per case whose state is the decider's own fold", async () => {
    const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM case_events')) as Array<{
      n: number;
    }>;
    expect(n).toBe(eventCount);
    for (const driver of Object.values(drivers)) {
      const record = await findCase(dataSource.manager, driver.caseId);
      expect(record).not.toBeNull();
      expect(record!.status).toBe(driver.state.status);
      expect(record!.currentStep).toBe(driver.step);
      expect(record!.lastSequence).toBe(driver.events.length);
      expect(record!.state.openSteps.map((s) => s.step)).toEqual(driver.state.openSteps.map((s) => s.step));
      expect(record!.state.completedSteps.map((s) => [s.step, s.outcome, s.onTime])).toEqual(
        driver.state.completedSteps.map((s) => [s.step, s.outcome, s.onTime]),
      );
      expect(record!.state.amounts).toEqual(driver.state.amounts);
      expect(record!.state.lastEventAt).toBe(shanghaiInstant(driver.state.lastEventAt!));
    }
    expect(await findCase(dataSource.manager, 'no-such-case')).toBeNull();
  });

  it('shows where each case stands: town, category, step, assignee, due dates, amounts as Decimal', async () => {
    const happy = (await findCase(dataSource.manager, 'XH-A-HAPPY'))!;
    expect(happy).toMatchObject({
      town: TOWN,
      category: 'ILLNESS_POVERTY',
      route: 'FULL',
      status: 'CLOSED',
      currentStep: null,
    });
    expect(happy.paidAmount).toBeInstanceOf(Decimal);
    expect(happy.paidAmount!.equals('12000.50')).toBe(true);
    expect(happy.closedAt).toBe(new Date(drivers.happy.state.lastEventAt!).toISOString());

    const urged = (await findCase(dataSource.manager, 'XH-E-URGED'))!;
    const investigation = drivers.urged.state.openSteps[0]!;
    expect(urged).toMatchObject({
      status: 'OPEN',
      currentStep: 'INVESTIGATION',
      assigneeId: 'cw-b',
      urges: 3,
      closedAt: null,
      due: {
        statutoryDueDate: investigation.statutoryDue!.dueDate,
        extendedDueDate: null,
        provisional: false,
      },
    });
    expect(urged.due.statutoryDueAt).toBe(new Date(investigation.statutoryDue!.dueAt).toISOString());
    expect(urged.proposedAmount).toBeNull();

    const leader = (await findCase(dataSource.manager, 'XH-I-LEADER'))!;
    expect(leader).toMatchObject({
      status: 'APPROVED',
      currentStep: 'FUNDS_REQUEST',
      approvalAuthority: 'DISTRICT_LEADER',
    });
    expect(leader.approvedAmount!.toFixed(2)).toBe('90000.00');

    const fraudCase = (await findCase(dataSource.manager, 'XH-B-FRAUD'))!;
    expect(fraudCase.status).toBe('CANCELLED');
    expect(fraudCase.recoveredAmount.toFixed(2)).toBe('12000.50');
    expect(fraudCase.toRecoverAmount!.toFixed(2)).toBe('12000.50');

    const suspended = (await findCase(dataSource.manager, 'XH-H-SUSPENDED'))!;
    expect(suspended).toMatchObject({ suspended: true, clockPaused: true, currentStep: 'TOWN_REVIEW' });
    const died = (await findCase(dataSource.manager, 'XH-F-HEIR'))!;
    expect(died).toMatchObject({
      deceased: true,
      payeeRef: 'person-009',
      status: 'PAID',
      currentStep: 'RECIPIENTS_LIST',
    });
  });

  it('lists cases by town, status, step and category, newest first, with a cursor that neither skips nor repeats', async () => {
    const all = Object.values(drivers);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listCases>> = await listCases(dataSource.manager, {
        limit: 3,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.caseId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(all.length);
    const openedAt = (id: string) =>
      Date.parse(drivers[Object.keys(drivers).find((k) => drivers[k]!.caseId === id)!]!.events[0]!.at);
    for (let i = 1; i < seen.length; i++)
      expect(openedAt(seen[i - 1]!)).toBeGreaterThanOrEqual(openedAt(seen[i]!));

    const otherTown = await listCases(dataSource.manager, { towns: [OTHER_TOWN] });
    expect(otherTown.items.map((c) => c.caseId).sort()).toEqual(
      all
        .filter((d) => d.state.town === OTHER_TOWN)
        .map((d) => d.caseId)
        .sort(),
    );
    expect(otherTown.nextCursor).toBeNull();
    const ended = await listCases(dataSource.manager, {
      status: ['CLOSED', 'REJECTED', 'CANCELLED', 'TERMINATED', 'WITHDRAWN'],
    });
    expect(ended.items.map((c) => c.caseId).sort()).toEqual(
      ['XH-A-HAPPY', 'XH-B-FRAUD', 'XH-C-REFUSED', 'XH-G-NOHEIR', 'XH-J-WITHDRAWN'].sort(),
    );
    const listed = await listCases(dataSource.manager, {
      step: 'RECIPIENTS_LIST',
      towns: [TOWN, OTHER_TOWN],
    });
    expect(listed.items.map((c) => c.caseId).sort()).toEqual(['XH-D-OBJECTION', 'XH-F-HEIR']);
    const hardship = await listCases(dataSource.manager, { category: 'OTHER_HARDSHIP' });
    expect(hardship.items.map((c) => c.caseId)).toEqual(['XH-D-OBJECTION']);
    await expect(listCases(dataSource.manager, { cursor: 'garbage' })).rejects.toThrow(/cursor/);
  });

  it('keeps the annual aid ledger per person and year: heirs count for the patient, recoveries come off the year paid', async () => {
    // person-001: case A paid 12000.50 in 2019, case F paid 3456.78 to the heir in 2019.
    expect((await annualAidOfPerson(dataSource.manager, 'person-001', 2019)).toFixed(2)).toBe('15457.28');
    expect((await annualAidOfPerson(dataSource.manager, 'person-009', 2019)).toFixed(2)).toBe('0.00');
    // person-002: paid 12000.50 in 2019 and recovered in full; the 2020 case is approved, not yet paid.
    expect((await annualAidOfPerson(dataSource.manager, 'person-002', 2019)).toFixed(2)).toBe('0.00');
    expect((await annualAidOfPerson(dataSource.manager, 'person-002', 2020)).toFixed(2)).toBe('0.00');
    expect((await annualAidOfPerson(dataSource.manager, 'person-004', 2019)).toFixed(2)).toBe('9800.00');
    const total = await annualAidOfPerson(dataSource.manager, 'person-001', 2019);
    expect(total).toBeInstanceOf(Decimal);

    const ledger = await aidLedgerOfPerson(dataSource.manager, 'person-002');
    expect(ledger.map((line) => [line.kind, line.amount.toFixed(2), line.aidYear, line.reference])).toEqual([
      ['PAID', '12000.50', 2019, 'BANK-1'],
      ['RECOVERED', '2000.50', 2019, 'R-1'],
      ['RECOVERED', '10000.00', 2019, 'R-2'],
    ]);
    const heirPaid = await aidLedgerOfPerson(dataSource.manager, 'person-001', 2019);
    expect(heirPaid.find((line) => line.caseId === 'XH-F-HEIR')).toMatchObject({
      payeeRef: 'person-009',
      kind: 'PAID',
    });
  });

  it('records notices; public ones carry only name, household size and amount (Art. 15(7))', async () => {
    const objected = await noticesOfCase(dataSource.manager, 'XH-D-OBJECTION');
    expect(objected.map((n) => [n.kind, n.public, n.content.proposedAmount])).toEqual([
      ['FIRST_PUBLICITY', true, null],
      ['SECOND_PUBLICITY', true, '12000.50'],
      ['SECOND_PUBLICITY', true, '9800.00'],
      ['APPROVAL', false, undefined],
      ['RECIPIENTS_LIST', true, '9800.00'],
    ]);
    const publicNotices = (await dataSource.query('SELECT content FROM notices WHERE public')) as Array<{
      content: object;
    }>;
    expect(publicNotices.length).toBeGreaterThan(8);
    for (const { content } of publicNotices) {
      expect(Object.keys(content).sort()).toEqual(['applicantName', 'householdSize', 'proposedAmount']);
    }
    expect(objected[4]!.content).toEqual({
      applicantName: '梁某',
      householdSize: 3,
      proposedAmount: '9800.00',
    });

    const refused = await noticesOfCase(dataSource.manager, 'XH-C-REFUSED');
    expect(refused).toEqual([
      expect.objectContaining({ kind: 'REFUSAL', public: false, step: 'TOWN_REVIEW' }),
    ]);
    expect(refused[0]!.content).toMatchObject({ noticeRef: 'W-1', reasons: ['家庭收入超过标准'] });

    const urged = await noticesOfCase(dataSource.manager, 'XH-E-URGED');
    expect(urged).toEqual([
      expect.objectContaining({
        kind: 'MISSING_MATERIALS',
        public: false,
        step: 'ACCEPTANCE',
        content: { noticeRef: 'N-1', missingItems: ['户口簿复印件', '住院收费明细'] },
      }),
    ]);
  });

  it('records reminders, 催办 and escalations, and flags the assignee at the third', async () => {
    const reminders = (await dataSource.query(
      `SELECT step, kind, is_urge, urge_count_for_step, escalated, assignee_id FROM reminders WHERE case_id = 'XH-E-URGED' ORDER BY sequence`,
    )) as unknown[];
    expect(reminders).toEqual([
      {
        step: 'ACCEPTANCE',
        kind: 'OPENED',
        is_urge: false,
        urge_count_for_step: null,
        escalated: false,
        assignee_id: 'cw-a',
      },
      {
        step: 'ACCEPTANCE',
        kind: 'OVERDUE',
        is_urge: true,
        urge_count_for_step: 1,
        escalated: true,
        assignee_id: 'cw-a',
      },
      {
        step: 'ACCEPTANCE',
        kind: 'OVERDUE',
        is_urge: true,
        urge_count_for_step: 2,
        escalated: true,
        assignee_id: 'cw-a',
      },
      {
        step: 'ACCEPTANCE',
        kind: 'OVERDUE',
        is_urge: true,
        urge_count_for_step: 3,
        escalated: true,
        assignee_id: 'cw-a',
      },
    ]);
    const flagged = (await dataSource.query(
      'SELECT staff_id, case_id, step, town, urge_count, threshold FROM flagged_staff',
    )) as unknown[];
    expect(flagged).toEqual([
      {
        staff_id: 'cw-a',
        case_id: 'XH-E-URGED',
        step: 'ACCEPTANCE',
        town: TOWN,
        urge_count: 3,
        threshold: 3,
      },
    ]);
    expect(
      await urgeCountsByAssignee(dataSource.manager, {
        from: '2019-01-01T00:00:00+08:00',
        to: '2020-01-01T00:00:00+08:00',
      }),
    ).toEqual([{ assigneeId: 'cw-a', urges: 3, cases: 1 }]);
  });

  it('answers the supervisors: open steps due before an instant, by town, step and assignee; paused clocks apart', async () => {
    const instant = '2020-06-01T00:00:00+08:00';
    const expected = (town?: string) =>
      Object.values(drivers)
        .flatMap((driver) => driver.state.openSteps.map((step) => ({ driver, step })))
        .filter(({ driver }) => (town ? driver.state.town === town : true))
        .filter(
          ({ step }) =>
            isClockRunning(step) &&
            effectiveDue(step) &&
            Date.parse(effectiveDue(step)!.dueAt) < Date.parse(instant),
        )
        .map(({ driver, step }) => `${driver.caseId}/${step.step}`)
        .sort();
    const key = (rows: Array<{ caseId: string; step: string }>) =>
      rows.map((r) => `${r.caseId}/${r.step}`).sort();

    const due = await findOpenStepsDueBefore(dataSource.manager, instant);
    expect(key(due)).toEqual(expected());
    expect(due.length).toBeGreaterThan(3);
    for (let i = 1; i < due.length; i++)
      expect(Date.parse(due[i - 1]!.effectiveDueAt!)).toBeLessThanOrEqual(
        Date.parse(due[i]!.effectiveDueAt!),
      );
    expect(key(await findOpenStepsDueBefore(dataSource.manager, instant, { towns: [TOWN] }))).toEqual(
      expected(TOWN),
    );
    expect(key(due).some((k) => k.startsWith('XH-H-SUSPENDED'))).toBe(false);
    const withPaused = await findOpenStepsDueBefore(dataSource.manager, instant, { includePaused: true });
    expect(withPaused.find((s) => s.caseId === 'XH-H-SUSPENDED')).toMatchObject({
      step: 'TOWN_REVIEW',
      clockPaused: true,
    });

    const byAssignee = await findOpenStepsDueBefore(dataSource.manager, instant, { assigneeId: 'cw-b' });
    expect(byAssignee).toEqual([
      expect.objectContaining({
        caseId: 'XH-E-URGED',
        step: 'INVESTIGATION',
        assigneeRole: 'CASEWORKER',
        bPostId: 'cw-b',
        urges: 0,
      }),
    ]);
    const leaderStep = await findOpenStepsDueBefore(dataSource.manager, instant, { step: 'FUNDS_REQUEST' });
    expect(leaderStep.map((s) => s.caseId)).toEqual(['XH-I-LEADER']);
    // Nothing is overdue before the first case was even submitted.
    expect(await findOpenStepsDueBefore(dataSource.manager, '2019-01-01T00:00:00Z')).toEqual([]);
  });

  it('gives a case its timeline, statutory against actual, and on-time rates by town and step', async () => {
    const timeline = await caseTimeline(dataSource.manager, 'XH-E-URGED');
    const [acceptance, investigation] = timeline;
    const done = drivers.urged.state.completedSteps[0]!;
    expect(acceptance).toMatchObject({
      step: 'ACCEPTANCE',
      outcome: 'ACCEPTED',
      assigneeId: 'cw-a',
      statutoryDueDate: done.statutoryDueDate,
      extendedDueDate: done.extendedDueDate,
      onTime: true,
    });
    expect(done.extendedDueDate).not.toBeNull();
    expect(investigation).toMatchObject({
      step: 'INVESTIGATION',
      completedAt: null,
      assigneeId: 'cw-b',
      onTime: null,
    });

    const happy = await caseTimeline(dataSource.manager, 'XH-A-HAPPY');
    expect(happy.map((line) => [line.step, line.outcome, line.onTime, line.statutoryDueDate])).toEqual(
      drivers.happy.state.completedSteps.map((line) => [
        line.step,
        line.outcome,
        line.onTime,
        line.statutoryDueDate,
      ]),
    );

    const rates = await onTimeRates(dataSource.manager, {
      from: '2019-01-01T00:00:00+08:00',
      to: '2021-01-01T00:00:00+08:00',
      towns: [TOWN],
    });
    const acceptanceRate = rates.find((r) => r.step === 'ACCEPTANCE')!;
    const expectedLines = Object.values(drivers)
      .filter((d) => d.state.town === TOWN)
      .flatMap((d) => d.state.completedSteps)
      .filter((line) => line.step === 'ACCEPTANCE');
    expect(acceptanceRate).toMatchObject({
      town: TOWN,
      completed: expectedLines.length,
      onTime: expectedLines.filter((l) => l.onTime === true).length,
      late: expectedLines.filter((l) => l.onTime === false).length,
    });
    expect(rates.every((r) => r.town === TOWN)).toBe(true);
  });

  it('a rebuild from case_events alone gives back exactly the live tables (small pages split cases)', async () => {
    const live = await snapshot(dataSource);
    const liveSummaries = await summaries(dataSource);
    expect(live.cases).toHaveLength(Object.keys(drivers).length);
    expect(liveSummaries.step_completion_days!.length).toBeGreaterThan(0);
    const report = await rebuildProjections(dataSource, { pageSize: 7 });
    expect(report.events).toBe(eventCount);
    expect(report.rows.cases).toBe(Object.keys(drivers).length);
    expect(report.rows.aid_ledger).toBe(live.aid_ledger!.length);
    const rebuilt = await snapshot(dataSource);
    expect(rebuilt).toEqual(live);
    // The trigger-kept summaries follow the truncate and the re-projection.
    expect(await summaries(dataSource)).toEqual(liveSummaries);
  });

  it('live appends after a rebuild go on from the rebuilt snapshots, and a second rebuild agrees', async () => {
    const urged = drivers.urged;
    const before = urged.events.length;
    urged.do('RecordInvestigation', investigationData(), actors.caseworker);
    const newDueDate = dateOf(urged.clock + 20 * DAY);
    urged.do('ExtendDeadline', { step: 'TOWN_REVIEW', newDueDate, reason: '领导批准' }, actors.leader);
    const fresh = urged.events.slice(before);
    await store.append(urged.caseId, before + 1, fresh);
    expect((await findCase(dataSource.manager, urged.caseId))!).toMatchObject({
      currentStep: 'TOWN_REVIEW',
      lastSequence: urged.events.length,
    });
    const [step] = await findOpenStepsDueBefore(dataSource.manager, '2030-01-01T00:00:00Z', {
      assigneeId: 'cw-a',
      step: 'TOWN_REVIEW',
    });
    expect(step!.extendedDueDate).toBe(newDueDate);
    const live = await snapshot(dataSource);
    await rebuildProjections(dataSource);
    expect(await snapshot(dataSource)).toEqual(live);
  });

  it('projecting events already projected changes nothing (the projector skips what it has seen)', async () => {
    const live = await snapshot(dataSource);
    const events = await store.read('XH-D-OBJECTION');
    await dataSource.transaction((tx) => new CaseProjector().apply(tx, events));
    expect(await snapshot(dataSource)).toEqual(live);
  });

  it('a failing projector rolls the append back: nothing reaches case_events or the read models', async () => {
    const failing: Projector = {
      name: 'failing',
      apply: () => Promise.reject(new Error('read model write failed')),
    };
    const broken = new EventStore(dataSource, [new CaseProjector(), failing]);
    const driver = open('XH-K-ATOMIC', { person: 'person-010' });
    await expect(broken.append(driver.caseId, 1, driver.batches[0]!)).rejects.toThrow(
      'read model write failed',
    );
    expect(await store.read(driver.caseId)).toEqual([]);
    expect(await findCase(dataSource.manager, driver.caseId)).toBeNull();
    expect(
      (
        await dataSource.query(`SELECT count(*)::int AS n FROM open_steps WHERE case_id = $1`, [
          driver.caseId,
        ])
      )[0].n,
    ).toBe(0);

    // A failure of the case projector itself (here: a step row that cannot be written) rolls back too.
    const events = await store.read('XH-A-HAPPY');
    const liveA = await findCase(dataSource.manager, 'XH-A-HAPPY');
    const fraudAfterClose = new RecordingDriver('XH-A-HAPPY', actors.caseworker);
    fraudAfterClose.state = liveA!.state;
    fraudAfterClose.clock = Date.parse(drivers.happy.state.lastEventAt!);
    fraudAfterClose.do('ReportFraud', fraud, actors.reviewer);
    const guard: Projector = {
      name: 'guard',
      apply: async (tx) => {
        await tx.query(`INSERT INTO flagged_staff (staff_id, case_id, town, urge_count, threshold, sequence, flagged_at)
                        VALUES ('x', 'x', 'x', 0, 0, 0, now()), ('x', 'x', 'x', 0, 0, 0, now())`);
      },
    };
    await expect(
      new EventStore(dataSource, [new CaseProjector(), guard]).append(
        'XH-A-HAPPY',
        events.length + 1,
        fraudAfterClose.batches.flat(),
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await store.read('XH-A-HAPPY')).toHaveLength(events.length);
    expect(await findCase(dataSource.manager, 'XH-A-HAPPY')).toEqual(liveA);
  });
});
