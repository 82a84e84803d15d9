import { parseCalculationInput, REIMBURSEMENT_KEYS, type Bill, type CalculationInput } from './amounts-input';
import { approvalAuthority, type AuthorityDecision } from './authority';
import type { BillKind, Category } from './categories';
import { fullYears } from './dates';
import { invalid } from './errors';
import { balance, type ExplanationLine } from './explanation';
import { Money } from './money';
import { compilePolicy, type CompiledPolicy } from './policies/compiled';
import { selectPolicy } from './policies';
import type { PolicyVersion } from './policies/types';

export interface BillAnalysis {
  readonly id: string;
  readonly kind: BillKind;
  readonly totalCost: string;
  readonly compliantCost: string;
  /** Sum of insurance, donations and (Art. 21) the notional insurance payment. */
  readonly deducted: string;
  /** Compliant cost left after the deductions and the Art. 12 share. */
  readonly compliantSelfPaid: string;
  /** Costs outside the insurance policy scope (total − compliant). */
  readonly outOfScope: string;
  /** What commercial insurance, donations etc. paid of `outOfScope`; never touches the compliant base. */
  readonly outOfScopeReimbursed: string;
  /** `outOfScope` − `outOfScopeReimbursed`: what counts for Art. 10 only. */
  readonly outOfScopeSelfPaid: string;
  readonly childAid: string;
  readonly coveredByBasicAid: boolean;
  readonly excluded?: { readonly reason: string; readonly article: string };
}

export interface AidComponents {
  readonly childSpecialDisease: string;
  readonly basicAid: string;
  readonly secondaryAid: string;
  readonly mentalRehab: string;
}

export interface CalculationResult {
  readonly policy: { readonly id: string; readonly effectiveFrom: string; readonly effectiveTo: string };
  readonly category: Category;
  readonly aidYear: number;
  readonly total: string;
  readonly components: AidComponents;
  readonly approval: AuthorityDecision;
  /** The year-to-date figures after this application is paid — the next application's `yearToDate`. */
  readonly yearToDateAfter: {
    readonly basicAidPaid: string;
    readonly secondaryAidPaid: string;
    readonly selfPaidAfterAid: string;
    readonly mentalRehabPaid: string;
  };
  readonly bills: readonly BillAnalysis[];
  readonly explanation: { readonly lines: readonly ExplanationLine[]; readonly total: string };
}

const EXCLUSION_ARTICLE: Readonly<Record<string, readonly [string, string, string]>> = {
  INFORMAL_PROVIDER: [
    'Art. 19(1)',
    '非正规医疗机构就医或无正规票据',
    'informal provider or no proper receipt',
  ],
  OWN_UNLAWFUL_ACT: ['Art. 19(2)', '因自身违法行为导致', "caused by the applicant's own unlawful act"],
  SELF_HARM: ['Art. 19(3)', '因自残等发生', 'self-harm'],
  THIRD_PARTY_LIABLE: ['Art. 19(4)', '应由他方承担（交通事故、医疗事故等）', 'a third party must bear it'],
  OTHER_LEGAL_EXCLUSION: ['Art. 19(5)', '法律法规规定不予救助', 'excluded by another law or regulation'],
  SPECIAL_REGIME: [
    'Art. 13',
    '按国家和省、市特定重大疾病、传染病规定办理',
    'handled under a national/provincial/city regime',
  ],
};

function ytdCapCheck(paid: Money, cap: Money, field: string, article: string): void {
  if (!paid.isZero() && paid.gt(cap)) {
    throw invalid(
      'YEAR_TO_DATE_EXCEEDS_CAP',
      field,
      article,
      `本年度已支付 ${paid.toString()} 元超过年度限额 ${cap.toString()} 元`,
      `already paid this year (${paid.toString()}) exceeds the annual cap ${cap.toString()}`,
    );
  }
}

interface BillPass {
  readonly analyses: BillAnalysis[];
  readonly lines: ExplanationLine[];
  /** The amount of each line, kept as Money so closing the breakdown needs no re-parsing. */
  readonly lineAmounts: Money[];
  childAid: Money;
  basicBase: Money;
  /** Self-paid costs (compliant and out of scope) before Art. 9 aid, over non-excluded bills. */
  selfPaidBeforeBasic: Money;
}

