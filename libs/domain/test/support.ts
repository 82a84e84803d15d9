import type { Actor } from '../src/actors';
import type { CaseCommand, CommandType } from '../src/commands';
import { decide, type Decision } from '../src/decide';
import type { CaseEvent, EventType } from '../src/events';
import { evolve, foldEvents } from '../src/evolve';
import type { RejectionCode } from '../src/rejections';
import { currentStep, effectiveDue, initialState, isClockRunning, type CaseState } from '../src/state';
import type { ProcedureRules } from '../src/procedure';
import type { Category, Period, PeriodKey, Step } from '../src/steps';

/** Shared fixtures and a small driver for Given events / When command / Then events tests. */

export const TOWN = '会城街道';
export const OTHER_TOWN = '司前镇';

export const actors = {
  caseworker: { id: 'cw-a', role: 'CASEWORKER', town: TOWN },
  caseworkerB: { id: 'cw-b', role: 'CASEWORKER', town: TOWN },
  otherTownCaseworker: { id: 'cw-x', role: 'CASEWORKER', town: OTHER_TOWN },
  reviewer: { id: 'dr-1', role: 'DISTRICT_REVIEWER' },
  leader: { id: 'dl-1', role: 'DISTRICT_LEADER' },
  finance: { id: 'fin-1', role: 'FINANCE' },
  supervisor: { id: 'sup-1', role: 'SUPERVISOR' },
  admin: { id: 'adm-1', role: 'ADMINISTRATOR' },
  system: { id: 'workflow', role: 'SYSTEM' },
  liaison: { id: 'li-1', role: 'DEPARTMENT_LIAISON', department: 'DEPT-1' },
} satisfies Record<string, Actor>;
export const ACTOR_POOL: Actor[] = Object.values(actors);

const wd = (count: number): Period => ({ unit: 'workingDays', count });
const cd = (count: number): Period => ({ unit: 'calendarDays', count });
/** The Xinhui 2018 periods (Art. 15, 16; DOMAIN.md table). */
export const PERIODS: Record<PeriodKey, Period> = {
  acceptance: wd(5),
  investigation: wd(10),
  townReview: wd(3),
  firstNotice: cd(5),
  democraticReview: wd(10),
  submission: wd(3),
  districtReview: wd(5),
  secondNotice: cd(5),
  reInvestigation: wd(20),
  approval: wd(3),
  fundsRequest: wd(5),
  disbursement: wd(3),
  recipientsList: { unit: 'months', count: 6 },
  refusalNotice: wd(3),
};

