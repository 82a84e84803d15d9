import type { Category } from './categories';
import { parseDate, type IsoDate } from './dates';
import { decideEligibility, parseEligibilityInput, type EligibilityResult } from './eligibility';
import { invalid } from './errors';
import { readArray, readObject, readString } from './fields';
import type { PolicyVersion } from './policies/types';

/**
 * The household facts a home investigation records (Art. 15(2): 入户调查, 家庭经济状况调查), in the
 * eligibility input's own shape minus what the case already knows (application date, category), plus
 * where each fact comes from. People record facts with their source; the engine decides eligibility.
 *
 * ```json
 * { "residence": {...}, "householdDisposableIncome12m": "36000.00", "members": [...],
 *   "evidence": [{ "fact": "members.m1.assets", "source": "不动产登记中心", "verifiedOn": "2019-03-04",
 *                  "reference": "BDC-2019-118" }] }
 * ```
 * A fact path names a top-level fact (`residence`, `householdDisposableIncome12m`), a member
 * (`members.<id>`, covering all of that member's facts) or one group of a member's facts
 * (`members.<id>.identity` for relation, birth date and the Art. 7 status fields, `.assets`,
 * `.medicalCosts`). Every fact given must be covered by at least one source.
 */
export interface FactSource {
  readonly fact: string;
  readonly source: string;
  readonly verifiedOn: IsoDate;
  readonly reference?: string;
}

export interface HouseholdFacts {
  /** The eligibility input (parse with `parseEligibilityInput`) with the case's date and category. */
  readonly eligibilityInput: Readonly<Record<string, unknown>>;
  readonly evidence: readonly FactSource[];
}

const R = 'Art. 15(2) 入户调查';
const FACT_KEYS = ['residence', 'householdDisposableIncome12m', 'members', 'evidence'] as const;
/** Member fields other than these describe who the person is (Art. 7). */
const MEMBER_GROUPS = ['assets', 'medicalCosts'] as const;

/** Reads the investigation's facts; every error names the field under `household`. */
export function parseHouseholdFacts(
  raw: unknown,
  known: { applicationDate: IsoDate; category: Category },
  field = 'household',
): HouseholdFacts {
  const o = readObject(raw, field, R, FACT_KEYS);
  const evidence = readArray(o.evidence, `${field}.evidence`, R).map((e, i) => {
    const f = `${field}.evidence[${i}]`;
    const x = readObject(e, f, R, ['fact', 'source', 'verifiedOn', 'reference']);
    const source: FactSource = {
      fact: readString(x.fact, `${f}.fact`, R),
      source: readString(x.source, `${f}.source`, R),
      verifiedOn: parseDate(x.verifiedOn, `${f}.verifiedOn`, R),
      ...(x.reference !== undefined ? { reference: readString(x.reference, `${f}.reference`, R) } : {}),
    };
    return source;
  });
  const covered = (path: string) => evidence.some((e) => path === e.fact || path.startsWith(`${e.fact}.`));
  const needed: string[] = ['residence'];
  if (o.householdDisposableIncome12m !== undefined) needed.push('householdDisposableIncome12m');
  if (Array.isArray(o.members)) {
    for (const member of o.members as unknown[]) {
      if (typeof member !== 'object' || member === null) continue; // the eligibility parser names it
      const m = member as Record<string, unknown>;
      const id = typeof m.id === 'string' ? m.id : '?';
      needed.push(`members.${id}.identity`);
      for (const group of MEMBER_GROUPS) if (m[group] !== undefined) needed.push(`members.${id}.${group}`);
    }
  }
  const missing = needed.filter((path) => !covered(path));
  if (missing.length > 0) {
    throw invalid(
      'FACT_WITHOUT_SOURCE',
      `${field}.evidence`,
      R,
      `以下事实缺少来源和核实日期：${missing.join('、')}。请为每项事实登记来源（如核对部门、证明材料）和核实日期。`,
      `these facts have no source and verification date: ${missing.join(', ')}. Record where each fact comes from (the verifying department or document) and when it was verified.`,
    );
  }
  const eligibilityInput: Record<string, unknown> = {
    applicationDate: known.applicationDate,
    category: known.category,
    residence: o.residence,
  };
  if (o.householdDisposableIncome12m !== undefined)
    eligibilityInput.householdDisposableIncome12m = o.householdDisposableIncome12m;
  if (o.members !== undefined) eligibilityInput.members = o.members;
  try {
    parseEligibilityInput(eligibilityInput);
  } catch (err) {
    throw renamed(err, field);
  }
  return { eligibilityInput, evidence };
}

/** Eligibility decided from recorded facts, with every source listed beside the result. */
export function assessHousehold(
  facts: HouseholdFacts,
  policy: PolicyVersion,
  field = 'household',
): EligibilityResult & { readonly evidence: readonly FactSource[] } {
  let result: EligibilityResult;
  try {
    result = decideEligibility(parseEligibilityInput(facts.eligibilityInput), policy);
  } catch (err) {
    throw renamed(err, field);
  }
  return { ...result, evidence: facts.evidence };
}

/** An eligibility-input error, pointed at the field the caseworker actually sent (`household.…`). */
function renamed(err: unknown, field: string): unknown {
  if (err && typeof err === 'object' && 'field' in err && 'code' in err) {
    const e = err as { code: never; field: string; rule: string; messageZh: string; messageEn: string };
    const path = e.field === '$' ? field : `${field}.${e.field}`;
    return invalid(e.code, path, e.rule, e.messageZh, e.messageEn);
  }
  return err;
}