function deductions(b: Bill): Money {
  let d = b.notionalInsurancePayment ?? Money.ZERO;
  for (const k of REIMBURSEMENT_KEYS) d = d.plus(b.reimbursements[k]);
  return d;
}

function passBills(input: CalculationInput, cp: CompiledPolicy): BillPass {
  const p = cp.source;
  const covered = cp.basicAid[input.category].rule.coveredKinds;
  const out: BillPass = {
    analyses: [],
    lines: [],
    lineAmounts: [],
    childAid: Money.ZERO,
    basicBase: Money.ZERO,
    selfPaidBeforeBasic: Money.ZERO,
  };
  for (let i = 0; i < input.bills.length; i++) {
    const b = input.bills[i]!;
    const deducted = deductions(b);
    if (deducted.gt(b.compliantCost)) {
      throw invalid(
        'REIMBURSEMENT_EXCEEDS_COST',
        `bills[${i}].reimbursements`,
        'Art. 9 报销后个人负担',
        `报销及捐赠合计 ${deducted.toString()} 元超过政策范围内费用 ${b.compliantCost.toString()} 元`,
        `reimbursements and donations (${deducted.toString()}) exceed the compliant cost ${b.compliantCost.toString()}`,
      );
    }
    const outOfScope = b.totalCost.minus(b.compliantCost);
    const excludedBy19 =
      b.exclusion !== undefined && !(b.exclusion.reason === 'SELF_HARM' && b.exclusion.mentalDisorder);
    if (excludedBy19 || b.dischargeNoticeDate !== undefined) {
      // Art. 19 / 13 (or Art. 20): the whole bill is removed — no Art. 9, 10 or 12 aid and no Art. 10
      // self-paid figure. An Art. 19 reason is named first when both apply.
      const reason = excludedBy19 ? b.exclusion!.reason : 'DISCHARGE_REFUSED';
      const inputs: Record<string, string> = { totalCost: b.totalCost.toString(), reason };
      let article: string;
      let zh: string;
      let en: string;
      if (excludedBy19) {
        [article, zh, en] = EXCLUSION_ARTICLE[reason]!;
      } else {
        const n = b.dischargeNoticeDate!;
        inputs.dischargeNoticeDate = n;
        article = 'Art. 20';
        zh = `达到出院条件而拒绝出院，自医疗机构 ${n} 通知出院之日起发生的费用由个人自理`;
        en = `the patient refused to leave hospital when fit for discharge; costs from the hospital's notice of ${n} are the patient's own`;
      }
      out.lineAmounts.push(Money.ZERO);
      out.lines.push({
        component: 'EXCLUDED',
        article,
        billId: b.id,
        inputs,
        amount: '0.00',
        textZh: `票据 ${b.id} 费用 ${b.totalCost.toString()} 元不予救助：${zh}`,
        textEn: `bill ${b.id} (${b.totalCost.toString()}) is not aided: ${en}`,
      });
      out.analyses.push({
        id: b.id,
        kind: b.kind,
        totalCost: b.totalCost.toString(),
        compliantCost: b.compliantCost.toString(),
        deducted: deducted.toString(),
        compliantSelfPaid: '0.00',
        outOfScope: '0.00',
        outOfScopeReimbursed: b.outOfScopeReimbursed.toString(),
        outOfScopeSelfPaid: '0.00',
        childAid: '0.00',
        coveredByBasicAid: false,
        excluded: { reason, article },
      });
      continue;
    }
    let selfPaid = b.compliantCost.minus(deducted);
    if (b.notionalInsurancePayment) {
      const n = b.notionalInsurancePayment.toString();
      out.lineAmounts.push(Money.ZERO);
      out.lines.push({
        component: 'UNINSURED_BASIS',
        article: 'Art. 21',
        billId: b.id,
        inputs: { compliantCost: b.compliantCost.toString(), notionalInsurancePayment: n },
        amount: '0.00',
        textZh: `票据 ${b.id}：未参保，扣除核算的医保基金支付额 ${n} 元后按参保对象政策救助`,
        textEn: `bill ${b.id}: uninsured; the notional insurance payment ${n} is deducted and the rest aided as if insured`,
      });
    }
    let childAid = Money.ZERO;
    if (b.childSpecialDisease) {
      const age = fullYears(input.applicant.birthDate, b.date);
      if (age < 0) {
        throw invalid(
          'DATE_ORDER',
          `bills[${i}].date`,
          p.childSpecialDisease.article,
          '就医日期早于出生日期',
          'the bill is dated before the applicant was born',
        );
      }
      if (age > p.childSpecialDisease.maxAgeInclusive) {
        throw invalid(
          'CHILD_RULE_FOR_ADULT',
          `bills[${i}].childSpecialDisease`,
          p.childSpecialDisease.article,
          `就医时申请人 ${age} 周岁，儿童白血病/先心病救助限 0—${p.childSpecialDisease.maxAgeInclusive} 周岁（含）`,
          `the applicant was ${age} on the bill date; Art. 12 covers children aged 0–${p.childSpecialDisease.maxAgeInclusive} inclusive`,
        );
      }
      const limited = b.childSpecialDisease.limitedCost;
      if (limited.gt(b.compliantCost)) {
        throw invalid(
          'LIMITED_EXCEEDS_COMPLIANT',
          `bills[${i}].childSpecialDisease.limitedCost`,
          p.childSpecialDisease.article,
          '限定医疗费用超过政策范围内费用',
          'the limited cost exceeds the compliant cost',
        );
      }
      const share = Money.roundHalfUp(limited.times(cp.childRate));
      // Aid never pays more than is left to pay: when insurance and the other payments leave less than
      // the 20% share, the share is limited to what is left (README, Art. 12).
      const left = selfPaid;
      const limitedByLeft = share.gt(left);
      childAid = limitedByLeft ? left : share;
      selfPaid = selfPaid.minus(childAid);
      out.childAid = out.childAid.plus(childAid);
      out.lineAmounts.push(childAid);
      out.lines.push({
        component: 'CHILD_SPECIAL_DISEASE',
        article: p.childSpecialDisease.article,
        billId: b.id,
        inputs: limitedByLeft
          ? {
              disease: b.childSpecialDisease.disease,
              limitedCost: limited.toString(),
              ageAtTreatment: String(age),
              share: share.toString(),
              leftToPay: left.toString(),
            }
          : {
              disease: b.childSpecialDisease.disease,
              limitedCost: limited.toString(),
              ageAtTreatment: String(age),
            },
        rate: cp.childPercent,
        amount: childAid.toString(),
        textZh: limitedByLeft
          ? `票据 ${b.id}：${age} 周岁儿童限定医疗费用 ${limited.toString()} 元 × ${cp.childPercent} = ${share.toString()} 元，超过报销后个人尚需负担的 ${left.toString()} 元，救助以此为限，为 ${childAid.toString()} 元`
          : `票据 ${b.id}：${age} 周岁儿童限定医疗费用 ${limited.toString()} 元 × ${cp.childPercent} = ${childAid.toString()} 元`,
        textEn: limitedByLeft
          ? `bill ${b.id}: child aged ${age}, limited cost ${limited.toString()} × ${cp.childPercent} = ${share.toString()}, more than the ${left.toString()} left to pay after insurance and other payments; limited to ${childAid.toString()}`
          : `bill ${b.id}: child aged ${age}, limited cost ${limited.toString()} × ${cp.childPercent} = ${childAid.toString()}`,
      });
    }
    const isCovered = covered.includes(b.kind);
    if (isCovered) {
      out.basicBase = out.basicBase.plus(selfPaid);
    } else {
      out.lineAmounts.push(Money.ZERO);
      out.lines.push({
        component: 'NOT_COVERED',
        article: cp.basicAid[input.category].rule.article,
        billId: b.id,
        inputs: { kind: b.kind, compliantSelfPaid: selfPaid.toString() },
        amount: '0.00',
        textZh: `票据 ${b.id}：该类别的基本救助不含此类费用（${b.kind}），仅计入二次救助自负费用`,
        textEn: `bill ${b.id}: ${b.kind} costs are outside this category's basic aid; counted for Art. 10 only`,
      });
    }
    let outOfScopeSelfPaid = outOfScope;
    if (!b.outOfScopeReimbursed.isZero()) {
      // Art. 10 counts self-paid costs outside the scope; what someone else paid of them is not self-paid.
      outOfScopeSelfPaid = outOfScope.minus(b.outOfScopeReimbursed);
      const paid = b.outOfScopeReimbursed.toString();
      const left = outOfScopeSelfPaid.toString();
      out.lineAmounts.push(Money.ZERO);
      out.lines.push({
        component: 'OUT_OF_SCOPE_REIMBURSED',
        article: cp.source.secondaryAid.article,
        billId: b.id,
        inputs: { outOfScope: outOfScope.toString(), outOfScopeReimbursed: paid, outOfScopeSelfPaid: left },
        amount: '0.00',
        textZh: `票据 ${b.id}：政策范围外费用 ${outOfScope.toString()} 元中已由商业保险等支付 ${paid} 元，不减少政策范围内费用；范围外自负 ${left} 元计入二次救助`,
        textEn: `bill ${b.id}: ${paid} of the ${outOfScope.toString()} outside the insurance scope was paid by commercial insurance or others; the compliant base is unchanged and ${left} counts for Art. 10`,
      });
    }
    out.selfPaidBeforeBasic = out.selfPaidBeforeBasic.plus(selfPaid).plus(outOfScopeSelfPaid);
    out.analyses.push({
      id: b.id,
      kind: b.kind,
      totalCost: b.totalCost.toString(),
      compliantCost: b.compliantCost.toString(),
      deducted: deducted.toString(),
      compliantSelfPaid: selfPaid.toString(),
      outOfScope: outOfScope.toString(),
      outOfScopeReimbursed: b.outOfScopeReimbursed.toString(),
      outOfScopeSelfPaid: outOfScopeSelfPaid.toString(),
      childAid: childAid.toString(),
      coveredByBasicAid: isCovered,
    });
  }
  return out;
}

