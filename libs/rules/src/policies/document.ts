import { createHash } from 'node:crypto';
import { BILL_KINDS, CATEGORIES, type BillKind, type Category } from '../categories';
import type { IsoDate } from '../dates';
import { VERIFICATION_FIELD_NAMES, type VerificationField } from '../verification';
import {
  bool,
  check,
  list,
  constant,
  date,
  decimal,
  int,
  money,
  obj,
  oneOf,
  rate,
  recordOf,
  setOf,
  sourced,
  str,
  toJsonSchema,
  type PolicyIssue,
  type Spec,
} from './spec';
import procedureDefaults from './procedure-defaults.json';
import type {
  Period,
  PeriodKey,
  PeriodUnit,
  PolicyVersion,
  ResidenceRule,
  SuspensionGround,
  VehicleType,
} from './types';

/**
 * The policy document: everything libs/rules and the process read from a policy version, as JSON, each
 * value with the article or document it comes from (`{ value, source, bureauChoice?, toConfirm?, note? }`).
 * `policy.schema.json` is generated from `POLICY_DOCUMENT_SPEC`; so is the validator.
 */
export const POLICY_FORMAT = 'jiuzhu-policy/1';

export const PERIOD_KEYS = [
  'acceptance',
  'investigation',
  'townReview',
  'firstNotice',
  'democraticReview',
  'submission',
  'districtReview',
  'secondNotice',
  'reinvestigation',
  'approval',
  'fundsRequest',
  'disbursement',
  'recipientsList',
  'refusalNotice',
  'reminderLead',
] as const satisfies readonly PeriodKey[];

const PERIOD_UNITS: readonly PeriodUnit[] = ['workingDays', 'calendarDays', 'months'];
/** Steps a leader may be allowed to extend: never a publicity period, the recipients list or the reminder lead. */
const EXTENDABLE_PERIOD_KEYS = PERIOD_KEYS.filter(
  (k) => !['firstNotice', 'secondNotice', 'recipientsList', 'reminderLead'].includes(k),
);
const VEHICLES: readonly VehicleType[] = [
  'DISABILITY_SCOOTER',
  'MOTORCYCLE',
  'TRICYCLE',
  'LIGHT_TRUCK',
  'MINIBUS',
  'CAR',
  'SHIP',
  'OTHER',
];
const RESIDENCE_RULES: readonly ResidenceRule[] = ['REGISTERED_ONLY', 'REGISTERED_OR_PERMIT'];
const DISEASES = ['ACUTE_LEUKAEMIA', 'CONGENITAL_HEART_DISEASE'] as const;
/** Version ids are short slugs: they appear in URLs, case records and the CLI. */
export const POLICY_ID_PATTERN = '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$';

export interface Sourced<T> {
  readonly value: T;
  readonly source: string;
  /** The measures leave it open: the bureau's choice (for a period: not statutory). */
  readonly bureauChoice?: boolean;
  readonly toConfirm?: boolean;
  readonly note?: string;
}

