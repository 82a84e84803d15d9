import { CATEGORIES, type Category } from './categories';
import { hasFullMonths, hasFullYears, parseDate, type IsoDate } from './dates';
import { invalid } from './errors';
import { readBool, readEnum, readObject, readOptionalBool } from './fields';
import {
  decideMembership,
  parseMembers,
  type Member,
  type MembershipDecision,
  type Vehicle,
} from './household';
import { Dec, Money } from './money';
import { compilePolicy, type CompiledPolicy } from './policies/compiled';
import { selectPolicy } from './policies';
import type { PolicyVersion } from './policies/types';

export type CriterionId =
  | 'RESIDENCE' // Art. 5(1)/(2)
  | 'BURDEN' // Art. 5(2), Art. 11
  | 'HOMES' // Art. 6(1)
  | 'DEPOSITS' // Art. 6(2)
  | 'VEHICLES' // Art. 6(3)
  | 'SECURITIES' // Art. 6(4)
  | 'BUSINESSES' // Art. 6(5)
  | 'DEPOSITS_AND_SECURITIES'; // Art. 6(6)

export interface Criterion {
  readonly id: CriterionId;
  readonly article: string;
  readonly passed: boolean;
  /** The figures the decision used, as strings (money with 2 decimals). */
  readonly figures: Readonly<Record<string, string>>;
  readonly textZh: string;
  readonly textEn: string;
}

export interface VehicleDecision {
  readonly memberId: string;
  readonly index: number;
  readonly type: string;
  readonly exempt: boolean;
  readonly reasonZh: string;
  readonly reasonEn: string;
}

export interface EligibilityResult {
  readonly policy: { readonly id: string; readonly effectiveFrom: string; readonly effectiveTo: string };
  readonly category: Category;
  readonly applicationDate: IsoDate;
  readonly eligible: boolean;
  readonly criteria: readonly Criterion[];
  /** Art. 7 decisions, present when the household was examined. */
  readonly household?: { readonly size: number; readonly members: readonly MembershipDecision[] };
  readonly vehicles?: readonly VehicleDecision[];
  /** Art. 6 limit M = 12 × monthly 低保 standard, present when the property test applies. */
  readonly propertyLimit?: string;
  /** Categories of Art. 5(1) are certified by other procedures; this library does not re-decide them. */
  readonly notes: readonly string[];
}

export interface EligibilityInput {
  readonly applicationDate: IsoDate;
  readonly category: Category;
  readonly residence: {
    readonly registeredInDistrict: boolean;
    readonly residencePermit: boolean;
    readonly residentSince?: IsoDate;
  };
  readonly householdDisposableIncome12m?: Money;
  readonly members?: readonly Member[];
}

const R = 'eligibility input';

export function parseEligibilityInput(raw: unknown): EligibilityInput {
  const o = readObject(raw, '$', R, [
    'applicationDate',
    'category',
    'residence',
    'householdDisposableIncome12m',
    'members',
  ]);
  const applicationDate = parseDate(o.applicationDate, 'applicationDate', R);
  const category = readEnum(o.category, 'category', 'Art. 5', CATEGORIES, 'UNKNOWN_CATEGORY');
  const r = readObject(o.residence, 'residence', 'Art. 5', [
    'registeredInDistrict',
    'residencePermit',
    'residentSince',
  ]);
  const residence = {
    registeredInDistrict: readBool(r.registeredInDistrict, 'residence.registeredInDistrict', 'Art. 5'),
    residencePermit: readOptionalBool(r.residencePermit, 'residence.residencePermit', 'Art. 5(2)'),
    ...(r.residentSince !== undefined
      ? { residentSince: parseDate(r.residentSince, 'residence.residentSince', 'Art. 5(2)') }
      : {}),
  };
  // Household data is needed only where Art. 5(2) or Art. 6 apply; decided in `decideEligibility`.
  return {
    applicationDate,
    category,
    residence,
    ...(o.householdDisposableIncome12m !== undefined
      ? {
          householdDisposableIncome12m: Money.parse(
            o.householdDisposableIncome12m,
            'householdDisposableIncome12m',
            'Art. 5(2) 家庭年可支配总收入',
          ),
        }
      : {}),
    ...(o.members !== undefined ? { members: parseMembers(o.members) } : {}),
  };
}