/** Art. 9(1)/(2): rate × compliant self-paid costs, capped by what is left of the year's cap. */
function basicAid(
  input: CalculationInput,
  cp: CompiledPolicy,
  base: Money,
): { amount: Money; line: ExplanationLine } {
  const { rule, rate, ratePercent, cap } = cp.basicAid[input.category];
  const paid = input.yearToDate.basicAidPaid;
  const room = cap.minus(paid);
  const raw = Money.roundHalfUp(base.times(rate));
  const amount = raw.min(room);
  const capped = amount.lt(raw);
  const b = base.toString();
  const r = ratePercent;
  return {
    amount,
    line: {
      component: 'BASIC_AID',
      article: rule.article,
      inputs: {
        compliantSelfPaid: b,
        alreadyPaidThisYear: paid.toString(),
        remainingAnnualRoom: room.toString(),
      },
      rate: r,
      cap: cap.toString(),
      amount: amount.toString(),
      textZh: capped
        ? `基本救助：${b} × ${r} = ${raw.toString()} 元，受年度累计限额 ${cap.toString()} 元（本年已付 ${paid.toString()} 元）限制，为 ${amount.toString()} 元`
        : `基本救助：${b} × ${r} = ${amount.toString()} 元（年度累计限额 ${cap.toString()} 元，本年已付 ${paid.toString()} 元）`,
      textEn: capped
        ? `basic aid: ${b} × ${r} = ${raw.toString()}, limited by the annual cap ${cap.toString()} (paid this year ${paid.toString()}) to ${amount.toString()}`
        : `basic aid: ${b} × ${r} = ${amount.toString()} (annual cap ${cap.toString()}, paid this year ${paid.toString()})`,
    },
  };
}