export interface PolicyDocument {
  readonly $schema?: string;
  readonly format: typeof POLICY_FORMAT;
  readonly id: string;
  readonly title: { readonly zh: string; readonly en: string };
  /** The text that enacts this version (the measures, or the notice that continues them). */
  readonly document: {
    readonly reference: string;
    readonly issuedBy?: string;
    readonly issuedOn?: IsoDate;
    readonly url?: string;
  };
  /** A continuation (继续执行) names the version whose parameters it carries on. */
  readonly continues?: { readonly id: string; readonly hash: string };
  /**
   * What this version means for cases still open when it comes into force (absent: KEEP_THEIR_VERSION).
   * See `OPEN_CASES_RULES`.
   */
  readonly openCases?: Sourced<OpenCasesRule>;
  readonly effective: { readonly from: Sourced<IsoDate>; readonly to: Sourced<IsoDate> };
  readonly dibaoMonthlyStandard: Sourced<string>;
  readonly basicAid: Readonly<
    Record<
      Category,
      {
        readonly article: string;
        readonly rate: Sourced<string>;
        readonly annualCap: Sourced<string>;
        readonly coveredKinds: Sourced<readonly BillKind[]>;
      }
    >
  >;
  readonly secondaryAid: {
    readonly article: string;
    readonly threshold: Sourced<string>;
    readonly rate: Sourced<string>;
    readonly annualCap: Sourced<string>;
    readonly categories: Sourced<readonly Category[]>;
  };
  readonly childSpecialDisease: {
    readonly article: string;
    readonly maxAgeInclusive: Sourced<number>;
    readonly rate: Sourced<string>;
    readonly diseases: Sourced<readonly (typeof DISEASES)[number][]>;
  };
  readonly mentalRehab: {
    readonly article: string;
    readonly categories: Sourced<readonly Category[]>;
    readonly grades: Sourced<readonly number[]>;
    readonly annualCap: Sourced<string>;
    readonly maxConsecutiveYears: Sourced<number>;
    readonly courseMonths: Sourced<number>;
  };
  readonly eligibility: {
    readonly residence: Readonly<Record<Category, Sourced<ResidenceRule>>>;
    readonly minResidenceMonths: Sourced<number>;
    readonly burdenRatio: Sourced<string>;
    readonly burdenCategories: Sourced<readonly Category[]>;
    readonly propertyCategories: Sourced<readonly Category[]>;
    readonly propertyMonths: Sourced<number>;
    readonly maxHomes: Sourced<number>;
    readonly vehicles: {
      readonly alwaysExempt: Sourced<readonly VehicleType[]>;
      readonly lightTruckMinAgeYears: Sourced<number>;
      readonly lightTruckMaxLitres: Sourced<string>;
      readonly minibusMaxLitres: Sourced<string>;
      readonly minibusRequiresLivelihoodAndAge: Sourced<boolean>;
    };
    readonly adultAge: Sourced<number>;
    readonly clergyApartYears: Sourced<number>;
  };
  readonly approvalThresholds: Readonly<Record<Category, Sourced<string>>>;
  readonly periods: Readonly<
    Record<PeriodKey, Sourced<{ readonly unit: PeriodUnit; readonly count: number }>>
  >;
  readonly process: {
    readonly calendarDayHolidayExtension: Sourced<boolean>;
    readonly urgeFlagThreshold: Sourced<number>;
  };
  /** The process by the letter (issue 12): what the measures leave to the bureau, and what they set. */
  readonly procedure?: ProcedureSection;
  /** Issue 15: the departments of the 家庭经济状况核对 and what each answers (absent: no requests possible). */
  readonly verification?: {
    readonly departments: readonly VerificationDepartment[];
  };
}

/** A document's `procedure` section (also the format of `procedure-defaults.json`). */
export interface ProcedureSection {
  readonly heirWait: Sourced<{ readonly unit: PeriodUnit; readonly count: number }>;
  readonly extensions: Sourced<readonly { readonly period: PeriodKey; readonly maxCalendarDays: number }[]>;
  readonly suspensionGrounds: Sourced<readonly SuspensionGround[]>;
  readonly statutoryOnDirectRoute: Sourced<readonly PeriodKey[]>;
  readonly urgeBureauDeadlines: Sourced<boolean>;
}

/**
 * The process by the letter (issue 12). Optional in a document: a version without it (the Xinhui 2018
 * measures, published before) runs under `procedure-defaults.json`, the same section kept as data.
 */
const PROCEDURE_SPEC: Spec = obj({
  heirWait: sourced(
    obj({ unit: oneOf(PERIOD_UNITS), count: int(1, 365) }),
    'Art. 22: how long a case waits for a legal heir to come forward after the death is reported',
  ),
  extensions: sourced(
    list(obj({ period: oneOf(EXTENDABLE_PERIOD_KEYS), maxCalendarDays: int(1, 90) })),
    'steps a leader may extend (岗位责任制), each by at most this many days past its statutory due date; publicity periods and the recipients list are never extended',
  ),
  suspensionGrounds: sourced(
    list(
      obj(
        {
          code: str('^[A-Z][A-Z0-9_]*$'),
          zh: str(),
          en: str(),
          article: str(),
          categories: setOf(CATEGORIES, true),
        },
        ['categories'],
      ),
    ),
    'the only grounds on which aid may be suspended (Art. 20 first); `categories`: the only categories a ground applies to',
  ),
  statutoryOnDirectRoute: sourced(
    setOf(PERIOD_KEYS),
    'periods the measures set on the Art. 14 direct route; on the full route a period is statutory unless bureauChoice',
  ),
  urgeBureauDeadlines: sourced(
    bool,
    "true: 催办, escalation and flags also for deadlines that are only the bureau's parameters",
  ),
});