function residenceCriterion(input: EligibilityInput, policy: PolicyVersion): Criterion {
  const rule = policy.eligibility.residence[input.category];
  const r = input.residence;
  const months = policy.eligibility.minResidenceMonths;
  const figures: Record<string, string> = {
    registeredInDistrict: String(r.registeredInDistrict),
    residencePermit: String(r.residencePermit),
    rule,
  };
  if (r.residentSince) figures.residentSince = r.residentSince;
  if (r.registeredInDistrict) {
    return {
      id: 'RESIDENCE',
      article: rule === 'REGISTERED_ONLY' ? 'Art. 5(1)' : 'Art. 5(2)',
      passed: true,
      figures,
      textZh: '本区户籍人口',
      textEn: 'registered resident of the district',
    };
  }
  if (rule === 'REGISTERED_ONLY') {
    return {
      id: 'RESIDENCE',
      article: 'Art. 5(1)',
      passed: false,
      figures,
      textZh: '收入型贫困医疗救助对象限于本区户籍人口',
      textEn: 'income-based categories are limited to registered residents',
    };
  }
  if (r.residencePermit && r.residentSince === undefined) {
    throw invalid(
      'MISSING_FIELD',
      'residence.residentSince',
      'Art. 5(2)',
      '持居住证者须提供居住起始日期',
      'a residence-permit holder must give the date residence began',
    );
  }
  // 居住满半年以上: six full months or more, the day completing them included.
  const enough =
    r.residencePermit &&
    r.residentSince !== undefined &&
    hasFullMonths(r.residentSince, input.applicationDate, months);
  return {
    id: 'RESIDENCE',
    article: 'Art. 5(2)',
    passed: enough,
    figures: { ...figures, minimumMonths: String(months) },
    textZh: enough ? `持本区居住证且居住满${months}个月以上` : `非本区户籍，且未持居住证居住满${months}个月`,
    textEn: enough
      ? `holds a district residence permit and has lived here ${months} months or more`
      : `not registered, and no residence permit with ${months} months' residence`,
  };
}

function requireMembers(input: EligibilityInput, rule: string): readonly Member[] {
  if (!input.members) {
    throw invalid(
      'MISSING_HOUSEHOLD_DATA',
      'members',
      rule,
      '缺少共同生活的家庭成员资料',
      'household members are missing',
    );
  }
  return input.members;
}

/** Art. 5(2) with Art. 11: the year's own (or combined) costs ≥ 60% of the prior 12 months' income. */
function burdenCriterion(input: EligibilityInput, cp: CompiledPolicy, counted: readonly Member[]): Criterion {
  const income = input.householdDisposableIncome12m;
  if (!income) {
    throw invalid(
      'MISSING_HOUSEHOLD_DATA',
      'householdDisposableIncome12m',
      'Art. 5(2)',
      '缺少申请之日前12个月家庭可支配总收入',
      "the household's disposable income over the 12 months before the application is missing",
    );
  }
  const costOf = (m: Member): Money =>
    m.medicalCosts.inpatientSelfPaid.plus(m.medicalCosts.specifiedOutpatientSelfPaid);
  const self = counted.find((m) => m.relation === 'SELF')!;
  const own = costOf(self);
  const treated = counted.filter((m) => !costOf(m).isZero());
  const combine = treated.length >= 2;
  let figure = own;
  if (combine) {
    figure = Money.ZERO;
    for (const m of treated) figure = figure.plus(costOf(m));
  }
  const ratio = cp.burdenRatio;
  const threshold = income.times(ratio);
  // 达到或超过 60%: inclusive; a household with no medical costs at all is not "因病" poor.
  const passed = figure.value.gte(threshold) && !figure.isZero();
  const pct = `${ratio.times(100).toString()}%`;
  const share = income.isZero()
    ? 'n/a'
    : `${figure.value.div(income.value).times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2)}%`;
  return {
    id: 'BURDEN',
    article: combine ? 'Art. 5(2); Art. 11' : 'Art. 5(2)',
    passed,
    figures: {
      applicantCosts: own.toString(),
      combinedCosts: figure.toString(),
      membersTreated: String(treated.length),
      householdDisposableIncome12m: income.toString(),
      threshold: threshold.toFixed(2),
      share,
    },
    textZh: `${combine ? `家庭 ${treated.length} 人合并计算（第十一条）` : '个人'}负担医疗费用 ${figure.toString()} 元，占家庭年可支配总收入 ${income.toString()} 元的 ${share}，${passed ? '达到或超过' : '未达到'} ${pct}`,
    textEn: `${combine ? `combined costs of ${treated.length} members (Art. 11)` : "applicant's costs"} ${figure.toString()} are ${share} of the household's income ${income.toString()}: ${passed ? 'at or above' : 'below'} ${pct}`,
  };
}