/**
 * Art. 10: the year's secondary aid is 80% of the year's self-paid costs after aid once they reach
 * 2,000 (在2000元或以上, inclusive), at most 30,000; this application pays that figure less what was
 * already paid this year. Art. 11 lets treated household members' costs count towards the threshold.
 */
function secondaryAid(
  input: CalculationInput,
  cp: CompiledPolicy,
  selfPaidAfterAid: Money,
): { amount: Money; line: ExplanationLine } {
  const p = cp.source.secondaryAid;
  const paid = input.yearToDate.secondaryAidPaid;
  const year = input.yearToDate.selfPaidAfterAid.plus(selfPaidAfterAid);
  const others = input.householdOthers?.selfPaidAfterAid ?? Money.ZERO;
  const thresholdFigure = year.plus(others);
  const th = cp.secondaryThreshold;
  const applies = p.categories.includes(input.category);
  const reached = thresholdFigure.gte(th);
  let yearFigure = Money.ZERO;
  let raw = Money.ZERO;
  if (applies && reached) {
    raw = Money.roundHalfUp(year.times(cp.secondaryRate));
    yearFigure = raw.min(cp.secondaryCap);
  }
  const amount = yearFigure.minusFloorZero(paid);
  const inputs: Record<string, string> = {
    yearSelfPaidAfterAid: year.toString(),
    thisApplicationSelfPaidAfterAid: selfPaidAfterAid.toString(),
    alreadyPaidThisYear: paid.toString(),
    threshold: th.toString(),
    yearFigure: yearFigure.toString(),
  };
  if (input.householdOthers) inputs.householdOthersSelfPaidAfterAid = others.toString();
  const r = cp.secondaryPercent;
  const cap = cp.secondaryCap.toString();
  let textZh: string;
  let textEn: string;
  if (!applies) {
    textZh = '该类别不适用二次救助';
    textEn = 'secondary aid does not apply to this category';
  } else if (!reached) {
    textZh = `年度救助后自负费用 ${thresholdFigure.toString()} 元未达 ${th.toString()} 元，不予二次救助`;
    textEn = `the year's self-paid costs after aid (${thresholdFigure.toString()}) are below ${th.toString()}: no secondary aid`;
  } else {
    const capped = raw.gt(yearFigure);
    const capNote = capped ? `（受年度限额 ${cap} 元限制）` : '';
    const capNoteEn = capped ? ` (limited by the annual cap ${cap})` : '';
    textZh = `二次救助：年度自负 ${year.toString()} × ${r} = ${raw.toString()} 元${capNote}，年度应救助 ${yearFigure.toString()} 元，减本年已付 ${paid.toString()} 元，为 ${amount.toString()} 元`;
    textEn = `secondary aid: year's self-paid ${year.toString()} × ${r} = ${raw.toString()}${capNoteEn}; year figure ${yearFigure.toString()} less ${paid.toString()} already paid = ${amount.toString()}`;
  }
  return {
    amount,
    line: {
      component: 'SECONDARY_AID',
      article: input.householdOthers ? `${p.article}; Art. 11` : p.article,
      inputs,
      rate: r,
      cap,
      amount: amount.toString(),
      textZh,
      textEn,
    },
  };
}