/** One department of the household economic verification and its part (joint-meeting rules 四). */
export interface VerificationDepartment {
  /** Stable code: the liaison's token carries it (claim `department`), import files name it. */
  readonly code: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly fields: Sourced<readonly VerificationField[]>;
  readonly legalBasis: Sourced<string>;
  /** Working days the department has to answer, counted from the day after the request. */
  readonly dueWorkingDays: Sourced<number>;
  /** An answer this many days old or less may serve another case of the same person (0: never). */
  readonly reuseDays: Sourced<number>;
}

export const DEPARTMENT_CODE_PATTERN = '^[A-Z][A-Z0-9_]{1,39}$';

const categories = (nonEmpty = false) => sourced(setOf(CATEGORIES, nonEmpty));

/**
 * `openCases`: KEEP_THEIR_VERSION (the default) — the version governs applications dated in its range only;
 * a case keeps the version in force on its application date for every decision. ADOPT_FOR_DECISIONS_NOT_YET_MADE
 * — from its first day, cases still open that were registered under an earlier version take this one for the
 * decisions not yet made (the eligibility assessment, the calculation of the amount and its Art. 17
 * authority); a decision already made is never changed, and deadlines stay those fixed at registration.
 */
export const OPEN_CASES_RULES = ['KEEP_THEIR_VERSION', 'ADOPT_FOR_DECISIONS_NOT_YET_MADE'] as const;
export type OpenCasesRule = (typeof OPEN_CASES_RULES)[number];

/** The one description of the format: the JSON Schema and the validator are both made from it. */
export const POLICY_DOCUMENT_SPEC: Spec = obj(
  {
    $schema: str(),
    format: constant(POLICY_FORMAT),
    id: str(POLICY_ID_PATTERN),
    title: obj({ zh: str(), en: str() }),
    document: obj({ reference: str(), issuedBy: str(), issuedOn: date, url: str() }, [
      'issuedBy',
      'issuedOn',
      'url',
    ]),
    continues: obj({ id: str(POLICY_ID_PATTERN), hash: str('^[0-9a-f]{64}$') }),
    openCases: sourced(
      oneOf(OPEN_CASES_RULES),
      'cases still open when this version comes into force: KEEP_THEIR_VERSION (default) keeps the version of their application date for every decision; ADOPT_FOR_DECISIONS_NOT_YET_MADE makes them take this version for the eligibility and amount decisions not yet made (decisions made stay; deadlines stay those fixed at registration)',
    ),
    effective: obj({ from: sourced(date, 'first day, inclusive'), to: sourced(date, 'last day, inclusive') }),
    dibaoMonthlyStandard: sourced(money, '本区最低生活保障标准, yuan per person per month'),
    basicAid: recordOf(
      CATEGORIES,
      obj({
        article: str(),
        rate: sourced(rate),
        annualCap: sourced(money),
        coveredKinds: sourced(setOf(BILL_KINDS)),
      }),
    ),
    secondaryAid: obj({
      article: str(),
      threshold: sourced(money),
      rate: sourced(rate),
      annualCap: sourced(money),
      categories: categories(),
    }),
    childSpecialDisease: obj({
      article: str(),
      maxAgeInclusive: sourced(int(0, 17)),
      rate: sourced(rate),
      diseases: sourced(setOf(DISEASES)),
    }),
    mentalRehab: obj({
      article: str(),
      categories: categories(),
      grades: sourced(setOf([1, 2, 3, 4])),
      annualCap: sourced(money),
      maxConsecutiveYears: sourced(int(0, 100)),
      courseMonths: sourced(int(1, 12)),
    }),
    eligibility: obj({
      residence: recordOf(CATEGORIES, sourced(oneOf(RESIDENCE_RULES))),
      minResidenceMonths: sourced(int(0, 120)),
      burdenRatio: sourced(rate),
      burdenCategories: categories(),
      propertyCategories: categories(),
      propertyMonths: sourced(int(1, 120)),
      maxHomes: sourced(int(0, 10)),
      vehicles: obj({
        alwaysExempt: sourced(setOf(VEHICLES)),
        lightTruckMinAgeYears: sourced(int(0, 50)),
        lightTruckMaxLitres: sourced(decimal),
        minibusMaxLitres: sourced(decimal),
        minibusRequiresLivelihoodAndAge: sourced(bool),
      }),
      adultAge: sourced(int(14, 25)),
      clergyApartYears: sourced(int(0, 50)),
    }),
    approvalThresholds: recordOf(CATEGORIES, sourced(money)),
    periods: recordOf(
      PERIOD_KEYS,
      sourced(
        obj({ unit: oneOf(PERIOD_UNITS), count: int(1, 365) }),
        'a period of the Art. 15 process; bureauChoice true = not statutory',
      ),
    ),
    process: obj({
      calendarDayHolidayExtension: sourced(bool, 'Civil Code Art. 203 extension of calendar-day periods'),
      urgeFlagThreshold: sourced(int(1, 100), '催办 count on unfinished work that flags a person'),
    }),
    procedure: PROCEDURE_SPEC,
    verification: obj(
      {
        departments: list(
          obj(
            {
              code: str(DEPARTMENT_CODE_PATTERN),
              name: obj({ zh: str(), en: str() }),
              fields: sourced(setOf(VERIFICATION_FIELD_NAMES, true), 'what the department answers'),
              legalBasis: sourced(str(), 'the legal basis cited in the request'),
              dueWorkingDays: sourced(int(1, 60), 'working days to answer, from the day after the request'),
              reuseDays: sourced(int(0, 365), 'days an answer may serve another case of the same person'),
            },
            [],
            'a department of the 家庭经济状况核对 and its part',
          ),
        ),
      },
      [],
      'Issue 15: household economic verification across departments',
    ),
  },
  ['$schema', 'continues', 'openCases', 'procedure', 'verification'],
  'A Jiuzhu medical-aid policy version',
);