function vehicleDecision(
  v: Vehicle,
  memberId: string,
  index: number,
  on: IsoDate,
  cp: CompiledPolicy,
): VehicleDecision {
  const rules = cp.source.eligibility.vehicles;
  const base = { memberId, index, type: v.type };
  if (rules.alwaysExempt.includes(v.type)) {
    return {
      ...base,
      exempt: true,
      reasonZh: '残疾人代步车、摩托车、三轮车除外',
      reasonEn: 'disability scooters, motorcycles and tricycles are exempt',
    };
  }
  if (v.type === 'LIGHT_TRUCK' || v.type === 'MINIBUS') {
    const litres = v.displacementLitres!;
    const old = hasFullYears(v.firstRegistrationDate!, on, rules.lightTruckMinAgeYears);
    const livelihood = v.usedForLivelihood === true;
    const truck = v.type === 'LIGHT_TRUCK';
    const max = truck ? cp.lightTruckMaxLitres : cp.minibusMaxLitres;
    const needsUseAndAge = truck || rules.minibusRequiresLivelihoodAndAge;
    // 以上 / 以下 include the figure itself: a 5-year-old 1.6 L truck is exempt.
    const smallEngine = litres.lte(max);
    const exempt = smallEngine && (!needsUseAndAge || (livelihood && old));
    const what = truck ? '小货车' : '小型面包车';
    const cond = needsUseAndAge ? `用于生计、车龄${rules.lightTruckMinAgeYears}年以上、` : '';
    const condEn = needsUseAndAge ? `used for a livelihood, ${rules.lightTruckMinAgeYears}+ years old, ` : '';
    return {
      ...base,
      exempt,
      reasonZh: `${what}（排气量 ${litres.toString()} 升，${livelihood ? '用于生计' : '非生计用'}，车龄${old ? '已满' : '不满'}${rules.lightTruckMinAgeYears}年）：须${cond}排气量${max.toString()}升以下方可除外，${exempt ? '符合' : '不符合'}`,
      reasonEn: `${truck ? 'light truck' : 'minibus'} (${litres.toString()} L, ${livelihood ? 'livelihood' : 'not livelihood'}, ${old ? '' : 'under '}${rules.lightTruckMinAgeYears} years): exempt only if ${condEn}${max.toString()} L or less — ${exempt ? 'exempt' : 'not exempt'}`,
    };
  }
  return {
    ...base,
    exempt: false,
    reasonZh: '名下机动车辆、船舶不在除外范围',
    reasonEn: 'motor vehicles and ships other than the listed exemptions count',
  };
}