/** Art. 9(3): once a year, at most two consecutive years, actual cost up to 8,000 a year. */
function mentalRehab(
  input: CalculationInput,
  cp: CompiledPolicy,
): { amount: Money; line: ExplanationLine } | undefined {
  const m = input.mentalRehab;
  if (!m) return undefined;
  const p = cp.source.mentalRehab;
  if (!p.categories.includes(input.category)) {
    throw invalid(
      'RULE_NOT_APPLICABLE',
      'mentalRehab',
      p.article,
      '精神病康复治疗救助仅适用于最低生活保障对象和低收入家庭成员',
      'mental-illness rehabilitation aid applies only to DIBAO and LOW_INCOME applicants',
    );
  }
  const paid = input.yearToDate.mentalRehabPaid;
  const cap = cp.mentalRehabCap;
  let amount = Money.ZERO;
  let textZh: string;
  let textEn: string;
  if (!p.grades.includes(m.grade)) {
    textZh = `精神残疾 ${m.grade} 级不属于重症（一至三级），不予康复救助`;
    textEn = `grade ${m.grade} is not severe (grades 1–3): no rehabilitation aid`;
  } else if (!paid.isZero()) {
    textZh = '本年度已获康复治疗救助，每年救助一次';
    textEn = 'rehabilitation aid was already given this year (once a year)';
  } else if (m.consecutivePriorYears >= p.maxConsecutiveYears) {
    textZh = `已连续 ${m.consecutivePriorYears} 年获救助，原则上连续救助不超过 ${p.maxConsecutiveYears} 次`;
    textEn = `aided in ${m.consecutivePriorYears} consecutive prior years; at most ${p.maxConsecutiveYears} consecutive years`;
  } else {
    amount = m.actualCost.min(cap);
    textZh = `康复治疗实际结算 ${m.actualCost.toString()} 元，每人每年不超过 ${cap.toString()} 元，救助 ${amount.toString()} 元`;
    textEn = `rehabilitation actual cost ${m.actualCost.toString()}, at most ${cap.toString()} a year: ${amount.toString()}`;
  }
  return {
    amount,
    line: {
      component: 'MENTAL_REHAB',
      article: p.article,
      inputs: {
        grade: String(m.grade),
        actualCost: m.actualCost.toString(),
        consecutivePriorYears: String(m.consecutivePriorYears),
        alreadyPaidThisYear: paid.toString(),
      },
      cap: cap.toString(),
      amount: amount.toString(),
      textZh,
      textEn,
    },
  };
}

