import { BILL_KINDS, CATEGORIES, type BillKind, type Category } from './categories';
import { parseDate, yearOf, type IsoDate } from './dates';
import { invalid } from './errors';
import { readArray, readBool, readEnum, readInt, readObject, readOptionalBool, readString } from './fields';
import { Money } from './money';
import { aidYearNeeded, billsSpanYears } from './aid-year';

/** Art. 19 (1)–(5) and Art. 13: costs removed from the calculation, with the reason. */
export const EXCLUSION_REASONS = [
  'INFORMAL_PROVIDER', // Art. 19(1) 非正规医疗机构 / 无正规票据
  'OWN_UNLAWFUL_ACT', // Art. 19(2)
  'SELF_HARM', // Art. 19(3), except for a person with a mental disorder
  'THIRD_PARTY_LIABLE', // Art. 19(4) 交通事故、医疗事故等应由他方承担
  'OTHER_LEGAL_EXCLUSION', // Art. 19(5)
  'SPECIAL_REGIME', // Art. 13 国家和省、市有明确规定的特定重大疾病、传染病
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export const CHILD_DISEASES = ['ACUTE_LEUKAEMIA', 'CONGENITAL_HEART_DISEASE'] as const;
export type ChildDisease = (typeof CHILD_DISEASES)[number];

export const REIMBURSEMENT_KEYS = [
  'basicInsurance', // 基本医疗保险
  'criticalIllnessInsurance', // 大病保险
  'supplementaryInsurance', // 各类补充医疗保险
  'commercialInsurance', // 商业保险
  'designatedDonations', // 社会指定医疗捐赠 (Art. 2)
  'policyCompensation', // 各种医疗政策性补偿、补助、减免 (Art. 2)
] as const;
export type ReimbursementKey = (typeof REIMBURSEMENT_KEYS)[number];

/**
 * Who may pay costs outside the insurance policy scope (basic insurance, by definition, pays only inside
 * it). Such payments reduce the Art. 10 self-paid figure, never the compliant base (README).
 */
export const OUT_OF_SCOPE_REIMBURSEMENT_KEYS = [
  'criticalIllnessInsurance',
  'supplementaryInsurance',
  'commercialInsurance',
  'designatedDonations',
  'policyCompensation',
] as const;
export type OutOfScopeReimbursementKey = (typeof OUT_OF_SCOPE_REIMBURSEMENT_KEYS)[number];

export interface Bill {
  readonly id: string;
  readonly kind: BillKind;
  readonly date: IsoDate;
  readonly totalCost: Money;
  readonly compliantCost: Money;
  readonly reimbursements: Readonly<Record<ReimbursementKey, Money>>;
  /** Art. 21: what basic insurance would have paid, computed by the social-insurance office. */
  readonly notionalInsurancePayment?: Money;
  readonly childSpecialDisease?: { readonly disease: ChildDisease; readonly limitedCost: Money };
  readonly exclusion?: { readonly reason: ExclusionReason; readonly mentalDisorder: boolean };
  /**
   * Payments towards this bill's costs outside the insurance policy scope (`totalCost − compliantCost`);
   * absent = none. Their sum is `outOfScopeReimbursed`.
   */
  readonly outOfScopeReimbursements?: Readonly<Partial<Record<OutOfScopeReimbursementKey, Money>>>;
  readonly outOfScopeReimbursed: Money;
  /**
   * Art. 20: the day the hospital notified or required the discharge of a patient who refused to leave;
   * this bill holds costs incurred on or after it, which are not aided.
   */
  readonly dischargeNoticeDate?: IsoDate;
}

export interface YearToDate {
  readonly basicAidPaid: Money;
  readonly secondaryAidPaid: Money;
  /** Prior applications this year: self-paid costs after Art. 9/12 aid, before Art. 10 aid. */
  readonly selfPaidAfterAid: Money;
  readonly mentalRehabPaid: Money;
}

export interface MentalRehab {
  /** Psychiatric disability grade 1 (most severe) – 4. */
  readonly grade: number;
  readonly actualCost: Money;
  /** Years immediately before the aid year in which the person received this aid. */
  readonly consecutivePriorYears: number;
}

export interface CalculationInput {
  readonly applicationDate: IsoDate;
  readonly category: Category;
  readonly aidYear: number;
  readonly applicant: { readonly birthDate: IsoDate; readonly insured: boolean };
  readonly yearToDate: YearToDate;
  readonly bills: readonly Bill[];
  readonly mentalRehab?: MentalRehab;
  /** Art. 11: other treated household members' self-paid costs after aid, for the Art. 10 threshold. */
  readonly householdOthers?: { readonly membersTreated: number; readonly selfPaidAfterAid: Money };
}

const R = 'calculation input';

const BILL_KEYS = [
  'id',
  'kind',
  'date',
  'totalCost',
  'compliantCost',
  'reimbursements',
  'notionalInsurancePayment',
  'childSpecialDisease',
  'exclusion',
  'outOfScopeReimbursements',
  'dischargeNoticeDate',
] as const;
const CHILD_KEYS = ['disease', 'limitedCost'] as const;
const EXCLUSION_KEYS = ['reason', 'mentalDisorder'] as const;
/** '.reimbursements.basicInsurance', …: field-path suffixes, built once rather than per bill. */
const REIMBURSEMENT_PATHS = REIMBURSEMENT_KEYS.map((k) => `.reimbursements.${k}`);
const OUT_OF_SCOPE_PATHS = OUT_OF_SCOPE_REIMBURSEMENT_KEYS.map((k) => `.outOfScopeReimbursements.${k}`);

type MutableBill = { -readonly [K in keyof Bill]: Bill[K] };

function readBill(raw: unknown, f: string, insured: boolean): Bill {
  const o = readObject(raw, f, R, BILL_KEYS);
  const totalCost = Money.parseAt(o.totalCost, f, '.totalCost', 'Art. 2 医疗费用总额');
  const compliantCost = Money.parseAt(o.compliantCost, f, '.compliantCost', 'Art. 2 范围内医疗费用');
  if (compliantCost.gt(totalCost)) {
    throw invalid(
      'COMPLIANT_EXCEEDS_TOTAL',
      `${f}.compliantCost`,
      'Art. 2 范围内医疗费用 ≤ 医疗费用总额',
      `政策范围内费用 ${compliantCost.toString()} 超过医疗费用总额 ${totalCost.toString()}`,
      `compliant cost ${compliantCost.toString()} exceeds the total cost ${totalCost.toString()}`,
    );
  }
  // Absent keys mean nothing was received from that source (documented in the README).
  const ro = readObject(o.reimbursements, f, 'Art. 9 报销', REIMBURSEMENT_KEYS, '.reimbursements');
  const reimbursements = {} as Record<ReimbursementKey, Money>;
  for (let i = 0; i < REIMBURSEMENT_KEYS.length; i++) {
    const k = REIMBURSEMENT_KEYS[i]!;
    const v = ro[k];
    reimbursements[k] =
      v === undefined ? Money.ZERO : Money.parseAt(v, f, REIMBURSEMENT_PATHS[i]!, 'Art. 9 报销');
  }
  let notionalInsurancePayment: Money | undefined;
  if (insured) {
    if (o.notionalInsurancePayment !== undefined) {
      throw invalid(
        'UNINSURED_DATA',
        `${f}.notionalInsurancePayment`,
        'Art. 21',
        '已参保申请人不应填写核算的医保支付额',
        'an insured applicant must not carry a notional insurance payment',
      );
    }
  } else {
    if (!reimbursements.basicInsurance.isZero()) {
      throw invalid(
        'UNINSURED_DATA',
        `${f}.reimbursements.basicInsurance`,
        'Art. 21',
        '未参保申请人不可能有基本医保报销',
        'an uninsured applicant cannot have a basic-insurance reimbursement',
      );
    }
    notionalInsurancePayment = Money.parseAt(
      o.notionalInsurancePayment,
      f,
      '.notionalInsurancePayment',
      'Art. 21',
    );
  }
  let childSpecialDisease: Bill['childSpecialDisease'];
  if (o.childSpecialDisease !== undefined) {
    const c = readObject(o.childSpecialDisease, f, 'Art. 12', CHILD_KEYS, '.childSpecialDisease');
    childSpecialDisease = {
      disease: readEnum(
        c.disease,
        f,
        'Art. 12',
        CHILD_DISEASES,
        'UNKNOWN_VALUE',
        '.childSpecialDisease.disease',
      ),
      limitedCost: Money.parseAt(c.limitedCost, f, '.childSpecialDisease.limitedCost', 'Art. 12'),
    };
  }
  let exclusion: Bill['exclusion'];
  if (o.exclusion !== undefined) {
    const e = readObject(o.exclusion, f, 'Art. 19', EXCLUSION_KEYS, '.exclusion');
    exclusion = {
      reason: readEnum(e.reason, f, 'Art. 19', EXCLUSION_REASONS, 'UNKNOWN_VALUE', '.exclusion.reason'),
      mentalDisorder:
        e.mentalDisorder === undefined
          ? false
          : readOptionalBool(e.mentalDisorder, `${f}.exclusion.mentalDisorder`, 'Art. 19(3)'),
    };
  }
  let outOfScopeReimbursements: Partial<Record<OutOfScopeReimbursementKey, Money>> | undefined;
  let outOfScopeReimbursed = Money.ZERO;
  if (o.outOfScopeReimbursements !== undefined) {
    const so = readObject(
      o.outOfScopeReimbursements,
      f,
      'Art. 10 范围外费用',
      OUT_OF_SCOPE_REIMBURSEMENT_KEYS,
      '.outOfScopeReimbursements',
    );
    outOfScopeReimbursements = {};
    for (let i = 0; i < OUT_OF_SCOPE_REIMBURSEMENT_KEYS.length; i++) {
      const k = OUT_OF_SCOPE_REIMBURSEMENT_KEYS[i]!;
      if (so[k] === undefined) continue;
      const v = Money.parseAt(so[k], f, OUT_OF_SCOPE_PATHS[i]!, 'Art. 10 范围外费用');
      outOfScopeReimbursements[k] = v;
      outOfScopeReimbursed = outOfScopeReimbursed.plus(v);
    }
    const outOfScope = totalCost.minus(compliantCost);
    if (outOfScopeReimbursed.gt(outOfScope)) {
      throw invalid(
        'REIMBURSEMENT_EXCEEDS_COST',
        `${f}.outOfScopeReimbursements`,
        'Art. 10 范围外费用',
        `范围外费用的报销合计 ${outOfScopeReimbursed.toString()} 元超过范围外费用 ${outOfScope.toString()} 元（医疗费用总额减政策范围内费用）`,
        `payments of out-of-scope costs (${outOfScopeReimbursed.toString()}) exceed the out-of-scope costs ${outOfScope.toString()} (total cost less compliant cost)`,
      );
    }
  }
  const date = parseDate(o.date, f, R, '.date');
  let dischargeNoticeDate: IsoDate | undefined;
  if (o.dischargeNoticeDate !== undefined) {
    dischargeNoticeDate = parseDate(o.dischargeNoticeDate, f, 'Art. 20', '.dischargeNoticeDate');
    if (date < dischargeNoticeDate) {
      throw invalid(
        'DATE_ORDER',
        `${f}.dischargeNoticeDate`,
        'Art. 20',
        `票据日期 ${date} 早于出院通知日 ${dischargeNoticeDate}：请按通知日拆分住院费用，通知日起发生的费用单列一张票据并填写出院通知日`,
        `the bill (${date}) predates the discharge notice (${dischargeNoticeDate}): split the stay at the notice date and enter the costs from that day as their own bill carrying the notice date`,
      );
    }
  }
  // Optional keys are added only when present.
  const bill: MutableBill = {
    id: readString(o.id, f, R, '.id'),
    kind: readEnum(o.kind, f, 'Art. 8, 9', BILL_KINDS, 'UNKNOWN_VALUE', '.kind'),
    date,
    totalCost,
    compliantCost,
    reimbursements,
    outOfScopeReimbursed,
  };
  if (notionalInsurancePayment) bill.notionalInsurancePayment = notionalInsurancePayment;
  if (childSpecialDisease) bill.childSpecialDisease = childSpecialDisease;
  if (exclusion) bill.exclusion = exclusion;
  if (outOfScopeReimbursements) bill.outOfScopeReimbursements = outOfScopeReimbursements;
  if (dischargeNoticeDate) bill.dischargeNoticeDate = dischargeNoticeDate;
  return bill;
}

const INPUT_KEYS = [
  'applicationDate',
  'category',
  'aidYear',
  'applicant',
  'yearToDate',
  'bills',
  'mentalRehab',
  'householdOthers',
] as const;
const SCAN_IDS_UP_TO = 16;
/** 'bills[0]' … 'bills[31]', the field-path prefixes of the usual bills. */
const BILL_PATHS = Array.from({ length: 32 }, (_, i) => `bills[${i}]`);
const APPLICANT_KEYS = ['birthDate', 'insured'] as const;
const YEAR_TO_DATE_KEYS = [
  'basicAidPaid',
  'secondaryAidPaid',
  'selfPaidAfterAid',
  'mentalRehabPaid',
] as const;

/** Reads and checks the JSON of `calculate`; every error names the field and the rule. */
export function parseCalculationInput(raw: unknown): CalculationInput {
  const o = readObject(raw, '$', R, INPUT_KEYS);
  const applicationDate = parseDate(o.applicationDate, 'applicationDate', R);
  const category = readEnum(o.category, 'category', 'Art. 5', CATEGORIES, 'UNKNOWN_CATEGORY');
  // Absent: the year of the costs (Art. 9, 10 年度累计 are per calendar year of the costs).
  const statedYear =
    o.aidYear === undefined ? undefined : readInt(o.aidYear, 'aidYear', 'Art. 9, 10 年度', 1900, 9999);
  if (statedYear !== undefined && statedYear > yearOf(applicationDate)) {
    throw invalid(
      'DATE_ORDER',
      'aidYear',
      R,
      '救助年度晚于申请日期',
      'the aid year is after the application date',
    );
  }
  let aidYear = statedYear ?? 0;
  const a = readObject(o.applicant, 'applicant', R, APPLICANT_KEYS);
  const applicant = {
    birthDate: parseDate(a.birthDate, 'applicant.birthDate', R),
    insured: readBool(a.insured, 'applicant.insured', 'Art. 21'),
  };
  const y = readObject(o.yearToDate, 'yearToDate', 'Art. 9, 10 年度累计', YEAR_TO_DATE_KEYS);
  const yearToDate: YearToDate = {
    basicAidPaid: Money.parse(y.basicAidPaid, 'yearToDate.basicAidPaid', 'Art. 9 年度累计'),
    secondaryAidPaid: Money.parse(y.secondaryAidPaid, 'yearToDate.secondaryAidPaid', 'Art. 10 年度累计'),
    selfPaidAfterAid: Money.parse(y.selfPaidAfterAid, 'yearToDate.selfPaidAfterAid', 'Art. 10 年度累计'),
    mentalRehabPaid: Money.parse(y.mentalRehabPaid, 'yearToDate.mentalRehabPaid', 'Art. 9(3)'),
  };
  const rawBills = readArray(o.bills, 'bills', R);
  const bills: Bill[] = [];
  // Few bills per application: a scan of the earlier ids is cheaper than a Set until there are many.
  const ids = rawBills.length > SCAN_IDS_UP_TO ? new Set<string>() : undefined;
  for (let i = 0; i < rawBills.length; i++) {
    const f = i < BILL_PATHS.length ? BILL_PATHS[i]! : `bills[${i}]`;
    const b = readBill(rawBills[i], f, applicant.insured);
    let duplicate = false;
    if (ids) {
      duplicate = ids.has(b.id);
      ids.add(b.id);
    } else {
      for (let j = 0; j < bills.length; j++) if (bills[j]!.id === b.id) duplicate = true;
    }
    if (duplicate) {
      throw invalid('DUPLICATE_ID', `${f}.id`, R, `票据编号重复：${b.id}`, `duplicate bill id: ${b.id}`);
    }
    if (statedYear === undefined && i === 0) aidYear = yearOf(b.date);
    if (yearOf(b.date) !== aidYear) {
      if (statedYear === undefined) throw billsSpanYears(f, aidYear, yearOf(b.date));
      throw invalid(
        'BILL_OUTSIDE_AID_YEAR',
        `${f}.date`,
        'Art. 9, 10 年度累计',
        `费用日期 ${b.date} 不在救助年度 ${aidYear} 内：年度限额按费用发生年度计算，不同年度的费用请分别申请`,
        `cost date ${b.date} is outside the aid year ${aidYear}: the annual caps are per year of the costs, so costs of another year need their own application`,
      );
    }
    if (b.date > applicationDate) {
      throw invalid(
        'DATE_ORDER',
        `${f}.date`,
        R,
        '费用日期晚于申请日期',
        'the cost date is after the application date',
      );
    }
    bills.push(b);
  }
  if (statedYear === undefined && bills.length === 0) throw aidYearNeeded();
  let mentalRehab: MentalRehab | undefined;
  if (o.mentalRehab !== undefined) {
    const m = readObject(o.mentalRehab, 'mentalRehab', 'Art. 9(3)', [
      'grade',
      'actualCost',
      'consecutivePriorYears',
    ]);
    mentalRehab = {
      grade: readInt(m.grade, 'mentalRehab.grade', 'Art. 9(3)', 1, 4),
      actualCost: Money.parse(m.actualCost, 'mentalRehab.actualCost', 'Art. 9(3)'),
      consecutivePriorYears: readInt(
        m.consecutivePriorYears,
        'mentalRehab.consecutivePriorYears',
        'Art. 9(3)',
        0,
        200,
      ),
    };
  }
  let householdOthers: CalculationInput['householdOthers'];
  if (o.householdOthers !== undefined) {
    const h = readObject(o.householdOthers, 'householdOthers', 'Art. 11', [
      'membersTreated',
      'selfPaidAfterAid',
    ]);
    householdOthers = {
      membersTreated: readInt(h.membersTreated, 'householdOthers.membersTreated', 'Art. 11', 1, 100),
      selfPaidAfterAid: Money.parse(h.selfPaidAfterAid, 'householdOthers.selfPaidAfterAid', 'Art. 11'),
    };
  }
  const input: { -readonly [K in keyof CalculationInput]: CalculationInput[K] } = {
    applicationDate,
    category,
    aidYear,
    applicant,
    yearToDate,
    bills,
  };
  if (mentalRehab) input.mentalRehab = mentalRehab;
  if (householdOthers) input.householdOthers = householdOthers;
  return input;
}