/** The published JSON Schema (`policy.schema.json` is this, written out; a test keeps them equal). */
export function policyJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://jiuzhu.local/policy.schema.json',
    title: 'Jiuzhu policy version document',
    ...toJsonSchema(POLICY_DOCUMENT_SPEC),
  };
}

/**
 * Every problem of a candidate document: structure (against the spec) and then the rules that cross
 * fields. An empty list means the document can be loaded.
 */
export function validatePolicyDocument(raw: unknown): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  check(POLICY_DOCUMENT_SPEC, raw, '', issues);
  if (issues.length) return issues;
  const d = raw as PolicyDocument;
  const add = (path: string, code: string, zh: string, en: string) =>
    issues.push({ path, code, messageZh: zh, messageEn: en });
  if (d.effective.from.value > d.effective.to.value)
    add(
      'effective.to.value',
      'DATE_ORDER',
      '有效期截止日不能早于起始日。',
      'the last day of the effective range is before its first day.',
    );
  for (const c of CATEGORIES) {
    if (isZero(d.approvalThresholds[c].value))
      add(
        `approvalThresholds.${c}.value`,
        'OUT_OF_RANGE',
        '审批权限金额须大于 0。',
        'an approval threshold must be above 0.',
      );
  }
  if (isZero(d.dibaoMonthlyStandard.value))
    add(
      'dibaoMonthlyStandard.value',
      'OUT_OF_RANGE',
      '低保标准须大于 0。',
      'the 低保 standard must be above 0.',
    );
  const codes = (d.verification?.departments ?? []).map((dep) => dep.code);
  codes.forEach((code, i) => {
    if (codes.indexOf(code) !== i)
      add(
        `verification.departments[${i}].code`,
        'DUPLICATE',
        `部门代码 ${code} 重复。`,
        `department code ${code} is listed twice.`,
      );
  });
  if (d.periods.reminderLead.value.unit !== 'workingDays')
    add(
      'periods.reminderLead.value.unit',
      'UNKNOWN_VALUE',
      '提醒提前量须以工作日计。',
      'the reminder lead is counted in working days.',
    );
  return issues;
}

