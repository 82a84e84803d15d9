import { CATEGORIES, type Category } from '../categories';
import { Dec, Money, percent, type Dec as Decimal } from '../money';
import type { BasicAidRule, PolicyVersion } from './types';

/**
 * Decimal forms of a version's strings, built once per version object: the calculators run a million
 * times a second and must not re-parse policy strings on every call.
 */
export interface CompiledBasicAid {
  readonly rule: BasicAidRule;
  readonly rate: Decimal;
  readonly ratePercent: string;
  readonly cap: Money;
}

export interface CompiledPolicy {
  readonly source: PolicyVersion;
  readonly basicAid: Readonly<Record<Category, CompiledBasicAid>>;
  readonly secondaryThreshold: Money;
  readonly secondaryRate: Decimal;
  readonly secondaryPercent: string;
  readonly secondaryCap: Money;
  readonly childRate: Decimal;
  readonly childPercent: string;
  readonly mentalRehabCap: Money;
  readonly propertyLimit: Money;
  readonly burdenRatio: Decimal;
  readonly lightTruckMaxLitres: Decimal;
  readonly minibusMaxLitres: Decimal;
  readonly approvalThresholds: Readonly<Record<Category, Money>>;
}

const cache = new WeakMap<PolicyVersion, CompiledPolicy>();

export function compilePolicy(p: PolicyVersion): CompiledPolicy {
  const hit = cache.get(p);
  if (hit) return hit;
  const basicAid = {} as Record<Category, CompiledBasicAid>;
  const approvalThresholds = {} as Record<Category, Money>;
  for (const c of CATEGORIES) {
    const rule = p.basicAid[c];
    const rate = new Dec(rule.rate);
    basicAid[c] = { rule, rate, ratePercent: percent(rate), cap: Money.of(rule.annualCap) };
    approvalThresholds[c] = Money.of(p.approvalThresholds[c]);
  }
  const compiled: CompiledPolicy = {
    source: p,
    basicAid,
    secondaryThreshold: Money.of(p.secondaryAid.threshold),
    secondaryRate: new Dec(p.secondaryAid.rate),
    secondaryPercent: percent(new Dec(p.secondaryAid.rate)),
    secondaryCap: Money.of(p.secondaryAid.annualCap),
    childRate: new Dec(p.childSpecialDisease.rate),
    childPercent: percent(new Dec(p.childSpecialDisease.rate)),
    mentalRehabCap: Money.of(p.mentalRehab.annualCap),
    // Art. 6(2)(4)(6): "本区12个月最低生活保障标准".
    propertyLimit: Money.of(new Dec(p.dibaoMonthlyStandard).times(p.eligibility.propertyMonths)),
    burdenRatio: new Dec(p.eligibility.burdenRatio),
    lightTruckMaxLitres: new Dec(p.eligibility.vehicles.lightTruckMaxLitres),
    minibusMaxLitres: new Dec(p.eligibility.vehicles.minibusMaxLitres),
    approvalThresholds,
  };
  cache.set(p, compiled);
  return compiled;
}
