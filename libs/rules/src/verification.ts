import { parseMembers } from './household';

/**
 * Issue 15: what a department answers in a household economic verification (家庭经济状况核对), and how an
 * answer becomes an eligibility fact. Which department answers which of these fields is policy data (the
 * policy document's `verification.departments`); the fields themselves are code, because each one is read by
 * a rule (Arts. 5-6) or shown beside the result.
 *
 * `target` says where an answer lands in the investigation's household facts (`parseHouseholdFacts`):
 * a member's asset group, the household's residence, or nowhere (`info`: shown in the explanation only).
 */
export const VERIFICATION_FIELDS = {
  homes: { kind: 'count', target: 'asset', zh: '住房套数', en: 'homes owned', article: 'Art. 6(1)' },
  deposits: { kind: 'money', target: 'asset', zh: '存款', en: 'deposits', article: 'Art. 6(2)' },
  securities: { kind: 'money', target: 'asset', zh: '有价证券', en: 'securities', article: 'Art. 6(4)' },
  vehicles: { kind: 'vehicles', target: 'asset', zh: '机动车辆', en: 'vehicles', article: 'Art. 6(3)' },
  businesses: { kind: 'businesses', target: 'asset', zh: '经营实体', en: 'businesses', article: 'Art. 6(5)' },
  registeredInDistrict: {
    kind: 'boolean',
    target: 'residence',
    zh: '本区户籍',
    en: 'registered in the district',
    article: 'Art. 5',
  },
  socialInsurance: { kind: 'text', target: 'info', zh: '社会保险参保', en: 'social insurance', article: '' },
  employment: { kind: 'text', target: 'info', zh: '就业情况', en: 'employment', article: '' },
  taxPaid12m: { kind: 'money', target: 'info', zh: '近12个月纳税', en: 'tax paid, 12 months', article: '' },
  housingFund: { kind: 'text', target: 'info', zh: '住房公积金缴存使用', en: 'housing fund', article: '' },
  operatingVehicles: { kind: 'count', target: 'info', zh: '营运车辆', en: 'operating vehicles', article: '' },
  landAndSubsidies: {
    kind: 'text',
    target: 'info',
    zh: '土地承包及补助',
    en: 'land and subsidies',
    article: '',
  },
  relocationCompensation: {
    kind: 'money',
    target: 'info',
    zh: '拆迁补偿',
    en: 'relocation compensation',
    article: '',
  },
  disabilityGrade: {
    kind: 'text',
    target: 'info',
    zh: '残疾类别及等级',
    en: 'disability grade',
    article: '',
  },
} as const;

export type VerificationField = keyof typeof VERIFICATION_FIELDS;
export const VERIFICATION_FIELD_NAMES = Object.keys(VERIFICATION_FIELDS) as VerificationField[];

export function isVerificationField(value: unknown): value is VerificationField {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(VERIFICATION_FIELDS, value);
}

export interface VerificationValueProblem {
  readonly field: string;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
}

const MONEY = /^(0|[1-9][0-9]*)\.[0-9]{2}$/;
const EMPTY_ASSETS = { homes: 0, deposits: '0.00', securities: '0.00', vehicles: [], businesses: [] };

/**
 * Every problem of one answer: each field asked must be answered in its form, nothing else may be sent.
 * Vehicles and businesses are checked by the very parser the eligibility rules use.
 */
export function verificationValueProblems(
  fields: readonly string[],
  values: unknown,
  prefix = 'values',
): VerificationValueProblem[] {
  const out: VerificationValueProblem[] = [];
  const add = (field: string, code: string, zh: string, en: string) =>
    out.push({ field, code, messageZh: zh, messageEn: en });
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    add(prefix, 'INVALID_TYPE', '须为按核对事项填写的对象。', 'must be an object keyed by the fields asked.');
    return out;
  }
  const v = values as Record<string, unknown>;
  for (const key of Object.keys(v)) {
    if (!fields.includes(key))
      add(
        `${prefix}.${key}`,
        'UNKNOWN_FIELD',
        `本请求未核对此事项（须为：${fields.join('、')}）。`,
        `this field was not asked (asked: ${fields.join(', ')}).`,
      );
  }
  for (const field of fields) {
    const path = `${prefix}.${field}`;
    const value = v[field];
    if (value === undefined || value === null || value === '') {
      add(path, 'MISSING_FIELD', '该核对事项未填写。', 'this field was asked and is not answered.');
      continue;
    }
    if (!isVerificationField(field)) {
      add(path, 'UNKNOWN_FIELD', '不是可核对的事项。', 'is not a verification field.');
      continue;
    }
    const problem = valueProblem(field, value);
    if (problem) add(path, problem[0], problem[1], problem[2]);
  }
  return out;
}