/** The procedure of the shipped defaults (libs/rules procedure-defaults.json) in the domain's terms. */
export const PROCEDURE: ProcedureRules = {
  heirWait: { unit: 'months', count: 3 },
  extensions: {
    acceptance: { maxCalendarDays: 10 },
    investigation: { maxCalendarDays: 15 },
    democraticReview: { maxCalendarDays: 10 },
    districtReview: { maxCalendarDays: 10 },
    reInvestigation: { maxCalendarDays: 15 },
  },
  suspensionGrounds: [
    {
      code: 'REFUSES_DISCHARGE',
      zh: '拒绝出院',
      en: 'refuses discharge',
      article: 'Art. 20',
      categories: ['EXTREME_POOR', 'DIBAO'],
    },
  ],
  statutoryPeriods: {
    FULL: [
      'investigation',
      'townReview',
      'firstNotice',
      'submission',
      'districtReview',
      'secondNotice',
      'reInvestigation',
      'approval',
      'fundsRequest',
      'disbursement',
      'recipientsList',
      'refusalNotice',
    ],
    DIRECT: ['recipientsList'],
  },
  urgeBureauDeadlines: false,
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const START_MS = Date.parse('2019-03-01T09:00:00+08:00');

/** ISO instant in +08:00 for a millisecond time (tests may use Date; the domain may not). */
export function iso(ms: number): string {
  const shifted = new Date(ms + 8 * HOUR).toISOString();
  return `${shifted.slice(0, 19)}+08:00`;
}
export const dateOf = (ms: number) => iso(ms).slice(0, 10);

export function submitData(category: Category = 'ILLNESS_POVERTY', extra: Record<string, unknown> = {}) {
  return {
    caseId: 'XH-2019-0001',
    category,
    town: TOWN,
    applicationDate: '2019-03-01',
    applicant: { name: '李某', householdSize: 4, personRef: 'person-001' },
    policyVersion: 'xinhui-2018',
    periods: PERIODS,
    posts: { CASEWORKER: { a: 'cw-a', b: 'cw-b' }, DISTRICT_REVIEWER: { a: 'dr-1', b: 'dr-2' } },
    ...extra,
  };
}

export function command(type: CommandType, data: unknown, actor: Actor, at: string): CaseCommand {
  return { type, data, actor, at } as CaseCommand;
}

export function typesOf(events: readonly CaseEvent[]): EventType[] {
  return events.map((event) => event.type);
}

export function expectAccepted(decision: Decision): CaseEvent[] {
  if (!decision.ok)
    throw new Error(`expected acceptance, got ${decision.rejection.code}: ${decision.rejection.messageEn}`);
  return decision.events;
}

export function expectRejected(decision: Decision, code: RejectionCode, field?: string): void {
  if (decision.ok) throw new Error(`expected ${code}, got events ${typesOf(decision.events).join(', ')}`);
  expect(decision.rejection.code).toBe(code);
  if (field !== undefined) expect(decision.rejection.field).toBe(field);
  expect(decision.rejection.messageZh.length).toBeGreaterThan(0);
  expect(decision.rejection.messageEn.length).toBeGreaterThan(0);
}

/**
 * Runs commands through decide + evolve like the workflow does, recording every deadline the
 * workflow would record (due = 5 days after the clock start, unless told otherwise).
 */
export class CaseDriver {
  state: CaseState = initialState;
  events: CaseEvent[] = [];
  clock = START_MS;
  autoDeadlines = true;
  provisionalDeadlines = false;

  static given(events: CaseEvent[]): CaseDriver {
    const driver = new CaseDriver();
    driver.events = [...events];
    driver.state = foldEvents(events);
    return driver;
  }

  get now(): string {
    return iso(this.clock);
  }

  tick(hours = 1): this {
    this.clock += hours * HOUR;
    return this;
  }

  /** When: decide only (nothing applied). */
  when(type: CommandType, data: unknown, actor: Actor, at = this.now): Decision {
    return decide(this.state, command(type, data, actor, at));
  }

  /** Decide and apply; throws if rejected. Returns the new events (deadline records excluded). */
  do(type: CommandType, data: unknown, actor: Actor, at?: string): CaseEvent[] {
    this.tick();
    const events = expectAccepted(this.when(type, data, actor, at ?? this.now));
    this.apply(events);
    if (this.autoDeadlines) this.recordDeadlines();
    return events;
  }

  apply(events: CaseEvent[]): void {
    this.events.push(...events);
    this.state = events.reduce(evolve, this.state);
    const last = events[events.length - 1];
    if (last) this.clock = Math.max(this.clock, Date.parse(last.at));
  }

  recordDeadlines(): void {
    const deceased = this.state.deceased;
    if (deceased?.awaitingHeir && !deceased.heirDue) {
      const dueMs = Date.parse(deceased.reportedAt!) + 90 * DAY;
      const data = { dueDate: dateOf(dueMs), dueAt: `${dateOf(dueMs)}T23:59:59+08:00`, provisional: false };
      this.apply(
        expectAccepted(decide(this.state, command('RecordHeirDeadline', data, actors.system, this.now))),
      );
    }
    for (const open of this.state.openSteps) {
      if (!open.awaitingDeadline || !isClockRunning(open)) continue;
      const dueMs = Date.parse(open.clockStartedAt) + 5 * DAY;
      const decision = decide(
        this.state,
        command(
          'RecordDeadline',
          {
            step: open.step,
            dueDate: dateOf(dueMs),
            dueAt: `${dateOf(dueMs)}T23:59:59+08:00`,
            provisional: this.provisionalDeadlines,
          },
          actors.system,
          this.now,
        ),
      );
      this.apply(expectAccepted(decision));
    }
  }

  /** Jumps past the current step's due time. */
  passDue(): this {
    const open = currentStep(this.state);
    const due = open && effectiveDue(open);
    if (due) this.clock = Math.max(this.clock, Date.parse(due.dueAt) + HOUR);
    return this;
  }

  get step(): Step | null {
    return currentStep(this.state)?.step ?? null;
  }

  /** Follows the happy path until `target` is the current step (or the case ends). */
  driveTo(target: Step | 'END'): this {
    for (let guard = 0; guard < 30 && this.step !== target; guard++) {
      const step = this.step;
      if (step === null) break;
      this.happyStep(step);
    }
    if (target !== 'END' && this.step !== target)
      throw new Error(`could not reach ${target}; at ${this.step}`);
    return this;
  }

  happyStep(step: Step): void {
    switch (step) {
      case 'ACCEPTANCE':
        this.do('AcceptApplication', {}, actors.caseworker);
        return;
      case 'INVESTIGATION':
        this.do('RecordInvestigation', investigationData(), actors.caseworker);
        return;
      case 'TOWN_REVIEW':
        this.do('RecordTownReview', { eligible: true, opinion: '家庭经济状况符合条件' }, actors.caseworker);
        return;
      case 'FIRST_NOTICE':
      case 'SECOND_NOTICE':
        this.passDue().do('ClosePublicityPeriod', { step }, actors.system);
        return;
      case 'DEMOCRATIC_REVIEW':
        this.do('RecordDemocraticReview', democraticData(true), actors.caseworker);
        return;
      case 'SUBMISSION':
        this.do('SubmitToDistrict', { materialsRef: 'M-1' }, actors.caseworker);
        return;
      case 'DISTRICT_REVIEW':
        this.do('RecordDistrictReview', districtEligible(), actors.reviewer);
        return;
      case 'RE_INVESTIGATION':
        this.do('RecordReInvestigation', { approve: true, findings: '异议不成立' }, actors.reviewer);
        return;
      case 'APPROVAL':
        this.do(
          'Approve',
          { decisionRef: 'D-1' },
          this.state.amounts.approvalAuthority === 'DISTRICT_LEADER' ? actors.leader : actors.reviewer,
        );
        return;
      case 'FUNDS_REQUEST':
        this.do('RequestFunds', { requestRef: 'F-1' }, actors.reviewer);
        return;
      case 'DISBURSEMENT':
        this.do(
          'RecordDisbursement',
          { amount: this.state.amounts.approved, bankReference: 'BANK-1', paidOn: dateOf(this.clock) },
          actors.finance,
        );
        return;
      case 'RECIPIENTS_LIST':
        this.passDue().do('CloseRecipientsList', {}, actors.system);
        return;
      case 'REFUSAL_NOTICE':
        this.do(
          'IssueWrittenNotice',
          { noticeRef: 'W-1', deliveredOn: dateOf(this.clock) },
          actors.caseworker,
        );
        return;
      case 'RECOVERY':
        this.do(
          'RecordRecovery',
          { amount: outstanding(this.state), reference: 'R-1', recoveredOn: dateOf(this.clock) },
          actors.reviewer,
        );
        return;
    }
  }
}

export function submitted(
  category: Category = 'ILLNESS_POVERTY',
  extra: Record<string, unknown> = {},
): CaseDriver {
  const driver = new CaseDriver();
  driver.do('SubmitApplication', submitData(category, extra), actors.caseworker);
  return driver;
}

export const investigationData = (overrides: Record<string, unknown> = {}) => ({
  investigatorIds: ['cw-a', 'cw-c'],
  visitedOn: '2019-03-05',
  survey: { ref: 'SURVEY-1', signedByInvestigatorIds: ['cw-a', 'cw-c'], signedByApplicant: true },
  findings: '家庭收入低，因病支出大',
  ...overrides,
});

export const democraticData = (eligible: boolean) => ({
  eligible,
  conclusion: eligible ? '评议认为符合条件' : '评议认为隐瞒收入，不符合条件',
  participants: ['镇街工作人员', '村党组织成员', '党员代表', '村民代表'],
  heldOn: '2019-03-20',
});

export const districtEligible = (amount = '12000.50', authority = 'DISTRICT_BUREAU') => ({
  eligible: true,
  proposedAmount: amount,
  breakdownRef: 'BREAKDOWN-1',
  approvalAuthority: authority,
});

export function outstanding(state: CaseState): string {
  const owed = Math.round(Number(state.amounts.toRecover ?? '0') * 100);
  const done = Math.round(Number(state.amounts.recovered) * 100);
  return ((owed - done) / 100).toFixed(2);
}