/**
 * Computes one application's aid under `policy` (default: the version in force on the application
 * date). Pure and deterministic: the same input and policy always give the same result.
 */
export function calculateAid(input: CalculationInput, policy?: PolicyVersion): CalculationResult {
  const pv = policy ?? selectPolicy(input.applicationDate);
  const cp = compilePolicy(pv);
  const ba = cp.basicAid[input.category];
  ytdCapCheck(input.yearToDate.basicAidPaid, ba.cap, 'yearToDate.basicAidPaid', ba.rule.article);
  ytdCapCheck(
    input.yearToDate.secondaryAidPaid,
    cp.secondaryCap,
    'yearToDate.secondaryAidPaid',
    pv.secondaryAid.article,
  );
  ytdCapCheck(
    input.yearToDate.mentalRehabPaid,
    cp.mentalRehabCap,
    'yearToDate.mentalRehabPaid',
    pv.mentalRehab.article,
  );

  const bills = passBills(input, cp);
  const basic = basicAid(input, cp, bills.basicBase);
  const selfPaidAfterAid = bills.selfPaidBeforeBasic.minus(basic.amount);
  const secondary = secondaryAid(input, cp, selfPaidAfterAid);
  const rehab = mentalRehab(input, cp);

  // The bill pass's arrays are this call's own: the component lines are appended to them.
  const lines: ExplanationLine[] = bills.lines;
  const amounts: Money[] = bills.lineAmounts;
  lines.push(basic.line, secondary.line);
  amounts.push(basic.amount, secondary.amount);
  if (rehab) {
    lines.push(rehab.line);
    amounts.push(rehab.amount);
  }
  const rehabAmount = rehab ? rehab.amount : Money.ZERO;
  const total = bills.childAid.plus(basic.amount).plus(secondary.amount).plus(rehabAmount);
  const explanation = balance(lines, amounts, total);
  const y = input.yearToDate;
  return {
    policy: { id: pv.id, effectiveFrom: pv.effectiveFrom, effectiveTo: pv.effectiveTo },
    category: input.category,
    aidYear: input.aidYear,
    total: total.toString(),
    components: {
      childSpecialDisease: bills.childAid.toString(),
      basicAid: basic.amount.toString(),
      secondaryAid: secondary.amount.toString(),
      mentalRehab: rehabAmount.toString(),
    },
    approval: approvalAuthority(pv, input.category, total),
    yearToDateAfter: {
      basicAidPaid: y.basicAidPaid.plus(basic.amount).toString(),
      secondaryAidPaid: y.secondaryAidPaid.plus(secondary.amount).toString(),
      selfPaidAfterAid: y.selfPaidAfterAid.plus(selfPaidAfterAid).toString(),
      mentalRehabPaid: y.mentalRehabPaid.plus(rehabAmount).toString(),
    },
    bills: bills.analyses,
    explanation,
  };
}

/** Parses untrusted JSON and calculates: the entry point of the CLI and the API's preview endpoint. */
export function calculate(raw: unknown, policy?: PolicyVersion): CalculationResult {
  return calculateAid(parseCalculationInput(raw), policy);
}