function valueProblem(field: VerificationField, value: unknown): [string, string, string] | null {
  switch (VERIFICATION_FIELDS[field].kind) {
    case 'count':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1000
        ? null
        : ['INVALID_TYPE', '须为 0 到 1000 的整数。', 'must be a whole number from 0 to 1000.'];
    case 'money':
      return typeof value === 'string' && MONEY.test(value)
        ? null
        : [
            'MONEY_FORMAT',
            '金额须为带两位小数的字符串，如 "5000.00"。',
            'an amount must be a string with exactly two decimals, e.g. "5000.00".',
          ];
    case 'boolean':
      return typeof value === 'boolean'
        ? null
        : ['INVALID_TYPE', '须为 true 或 false。', 'must be true or false.'];
    case 'text':
      return typeof value === 'string' && value.trim() !== ''
        ? null
        : ['INVALID_TYPE', '须为非空文字。', 'must be non-empty text.'];
    case 'vehicles':
    case 'businesses':
      try {
        parseMembers([
          {
            id: 'answer',
            relation: 'SELF',
            birthDate: '1970-01-01',
            medicalCosts: { inpatientSelfPaid: '0.00', specifiedOutpatientSelfPaid: '0.00' },
            assets: { ...EMPTY_ASSETS, [field]: value },
          },
        ]);
        return null;
      } catch (err) {
        const e = err as { messageZh?: string; messageEn?: string; field?: string };
        const where = (e.field ?? '').replace(/^members\[0\]\.assets\.[a-z]+/, '');
        return [
          'INVALID_VALUE',
          `${where ? `${where}：` : ''}${e.messageZh ?? '格式不对'}`,
          `${where ? `${where}: ` : ''}${e.messageEn ?? 'malformed'}`,
        ];
      }
  }
}

/** One request of the case as the eligibility input needs it (from the case's verification state). */
export interface VerifiedFactsOfRequest {
  readonly requestId: string;
  readonly department: string;
  readonly departmentName: string;
  readonly memberId: string;
  readonly status: 'OPEN' | 'ANSWERED' | 'UNOBTAINABLE';
  /** The department's answer with the caseworker's corrections applied. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly answeredOn: string | null;
  readonly reference: string | null;
  readonly via: string | null;
  readonly reusedFrom: unknown;
  readonly corrections: readonly unknown[];
  readonly unobtainableReason: string | null;
}

/** What the eligibility explanation says about each request. */
export interface VerificationExplanation {
  readonly requestId: string;
  readonly department: string;
  readonly departmentName: string;
  readonly memberId: string;
  readonly status: VerifiedFactsOfRequest['status'];
  readonly applied: readonly string[];
  readonly notApplied: ReadonlyArray<{ field: string; why: string }>;
  readonly answeredOn: string | null;
  readonly reference: string | null;
  readonly via: string | null;
  readonly reusedFrom: unknown;
  readonly corrections: readonly unknown[];
  readonly unobtainableReason: string | null;
}

/**
 * The investigation's household facts with the departments' answers put in: an answered field replaces what
 * the caseworker typed (the department is the source) and adds its evidence (source = the department, date
 * = the answer's date, reference = the department's reference). Unobtainable requests change nothing and are
 * listed for the explanation. Pure: returns a new household.
 */
export function mergeVerifiedFacts(
  household: unknown,
  requests: readonly VerifiedFactsOfRequest[],
): { household: unknown; verifications: VerificationExplanation[] } {
  if (typeof household !== 'object' || household === null || Array.isArray(household))
    return { household, verifications: [] };
  const h = JSON.parse(JSON.stringify(household)) as Record<string, unknown>;
  const members = Array.isArray(h.members) ? (h.members as Array<Record<string, unknown>>) : [];
  const evidence = Array.isArray(h.evidence) ? (h.evidence as unknown[]) : [];
  const verifications: VerificationExplanation[] = [];
  for (const r of requests) {
    const applied: string[] = [];
    const notApplied: Array<{ field: string; why: string }> = [];
    if (r.status === 'ANSWERED') {
      const member = members.find((m) => m.id === r.memberId);
      for (const [field, value] of Object.entries(r.values)) {
        if (!isVerificationField(field)) continue;
        const target = VERIFICATION_FIELDS[field].target;
        if (target === 'info') continue;
        if (target === 'residence') {
          if (typeof h.residence === 'object' && h.residence !== null) {
            (h.residence as Record<string, unknown>)[field] = value;
            evidence.push(sourceOf(r, 'residence'));
            applied.push(field);
          } else notApplied.push({ field, why: 'no residence facts recorded' });
          continue;
        }
        const assets = member?.assets;
        if (typeof assets === 'object' && assets !== null) {
          (assets as Record<string, unknown>)[field] = value;
          evidence.push(sourceOf(r, `members.${r.memberId}.assets.${field}`));
          applied.push(field);
        } else {
          notApplied.push({
            field,
            why: member
              ? `member ${r.memberId} has no asset facts recorded`
              : `no member ${r.memberId} in the household facts`,
          });
        }
      }
    }
    verifications.push({
      requestId: r.requestId,
      department: r.department,
      departmentName: r.departmentName,
      memberId: r.memberId,
      status: r.status,
      applied,
      notApplied,
      answeredOn: r.answeredOn,
      reference: r.reference,
      via: r.via,
      reusedFrom: r.reusedFrom,
      corrections: r.corrections,
      unobtainableReason: r.unobtainableReason,
    });
  }
  if (Array.isArray(h.evidence)) h.evidence = evidence;
  return { household: h, verifications };
}

function sourceOf(r: VerifiedFactsOfRequest, fact: string) {
  return {
    fact,
    source: `${r.departmentName}（家庭经济状况核对${r.via === 'REUSE' ? '，复用' : ''}）`,
    verifiedOn: r.answeredOn!,
    ...(r.reference ? { reference: r.reference } : {}),
  };
}
