import type { Role } from './actors';

/**
 * The statutory steps of one application (Art. 15, 16; DOMAIN.md table) plus the written refusal notice
 * and the Art. 35 recovery. The transition table at the bottom is the only place that says which step
 * follows which: handlers name an outcome, `nextTarget` answers where it leads.
 */
export const STEPS = [
  'ACCEPTANCE',
  'INVESTIGATION',
  'TOWN_REVIEW',
  'FIRST_NOTICE',
  'DEMOCRATIC_REVIEW',
  'SUBMISSION',
  'DISTRICT_REVIEW',
  'SECOND_NOTICE',
  'RE_INVESTIGATION',
  'APPROVAL',
  'FUNDS_REQUEST',
  'DISBURSEMENT',
  'RECIPIENTS_LIST',
  'REFUSAL_NOTICE',
  'RECOVERY',
] as const;
export type Step = (typeof STEPS)[number];

export const PERIOD_KEYS = [
  'acceptance',
  'investigation',
  'townReview',
  'firstNotice',
  'democraticReview',
  'submission',
  'districtReview',
  'secondNotice',
  'reInvestigation',
  'approval',
  'fundsRequest',
  'disbursement',
  'recipientsList',
  'refusalNotice',
] as const;
export type PeriodKey = (typeof PERIOD_KEYS)[number];

/** A process period from the versioned policy; the calendar activity turns it into a due date. */
export interface Period {
  unit: 'workingDays' | 'calendarDays' | 'months';
  count: number;
}

/** Art. 5 categories. */
export const CATEGORIES = [
  'EXTREME_POOR', // 特困供养人员、孤儿
  'DIBAO', // 最低生活保障对象
  'LOW_INCOME', // 低收入家庭成员
  'POVERTY_RELIEF', // 精准扶贫重点帮扶对象
  'ILLNESS_POVERTY', // 因病致贫家庭重病患者
  'OTHER_HARDSHIP', // 其他特殊困难人员
] as const;
export type Category = (typeof CATEGORIES)[number];

/** FULL = the Art. 15 procedure; DIRECT = 区民政部门直接审核办理 (Art. 14). */
export type Route = 'FULL' | 'DIRECT';

export function routeFor(category: Category): Route {
  return category === 'ILLNESS_POVERTY' || category === 'OTHER_HARDSHIP' ? 'FULL' : 'DIRECT';
}

/** What happens on entering a step besides opening it. */
export type OnEnter = 'PUBLICITY' | 'RECIPIENTS_LIST' | null;

export interface StepDefinition {
  termZh: string;
  termEn: string;
  /** The post that holds the step: its A/B post becomes the assignee, reminded and counted (督查督办). */
  holder: Role;
  /** Roles that may take the step's decision (commands may narrow or replace this, e.g. SYSTEM timers). */
  actors: readonly Role[];
  /** Key of the process period in the policy; null = no statutory deadline. */
  periodKey: PeriodKey | null;
  article: string;
  onEnter: OnEnter;
}