const isZero = (amount: string) => /^0(\.0+)?$/.test(amount);

/** sha256 of the canonical JSON (keys sorted at every level, no `$schema`): the identity of a version. */
export function policyHash(doc: PolicyDocument | unknown): string {
  const { $schema: _ignored, ...content } = doc as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The calculators' view of a valid document. Call `validatePolicyDocument` first. */
export function versionFromDocument(d: PolicyDocument): PolicyVersion {
  const periods = {} as Record<PeriodKey, Period>;
  for (const k of PERIOD_KEYS) {
    const p = d.periods[k];
    periods[k] = {
      unit: p.value.unit,
      count: p.value.count,
      basis: p.bureauChoice ? `parameter (${p.source})` : p.source,
      statutory: !p.bureauChoice,
    };
  }
  const basicAid = {} as Record<Category, PolicyVersion['basicAid'][Category]>;
  const residence = {} as Record<Category, ResidenceRule>;
  const approvalThresholds = {} as Record<Category, string>;
  for (const c of CATEGORIES) {
    const b = d.basicAid[c];
    const toConfirm = !!(b.rate.toConfirm || b.annualCap.toConfirm || b.coveredKinds.toConfirm);
    basicAid[c] = {
      rate: b.rate.value,
      annualCap: b.annualCap.value,
      coveredKinds: b.coveredKinds.value,
      article: b.article,
      ...(toConfirm ? { toConfirm } : {}),
    };
    residence[c] = d.eligibility.residence[c].value;
    approvalThresholds[c] = d.approvalThresholds[c].value;
  }
  const e = d.eligibility;
  return {
    id: d.id,
    titleZh: d.title.zh,
    titleEn: d.title.en,
    effectiveFrom: d.effective.from.value,
    effectiveTo: d.effective.to.value,
    documentReference: d.document.reference,
    openCases: d.openCases?.value ?? 'KEEP_THEIR_VERSION',
    dibaoMonthlyStandard: d.dibaoMonthlyStandard.value,
    basicAid,
    secondaryAid: {
      threshold: d.secondaryAid.threshold.value,
      rate: d.secondaryAid.rate.value,
      annualCap: d.secondaryAid.annualCap.value,
      categories: d.secondaryAid.categories.value,
      article: d.secondaryAid.article,
    },
    childSpecialDisease: {
      maxAgeInclusive: d.childSpecialDisease.maxAgeInclusive.value,
      rate: d.childSpecialDisease.rate.value,
      diseases: d.childSpecialDisease.diseases.value,
      article: d.childSpecialDisease.article,
    },
    mentalRehab: {
      categories: d.mentalRehab.categories.value,
      grades: d.mentalRehab.grades.value,
      annualCap: d.mentalRehab.annualCap.value,
      maxConsecutiveYears: d.mentalRehab.maxConsecutiveYears.value,
      courseMonths: d.mentalRehab.courseMonths.value,
      article: d.mentalRehab.article,
    },
    eligibility: {
      residence,
      minResidenceMonths: e.minResidenceMonths.value,
      burdenRatio: e.burdenRatio.value,
      burdenCategories: e.burdenCategories.value,
      propertyCategories: e.propertyCategories.value,
      propertyMonths: e.propertyMonths.value,
      maxHomes: e.maxHomes.value,
      vehicles: {
        alwaysExempt: e.vehicles.alwaysExempt.value,
        lightTruckMinAgeYears: e.vehicles.lightTruckMinAgeYears.value,
        lightTruckMaxLitres: e.vehicles.lightTruckMaxLitres.value,
        minibusMaxLitres: e.vehicles.minibusMaxLitres.value,
        minibusRequiresLivelihoodAndAge: e.vehicles.minibusRequiresLivelihoodAndAge.value,
      },
      adultAge: e.adultAge.value,
      clergyApartYears: e.clergyApartYears.value,
    },
    approvalThresholds,
    periods: { ...periods, calendarDayHolidayExtension: d.process.calendarDayHolidayExtension.value },
    supervision: { urgeFlagThreshold: d.process.urgeFlagThreshold.value },
    procedure: procedureOf(d),
    parametersToConfirm: parametersToConfirm(d),
  };
}

/** The version's procedure: its own section, else the shipped defaults (kept as data beside it). */
function procedureOf(d: PolicyDocument): PolicyVersion['procedure'] {
  const p = d.procedure ?? PROCEDURE_DEFAULTS;
  return {
    heirWait: p.heirWait.value,
    extensions: Object.fromEntries(p.extensions.value.map((e) => [e.period, e.maxCalendarDays])) as Partial<
      Record<PeriodKey, number>
    >,
    suspensionGrounds: p.suspensionGrounds.value,
    statutoryPeriods: {
      FULL: PERIOD_KEYS.filter((k) => k !== 'reminderLead' && !d.periods[k].bureauChoice),
      DIRECT: p.statutoryOnDirectRoute.value,
    },
    urgeBureauDeadlines: p.urgeBureauDeadlines.value,
    fromDocument: d.procedure !== undefined,
  };
}

const PROCEDURE_DEFAULTS: ProcedureSection = (() => {
  const { $comment: _comment, ...section } = procedureDefaults as Record<string, unknown>;
  const issues: PolicyIssue[] = [];
  check(PROCEDURE_SPEC, section, 'procedure', issues);
  if (issues.length > 0) throw new Error(`procedure-defaults.json is invalid: ${JSON.stringify(issues)}`);
  return section as unknown as ProcedureSection;
})();

/** Every value marked `toConfirm`, as "path value: source (note)", for the README and the bureau. */
export function parametersToConfirm(d: PolicyDocument): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v) || !v || typeof v !== 'object') return;
    const r = v as Record<string, unknown>;
    if ('value' in r && 'source' in r) {
      if (r.toConfirm)
        out.push(
          `${path} = ${JSON.stringify(r.value)}: ${String(r.source)}${r.note ? ` (${String(r.note)})` : ''}`,
        );
      return;
    }
    for (const [k, x] of Object.entries(r)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(d, '');
  return out;
}

