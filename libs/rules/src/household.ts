import { parseDate, fullYears, hasFullYears, type IsoDate } from './dates';
import { invalid } from './errors';
import { readArray, readEnum, readInt, readObject, readOptionalBool, readString, readBool } from './fields';
import { Money, parseDecimal, type Dec } from './money';
import type { PolicyVersion, VehicleType } from './policies/types';

/** Relation to the applicant, as Art. 7 lists household members. */
export const RELATIONS = ['SELF', 'SPOUSE', 'PARENT', 'CHILD', 'OTHER_DEPENDANT'] as const;
export type Relation = (typeof RELATIONS)[number];

export const VEHICLE_TYPES: readonly VehicleType[] = [
  'DISABILITY_SCOOTER', // 残疾人代步车
  'MOTORCYCLE', // 摩托车
  'TRICYCLE', // 三轮车
  'LIGHT_TRUCK', // 小货车
  'MINIBUS', // 小型面包车
  'CAR',
  'SHIP', // 船舶
  'OTHER',
];

export const BUSINESS_KINDS = ['COUPLE_WORKSHOP', 'SMALL_SHOP', 'OTHER'] as const;
export type BusinessKind = (typeof BUSINESS_KINDS)[number];

export const EDUCATION_LEVELS = ['NONE', 'BACHELOR_OR_BELOW', 'POSTGRADUATE'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export interface Vehicle {
  readonly type: VehicleType;
  readonly firstRegistrationDate?: IsoDate;
  readonly displacementLitres?: Dec;
  readonly usedForLivelihood?: boolean;
}

export interface Business {
  /** 工业、商业、服务业营利性组织; COUPLE_WORKSHOP 夫妻作坊, SMALL_SHOP 小卖部. */
  readonly kind: BusinessKind;
  readonly employees: number;
}

export interface Assets {
  /** 产权房屋 in this member's name (list a jointly owned home under one member only). */
  readonly homes: number;
  readonly deposits: Money;
  /** 有价证券、基金 at market value. */
  readonly securities: Money;
  readonly vehicles: readonly Vehicle[];
  readonly businesses: readonly Business[];
}

export interface Member {
  readonly id: string;
  readonly relation: Relation;
  readonly birthDate: IsoDate;
  readonly cannotLiveIndependently: boolean;
  readonly education: EducationLevel;
  readonly legalSupportDuty: boolean;
  readonly livesTogetherLongTerm: boolean;
  readonly clergyLivingApartSince?: IsoDate;
  readonly servingPrisonSentence: boolean;
  readonly assets: Assets;
  /** This year's self-paid inpatient and specified-outpatient costs (Art. 5(2)); absent = none. */
  readonly medicalCosts: { readonly inpatientSelfPaid: Money; readonly specifiedOutpatientSelfPaid: Money };
}

const R = 'Art. 7 家庭成员';

function readVehicle(raw: unknown, f: string): Vehicle {
  const o = readObject(raw, f, 'Art. 6(3)', [
    'type',
    'firstRegistrationDate',
    'displacementLitres',
    'usedForLivelihood',
  ]);
  const type = readEnum(o.type, `${f}.type`, 'Art. 6(3)', VEHICLE_TYPES);
  // The truck and minibus exemptions turn on age, engine size and use: without them we cannot decide.
  if (type === 'LIGHT_TRUCK' || type === 'MINIBUS') {
    return {
      type,
      firstRegistrationDate: parseDate(
        o.firstRegistrationDate,
        `${f}.firstRegistrationDate`,
        'Art. 6(3) 车龄',
      ),
      displacementLitres: parseDecimal(o.displacementLitres, `${f}.displacementLitres`, 'Art. 6(3) 排气量'),
      usedForLivelihood: readBool(o.usedForLivelihood, `${f}.usedForLivelihood`, 'Art. 6(3) 用于生计'),
    };
  }
  return { type };
}

function readMember(raw: unknown, f: string): Member {
  const o = readObject(raw, f, R, [
    'id',
    'relation',
    'birthDate',
    'cannotLiveIndependently',
    'education',
    'legalSupportDuty',
    'livesTogetherLongTerm',
    'clergyLivingApartSince',
    'servingPrisonSentence',
    'assets',
    'medicalCosts',
  ]);
  const relation = readEnum(o.relation, `${f}.relation`, R, RELATIONS);
  const a = readObject(o.assets, `${f}.assets`, 'Art. 6', [
    'homes',
    'deposits',
    'securities',
    'vehicles',
    'businesses',
  ]);
  const vehicles = readArray(a.vehicles, `${f}.assets.vehicles`, 'Art. 6(3)').map((v, i) =>
    readVehicle(v, `${f}.assets.vehicles[${i}]`),
  );
  const businesses = readArray(a.businesses, `${f}.assets.businesses`, 'Art. 6(5)').map((b, i) => {
    const bo = readObject(b, `${f}.assets.businesses[${i}]`, 'Art. 6(5)', ['kind', 'employees']);
    return {
      kind: readEnum(bo.kind, `${f}.assets.businesses[${i}].kind`, 'Art. 6(5)', BUSINESS_KINDS),
      employees: readInt(bo.employees, `${f}.assets.businesses[${i}].employees`, 'Art. 6(5)', 0, 1_000_000),
    };
  });
  let medicalCosts = { inpatientSelfPaid: Money.ZERO, specifiedOutpatientSelfPaid: Money.ZERO };
  if (o.medicalCosts !== undefined) {
    const m = readObject(o.medicalCosts, `${f}.medicalCosts`, 'Art. 5(2)', [
      'inpatientSelfPaid',
      'specifiedOutpatientSelfPaid',
    ]);
    medicalCosts = {
      inpatientSelfPaid: Money.parse(m.inpatientSelfPaid, `${f}.medicalCosts.inpatientSelfPaid`, 'Art. 5(2)'),
      specifiedOutpatientSelfPaid: Money.parse(
        m.specifiedOutpatientSelfPaid,
        `${f}.medicalCosts.specifiedOutpatientSelfPaid`,
        'Art. 5(2)',
      ),
    };
  } else if (relation === 'SELF') {
    throw invalid(
      'MISSING_HOUSEHOLD_DATA',
      `${f}.medicalCosts`,
      'Art. 5(2)',
      '缺少申请人本年度个人负担医疗费用',
      "the applicant's self-paid medical costs for the year are missing",
    );
  }
  const education =
    o.education === undefined ? 'NONE' : readEnum(o.education, `${f}.education`, R, EDUCATION_LEVELS);
  return {
    id: readString(o.id, `${f}.id`, R),
    relation,
    birthDate: parseDate(o.birthDate, `${f}.birthDate`, R),
    cannotLiveIndependently: readOptionalBool(
      o.cannotLiveIndependently,
      `${f}.cannotLiveIndependently`,
      'Art. 7(3)',
    ),
    education,
    legalSupportDuty: readOptionalBool(o.legalSupportDuty, `${f}.legalSupportDuty`, 'Art. 7(4)'),
    livesTogetherLongTerm: readOptionalBool(
      o.livesTogetherLongTerm,
      `${f}.livesTogetherLongTerm`,
      'Art. 7(4)',
    ),
    ...(o.clergyLivingApartSince !== undefined
      ? {
          clergyLivingApartSince: parseDate(
            o.clergyLivingApartSince,
            `${f}.clergyLivingApartSince`,
            'Art. 7 不计入(1)',
          ),
        }
      : {}),
    servingPrisonSentence: readOptionalBool(
      o.servingPrisonSentence,
      `${f}.servingPrisonSentence`,
      'Art. 7 不计入(2)',
    ),
    assets: {
      homes: readInt(a.homes, `${f}.assets.homes`, 'Art. 6(1)', 0, 1000),
      deposits: Money.parse(a.deposits, `${f}.assets.deposits`, 'Art. 6(2)'),
      securities: Money.parse(a.securities, `${f}.assets.securities`, 'Art. 6(4)'),
      vehicles,
      businesses,
    },
    medicalCosts,
  };
}

export function parseMembers(raw: unknown): Member[] {
  const list = readArray(raw, 'members', R);
  if (list.length === 0) {
    throw invalid(
      'MISSING_HOUSEHOLD_DATA',
      'members',
      R,
      '缺少家庭成员资料',
      'household members are missing',
    );
  }
  const members = list.map((m, i) => readMember(m, `members[${i}]`));
  const selves = members.filter((m) => m.relation === 'SELF');
  if (selves.length !== 1) {
    throw invalid(
      'HOUSEHOLD_INCONSISTENT',
      'members',
      R,
      '家庭成员中须有且仅有一名申请人本人（SELF）',
      'the household must list exactly one member with relation SELF (the applicant)',
    );
  }
  const ids = new Set<string>();
  members.forEach((m, i) => {
    if (ids.has(m.id)) {
      throw invalid(
        'DUPLICATE_ID',
        `members[${i}].id`,
        R,
        `成员编号重复：${m.id}`,
        `duplicate member id: ${m.id}`,
      );
    }
    ids.add(m.id);
  });
  return members;
}

export interface MembershipDecision {
  readonly id: string;
  readonly relation: Relation;
  readonly counted: boolean;
  readonly article: string;
  readonly reasonZh: string;
  readonly reasonEn: string;
}

/**
 * Art. 7: who is a "共同生活的家庭成员". The exclusions (clergy apart 3+ years, prisoners) override the
 * inclusions, because the article lists them as people not counted even when otherwise covered.
 */
export function decideMembership(m: Member, on: IsoDate, policy: PolicyVersion): MembershipDecision {
  const e = policy.eligibility;
  const base = { id: m.id, relation: m.relation };
  if (m.relation !== 'SELF') {
    if (m.servingPrisonSentence) {
      return {
        ...base,
        counted: false,
        article: 'Art. 7 不计入(2)',
        reasonZh: '在押服刑人员',
        reasonEn: 'serving a prison sentence',
      };
    }
    if (m.clergyLivingApartSince && hasFullYears(m.clergyLivingApartSince, on, e.clergyApartYears)) {
      return {
        ...base,
        counted: false,
        article: 'Art. 7 不计入(1)',
        reasonZh: `连续${e.clergyApartYears}年以上（含）脱离家庭独立生活的宗教教职人员`,
        reasonEn: `clergy living apart from the family for ${e.clergyApartYears} years or more`,
      };
    }
  }
  switch (m.relation) {
    case 'SELF':
      return { ...base, counted: true, article: 'Art. 7', reasonZh: '申请人本人', reasonEn: 'the applicant' };
    case 'SPOUSE':
      return { ...base, counted: true, article: 'Art. 7(1)', reasonZh: '配偶', reasonEn: 'spouse' };
    case 'PARENT':
      return { ...base, counted: true, article: 'Art. 7(2)', reasonZh: '父母', reasonEn: 'parent' };
    case 'CHILD': {
      const age = fullYears(m.birthDate, on);
      if (age < e.adultAge) {
        return {
          ...base,
          counted: true,
          article: 'Art. 7(2)',
          reasonZh: `未成年子女（${age}周岁）`,
          reasonEn: `minor child (${age})`,
        };
      }
      if (m.cannotLiveIndependently) {
        return {
          ...base,
          counted: true,
          article: 'Art. 7(3)',
          reasonZh: '已成年但不能独立生活的子女',
          reasonEn: 'adult child unable to live independently',
        };
      }
      if (m.education === 'BACHELOR_OR_BELOW') {
        return {
          ...base,
          counted: true,
          article: 'Art. 7(3)',
          reasonZh: '在校接受本科及以下学历教育的成年子女',
          reasonEn: 'adult child in education up to bachelor level',
        };
      }
      return {
        ...base,
        counted: false,
        article: 'Art. 7(2)(3)',
        reasonZh: '能独立生活的成年子女',
        reasonEn: 'adult child able to live independently',
      };
    }
    case 'OTHER_DEPENDANT':
      if (m.legalSupportDuty && m.livesTogetherLongTerm) {
        return {
          ...base,
          counted: true,
          article: 'Art. 7(4)',
          reasonZh: '具有法定赡养、扶养、抚养义务并长期共同居住',
          reasonEn: 'legal duty of support and living together long-term',
        };
      }
      return {
        ...base,
        counted: false,
        article: 'Art. 7(4)',
        reasonZh: '无法定赡养扶养抚养义务或未长期共同居住',
        reasonEn: 'no legal duty of support or not living together long-term',
      };
    default: {
      const never: never = m.relation;
      throw new Error(`unhandled relation ${String(never)}`);
    }
  }
}