export const STEP_DEFINITIONS: Record<Step, StepDefinition> = {
  ACCEPTANCE: {
    holder: 'CASEWORKER',
    termZh: '申请受理',
    termEn: 'acceptance',
    actors: ['CASEWORKER'],
    periodKey: 'acceptance',
    article: 'Art. 15(1); 一次性告知制',
    onEnter: null,
  },
  INVESTIGATION: {
    holder: 'CASEWORKER',
    termZh: '入户调查',
    termEn: 'home investigation',
    actors: ['CASEWORKER'],
    periodKey: 'investigation',
    article: 'Art. 15(2)',
    onEnter: null,
  },
  TOWN_REVIEW: {
    holder: 'CASEWORKER',
    termZh: '镇街审核意见',
    termEn: 'town review opinion',
    actors: ['CASEWORKER'],
    periodKey: 'townReview',
    article: 'Art. 15(3)',
    onEnter: null,
  },
  FIRST_NOTICE: {
    holder: 'CASEWORKER',
    termZh: '第一次公示（入户调查和审核结果）',
    termEn: 'first publicity',
    actors: ['CASEWORKER', 'DISTRICT_REVIEWER'],
    periodKey: 'firstNotice',
    article: 'Art. 15(3)-(4)',
    onEnter: 'PUBLICITY',
  },
  DEMOCRATIC_REVIEW: {
    holder: 'CASEWORKER',
    termZh: '民主评议',
    termEn: 'democratic review',
    actors: ['CASEWORKER'],
    periodKey: 'democraticReview',
    article: 'Art. 15(4)-(5)',
    onEnter: null,
  },
  SUBMISSION: {
    holder: 'CASEWORKER',
    termZh: '上报区民政部门',
    termEn: 'submission to district',
    actors: ['CASEWORKER'],
    periodKey: 'submission',
    article: 'Art. 15(4)',
    onEnter: null,
  },
  DISTRICT_REVIEW: {
    holder: 'DISTRICT_REVIEWER',
    termZh: '区民政审核',
    termEn: 'district review',
    actors: ['DISTRICT_REVIEWER'],
    periodKey: 'districtReview',
    article: 'Art. 15(6); Art. 14',
    onEnter: null,
  },
  SECOND_NOTICE: {
    holder: 'CASEWORKER',
    termZh: '第二次公示（拟救助对象）',
    termEn: 'second publicity',
    actors: ['CASEWORKER', 'DISTRICT_REVIEWER'],
    periodKey: 'secondNotice',
    article: 'Art. 15(7)',
    onEnter: 'PUBLICITY',
  },
  RE_INVESTIGATION: {
    holder: 'DISTRICT_REVIEWER',
    termZh: '重新调查核实',
    termEn: 're-investigation',
    actors: ['DISTRICT_REVIEWER'],
    periodKey: 'reInvestigation',
    article: 'Art. 15(8) para. 2',
    onEnter: null,
  },
  APPROVAL: {
    holder: 'DISTRICT_REVIEWER',
    termZh: '审批决定',
    termEn: 'approval decision',
    actors: ['DISTRICT_REVIEWER', 'DISTRICT_LEADER'],
    periodKey: 'approval',
    article: 'Art. 15(8); Art. 17',
    onEnter: null,
  },
  FUNDS_REQUEST: {
    holder: 'DISTRICT_REVIEWER',
    termZh: '向财政申请资金',
    termEn: 'funds request',
    actors: ['DISTRICT_REVIEWER'],
    periodKey: 'fundsRequest',
    article: 'Art. 15(8)',
    onEnter: null,
  },
  DISBURSEMENT: {
    holder: 'FINANCE',
    termZh: '财政拨付',
    termEn: 'disbursement',
    actors: ['FINANCE'],
    periodKey: 'disbursement',
    article: 'Art. 15(8)',
    onEnter: null,
  },
  RECIPIENTS_LIST: {
    holder: 'CASEWORKER',
    termZh: '救助名单公示（半年）',
    termEn: 'recipients list publicity',
    actors: ['SYSTEM'],
    periodKey: 'recipientsList',
    article: 'Art. 16',
    onEnter: 'RECIPIENTS_LIST',
  },
  REFUSAL_NOTICE: {
    holder: 'CASEWORKER',
    termZh: '书面告知（不予救助）',
    termEn: 'written refusal notice',
    actors: ['CASEWORKER', 'DISTRICT_REVIEWER'],
    periodKey: 'refusalNotice',
    article: 'Art. 15(5), (6), (8)',
    onEnter: null,
  },
  RECOVERY: {
    holder: 'DISTRICT_REVIEWER',
    termZh: '追回救助金',
    termEn: 'recovery of aid',
    actors: ['DISTRICT_REVIEWER'],
    periodKey: null,
    article: 'Art. 35',
    onEnter: null,
  },
};

/** Outcomes that move a case along the table. */
export type StepOutcome =
  | 'ACCEPTED'
  | 'INVESTIGATED'
  | 'ELIGIBLE'
  | 'REFUSED'
  | 'NO_OBJECTION'
  | 'OBJECTION'
  | 'SUBMITTED'
  | 'APPROVED'
  | 'FUNDS_REQUESTED'
  | 'PAID'
  | 'LIST_PERIOD_ENDED'
  | 'NOTICE_ISSUED'
  | 'RECOVERED';