export class PolicyDocumentInvalidError extends Error {
  readonly code = 'POLICY_DOCUMENT_INVALID';
  constructor(readonly issues: readonly PolicyIssue[]) {
    super(
      `the policy document has ${issues.length} problem(s): ` +
        issues.map((i) => `${i.path}: ${i.messageEn}`).join('; '),
    );
    this.name = 'PolicyDocumentInvalidError';
  }
}

/** A validated document with its calculators' view and its identity. */
export interface LoadedPolicy {
  readonly document: PolicyDocument;
  readonly version: PolicyVersion;
  readonly hash: string;
}

export function loadPolicyDocument(raw: unknown): LoadedPolicy {
  const issues = validatePolicyDocument(raw);
  if (issues.length) throw new PolicyDocumentInvalidError(issues);
  const document = raw as PolicyDocument;
  return { document, version: versionFromDocument(document), hash: policyHash(document) };
}

/**
 * 继续执行: the same parameters under a new range and the document that says so. The result is a new
 * document (a new version with its own hash), published like any other.
 */
export function continuationOf(
  base: LoadedPolicy,
  options: {
    id: string;
    from: IsoDate;
    to: IsoDate;
    reference: string;
    issuedOn?: IsoDate;
    /** Issue 15: the departments list the continuing notice adds (the base's is kept otherwise). */
    verification?: PolicyDocument['verification'];
    /** What the continuation means for open cases (its own statement, never the base's). */
    openCases?: OpenCasesRule;
  },
): PolicyDocument {
  const { $schema: _s, continues: _c, openCases: _o, ...rest } = base.document;
  const source = `${options.reference} (继续执行 ${base.document.id})`;
  return {
    ...rest,
    id: options.id,
    document: { reference: options.reference, ...(options.issuedOn ? { issuedOn: options.issuedOn } : {}) },
    continues: { id: base.document.id, hash: base.hash },
    ...(options.openCases ? { openCases: { value: options.openCases, source: options.reference } } : {}),
    effective: { from: { value: options.from, source }, to: { value: options.to, source } },
    ...(options.verification ? { verification: options.verification } : {}),
  };
}

/** The departments list of a version (empty when the version carries none). */
export function verificationDepartments(d: PolicyDocument): readonly VerificationDepartment[] {
  return d.verification?.departments ?? [];
}

export type { PolicyIssue } from './spec';