function propertyCriteria(
  input: EligibilityInput,
  cp: CompiledPolicy,
  counted: readonly Member[],
): { criteria: Criterion[]; vehicles: VehicleDecision[] } {
  const e = cp.source.eligibility;
  const n = counted.length;
  const M = cp.propertyLimit;
  const limitAll = M.times(new Dec(n));
  let homes = 0;
  let deposits = Money.ZERO;
  let securities = Money.ZERO;
  const vehicles: VehicleDecision[] = [];
  const badBusinesses: string[] = [];
  let businessCount = 0;
  for (const m of counted) {
    homes += m.assets.homes;
    deposits = deposits.plus(m.assets.deposits);
    securities = securities.plus(m.assets.securities);
    m.assets.vehicles.forEach((v, i) =>
      vehicles.push(vehicleDecision(v, m.id, i, input.applicationDate, cp)),
    );
    for (const b of m.assets.businesses) {
      businessCount++;
      // 无雇员的夫妻作坊、小卖部除外.
      const exempt = (b.kind === 'COUPLE_WORKSHOP' || b.kind === 'SMALL_SHOP') && b.employees === 0;
      if (!exempt) badBusinesses.push(`${m.id}:${b.kind}(${b.employees})`);
    }
  }
  // Per-capita limits are compared exactly as total ≤ n × M, so no rounding can tip a boundary case;
  // the per-capita figure is shown rounded for people.
  const perCapita = (t: Money): string => t.value.div(n).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
  const both = deposits.plus(securities);
  const mS = M.toString();
  const nonExempt = vehicles.filter((v) => !v.exempt);
  const fig = (total: Money): Record<string, string> => ({
    total: total.toString(),
    members: String(n),
    perCapita: perCapita(total),
    limitPerCapita: mS,
  });
  const criteria: Criterion[] = [
    {
      id: 'HOMES',
      article: 'Art. 6(1)',
      passed: homes <= e.maxHomes,
      figures: { homes: String(homes), limit: String(e.maxHomes) },
      textZh: `家庭成员名下产权房屋 ${homes} 套，${homes <= e.maxHomes ? '不超过' : '超过'} ${e.maxHomes} 套`,
      textEn: `${homes} home(s) owned; limit ${e.maxHomes} (inclusive)`,
    },
    {
      id: 'DEPOSITS',
      article: 'Art. 6(2)',
      passed: deposits.value.lte(limitAll),
      figures: fig(deposits),
      textZh: `人均存款 ${perCapita(deposits)} 元，限额 ${mS} 元（12个月低保标准，含）`,
      textEn: `deposits per person ${perCapita(deposits)}, limit ${mS} (12 months of the subsistence standard, inclusive)`,
    },
    {
      id: 'VEHICLES',
      article: 'Art. 6(3)',
      passed: nonExempt.length === 0,
      figures: { vehicles: String(vehicles.length), nonExempt: String(nonExempt.length) },
      textZh:
        nonExempt.length === 0
          ? '名下无须计入的机动车辆、船舶'
          : `名下有 ${nonExempt.length} 辆（艘）不属除外情形的机动车辆或船舶`,
      textEn:
        nonExempt.length === 0
          ? 'no motor vehicle or ship outside the exemptions'
          : `${nonExempt.length} vehicle(s)/ship(s) outside the exemptions`,
    },
    {
      id: 'SECURITIES',
      article: 'Art. 6(4)',
      passed: securities.value.lte(limitAll),
      figures: fig(securities),
      textZh: `人均有价证券、基金市值 ${perCapita(securities)} 元，限额 ${mS} 元（含）`,
      textEn: `securities and funds per person ${perCapita(securities)}, limit ${mS} (inclusive)`,
    },
    {
      id: 'BUSINESSES',
      article: 'Art. 6(5)',
      passed: badBusinesses.length === 0,
      figures: { businesses: String(businessCount), nonExempt: badBusinesses.join(', ') },
      textZh:
        badBusinesses.length === 0
          ? '名下无营利性组织所有权（无雇员的夫妻作坊、小卖部除外）'
          : `名下拥有营利性组织：${badBusinesses.join('、')}`,
      textEn:
        badBusinesses.length === 0
          ? 'no for-profit business owned (couple workshops and small shops without employees exempt)'
          : `owns for-profit business(es): ${badBusinesses.join(', ')}`,
    },
    {
      id: 'DEPOSITS_AND_SECURITIES',
      article: 'Art. 6(6)',
      passed: both.value.lte(limitAll),
      figures: fig(both),
      textZh: `人均存款与有价证券合计 ${perCapita(both)} 元，限额 ${mS} 元（含）`,
      textEn: `deposits plus securities per person ${perCapita(both)}, limit ${mS} (inclusive)`,
    },
  ];
  return { criteria, vehicles };
}

/**
 * Decides eligibility criterion by criterion under `policy` (default: the version in force on the
 * application date). The verdict is the conjunction; every criterion carries its figures.
 */
export function decideEligibility(input: EligibilityInput, policy?: PolicyVersion): EligibilityResult {
  const pv = policy ?? selectPolicy(input.applicationDate);
  const cp = compilePolicy(pv);
  const e = pv.eligibility;
  const criteria: Criterion[] = [residenceCriterion(input, pv)];
  const notes: string[] = [];
  const needsBurden = e.burdenCategories.includes(input.category);
  const needsProperty = e.propertyCategories.includes(input.category);
  let household: EligibilityResult['household'];
  let vehicles: VehicleDecision[] | undefined;
  if (needsBurden || needsProperty) {
    const members = requireMembers(input, needsBurden ? 'Art. 5(2)' : 'Art. 6');
    const decisions = members.map((m) => decideMembership(m, input.applicationDate, pv));
    const counted = members.filter((_, i) => decisions[i]!.counted);
    household = { size: counted.length, members: decisions };
    if (needsBurden) criteria.push(burdenCriterion(input, cp, counted));
    if (needsProperty) {
      const p = propertyCriteria(input, cp, counted);
      criteria.push(...p.criteria);
      vehicles = p.vehicles;
    }
  } else {
    notes.push(
      'Art. 5(1), Art. 14: category status (特困/低保/低收入/精准扶贫) is certified by its own procedure; only residence is checked here.',
    );
  }
  return {
    policy: { id: pv.id, effectiveFrom: pv.effectiveFrom, effectiveTo: pv.effectiveTo },
    category: input.category,
    applicationDate: input.applicationDate,
    eligible: criteria.every((c) => c.passed),
    criteria,
    ...(household ? { household } : {}),
    ...(vehicles ? { vehicles } : {}),
    ...(needsProperty ? { propertyLimit: cp.propertyLimit.toString() } : {}),
    notes,
  };
}

/** Parses untrusted JSON and decides: the entry point of the CLI and the API's preview endpoint. */
export function eligibility(raw: unknown, policy?: PolicyVersion): EligibilityResult {
  return decideEligibility(parseEligibilityInput(raw), policy);
}