/** Outcomes that close a step without moving along the table (anytime events). */
export type AbandonOutcome = 'WITHDRAWN' | 'TERMINATED' | 'CANCELLED_FOR_FRAUD';

export type CaseEnd = 'CLOSED' | 'REJECTED' | 'CANCELLED';
export type Target = { step: Step } | { end: CaseEnd };

type Table = Partial<Record<Step, Partial<Record<StepOutcome, Target>>>>;
const to = (step: Step): Target => ({ step });
const end = (outcome: CaseEnd): Target => ({ end: outcome });

/** Rows shared by both routes. Every REFUSED leads to the 3-working-day written notice. */
const SHARED: Table = {
  ACCEPTANCE: { REFUSED: to('REFUSAL_NOTICE') },
  DISTRICT_REVIEW: { REFUSED: to('REFUSAL_NOTICE') },
  APPROVAL: { APPROVED: to('FUNDS_REQUEST'), REFUSED: to('REFUSAL_NOTICE') },
  FUNDS_REQUEST: { FUNDS_REQUESTED: to('DISBURSEMENT') },
  DISBURSEMENT: { PAID: to('RECIPIENTS_LIST') },
  RECIPIENTS_LIST: { LIST_PERIOD_ENDED: end('CLOSED') },
  REFUSAL_NOTICE: { NOTICE_ISSUED: end('REJECTED') },
  RECOVERY: { RECOVERED: end('CANCELLED') },
};

export const TRANSITIONS: Record<Route, Table> = {
  // Art. 15: town investigates, reviews and publicises; district reviews, publicises again, decides.
  FULL: {
    ...SHARED,
    ACCEPTANCE: { ...SHARED.ACCEPTANCE, ACCEPTED: to('INVESTIGATION') },
    INVESTIGATION: { INVESTIGATED: to('TOWN_REVIEW') },
    TOWN_REVIEW: { ELIGIBLE: to('FIRST_NOTICE'), REFUSED: to('REFUSAL_NOTICE') },
    FIRST_NOTICE: { NO_OBJECTION: to('SUBMISSION'), OBJECTION: to('DEMOCRATIC_REVIEW') },
    DEMOCRATIC_REVIEW: { ELIGIBLE: to('SUBMISSION'), REFUSED: to('REFUSAL_NOTICE') },
    SUBMISSION: { SUBMITTED: to('DISTRICT_REVIEW') },
    DISTRICT_REVIEW: { ...SHARED.DISTRICT_REVIEW, ELIGIBLE: to('SECOND_NOTICE') },
    SECOND_NOTICE: { NO_OBJECTION: to('APPROVAL'), OBJECTION: to('RE_INVESTIGATION') },
    RE_INVESTIGATION: { ELIGIBLE: to('SECOND_NOTICE'), REFUSED: to('REFUSAL_NOTICE') },
  },
  // Art. 14: 由区民政部门直接审核办理 — no town investigation, no publicity of the proposal; the
  // recipients list of Art. 16 still applies to every recipient.
  DIRECT: {
    ...SHARED,
    ACCEPTANCE: { ...SHARED.ACCEPTANCE, ACCEPTED: to('DISTRICT_REVIEW') },
    DISTRICT_REVIEW: { ...SHARED.DISTRICT_REVIEW, ELIGIBLE: to('APPROVAL') },
  },
};

export function nextTarget(route: Route, step: Step, outcome: StepOutcome): Target | undefined {
  return TRANSITIONS[route][step]?.[outcome];
}

/** Steps where a decision-maker may refuse (Refuse command): every row with a REFUSED outcome. */
export function refusableSteps(route: Route): Step[] {
  return STEPS.filter((step) => nextTarget(route, step, 'REFUSED') !== undefined);
}

export function isStep(value: unknown): value is Step {
  return typeof value === 'string' && (STEPS as readonly string[]).includes(value);
}

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}
