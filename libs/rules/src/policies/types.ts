import type { BillKind, Category } from '../categories';
import type { IsoDate } from '../dates';

/**
 * A policy version is plain data (strings for every amount and rate) so it can be stored, diffed and
 * reproduced exactly; the calculators read it, they never hard-code a figure.
 */

export type PeriodUnit = 'workingDays' | 'calendarDays' | 'months';

export interface Period {
  readonly unit: PeriodUnit;
  readonly count: number;
  /** Where the figure comes from; 'parameter' when the measures are silent and the bureau chose it. */
  readonly basis: string;
  /** False when the measures set no period and the bureau chose it (DOMAIN.md: "marked so"). */
  readonly statutory: boolean;
}

/** Deadlines of the Art. 15 process (DOMAIN.md process table) consumed by the workflow. */
export interface ProcessPeriods {
  /** 申请/受理 — the measures give no period; bureau parameter. */
  readonly acceptance: Period;
  /** 入户调查 — Art. 15(2), from acceptance. */
  readonly investigation: Period;
  /** 审核意见 — Art. 15(3), after the investigation. */
  readonly townReview: Period;
  /** 第一次公示 — Art. 15(3) "公示期为5日". */
  readonly firstNotice: Period;
  /** 民主评议 — Art. 15(4) gives no period; bureau parameter. */
  readonly democraticReview: Period;
  /** 上报区民政 — Art. 15(4), after the first notice ends. */
  readonly submission: Period;
  /** 区民政审核 — Art. 15(6). */
  readonly districtReview: Period;
  /** 第二次公示 — Art. 15(7). */
  readonly secondNotice: Period;
  /** 重新调查核实 — Art. 15(8) second paragraph. */
  readonly reinvestigation: Period;
  /** 审批决定 — Art. 15(8), after the second notice ends. */
  readonly approval: Period;
  /** 向财政申请 — Art. 15(8), after approval. */
  readonly fundsRequest: Period;
  /** 财政拨付 — Art. 15(8), after the request. */
  readonly disbursement: Period;
  /** 救助名单公示 — Art. 16 "为期半年". */
  readonly recipientsList: Period;
  /** 书面告知 (refusal with reasons) — Art. 15(5), 15(8). */
  readonly refusalNotice: Period;
  /** How long before a due date the reminder goes out (督查督办); bureau parameter. */
  readonly reminderLead: Period;
  /**
   * Civil Code Art. 203: a calendar-day period whose last day is a statutory holiday ends on the first
   * working day after it. On by default.
   */
  readonly calendarDayHolidayExtension: boolean;
}

export type PeriodKey = Exclude<keyof ProcessPeriods, 'calendarDayHolidayExtension'>;

export interface BasicAidRule {
  readonly rate: string;
  readonly annualCap: string;
  readonly coveredKinds: readonly BillKind[];
  readonly article: string;
  /** True where the figure is a parameter to confirm rather than a number from the measures. */
  readonly toConfirm?: boolean;
}

export type VehicleType =
  'DISABILITY_SCOOTER' | 'MOTORCYCLE' | 'TRICYCLE' | 'LIGHT_TRUCK' | 'MINIBUS' | 'CAR' | 'SHIP' | 'OTHER';

/** A ground on which aid may be suspended, with the article it comes from. */
export interface SuspensionGround {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly article: string;
  /** The only categories the ground applies to (absent: every category). */
  readonly categories?: readonly Category[];
}

export type ResidenceRule = 'REGISTERED_ONLY' | 'REGISTERED_OR_PERMIT';

export interface PolicyVersion {
  readonly id: string;
  readonly titleZh: string;
  readonly titleEn: string;
  /** Inclusive. */
  readonly effectiveFrom: IsoDate;
  /** Inclusive. */
  readonly effectiveTo: IsoDate;
  /** The text that enacts this version (the measures, or a notice that continues them). */
  readonly documentReference: string;
  /** Whether cases still open adopt this version for decisions not yet made (document `openCases`). */
  readonly openCases: 'KEEP_THEIR_VERSION' | 'ADOPT_FOR_DECISIONS_NOT_YET_MADE';

  /** 本区最低生活保障标准 (yuan per person per month); Art. 6's limit M is `propertyMonths` of it. */
  readonly dibaoMonthlyStandard: string;

  readonly basicAid: Readonly<Record<Category, BasicAidRule>>;

  readonly secondaryAid: {
    /** 在2000元或以上 — inclusive. */
    readonly threshold: string;
    readonly rate: string;
    readonly annualCap: string;
    readonly categories: readonly Category[];
    readonly article: string;
  };

  readonly childSpecialDisease: {
    /** 0—14周岁（含14周岁）. */
    readonly maxAgeInclusive: number;
    readonly rate: string;
    readonly diseases: readonly ('ACUTE_LEUKAEMIA' | 'CONGENITAL_HEART_DISEASE')[];
    readonly article: string;
  };

  readonly mentalRehab: {
    readonly categories: readonly Category[];
    readonly grades: readonly number[];
    readonly annualCap: string;
    readonly maxConsecutiveYears: number;
    readonly courseMonths: number;
    readonly article: string;
  };

  readonly eligibility: {
    /** Residence rule per category (Art. 5(1) registered only, Art. 5(2) registered or permit). */
    readonly residence: Readonly<Record<Category, ResidenceRule>>;
    /** 居住满半年以上 — inclusive. */
    readonly minResidenceMonths: number;
    /** 达到或超过 … 60% — inclusive. */
    readonly burdenRatio: string;
    readonly burdenCategories: readonly Category[];
    /** Art. 6 applies to these categories only. */
    readonly propertyCategories: readonly Category[];
    readonly propertyMonths: number;
    /** 不超过1套 — inclusive. */
    readonly maxHomes: number;
    readonly vehicles: {
      readonly alwaysExempt: readonly VehicleType[];
      /** 车龄在5年以上 — inclusive. */
      readonly lightTruckMinAgeYears: number;
      /** 1.6升以下 — inclusive. */
      readonly lightTruckMaxLitres: string;
      /** 1.4升以下 — inclusive. */
      readonly minibusMaxLitres: string;
      /** Whether "用于生计的且车龄在5年以上" also governs the minibus; see README. */
      readonly minibusRequiresLivelihoodAndAge: boolean;
    };
    /** Art. 7: adulthood (Civil Code Art. 17: 18 周岁). */
    readonly adultAge: number;
    /** 连续三年以上（含三年） — inclusive. */
    readonly clergyApartYears: number;
  };

  /** Art. 17: amounts up to and including the threshold are decided by the bureau, above by the leader. */
  readonly approvalThresholds: Readonly<Record<Category, string>>;

  readonly periods: ProcessPeriods;

  /** 督查督办: a person reminded this many times or more (以上 includes it) on unfinished work is flagged. */
  readonly supervision: { readonly urgeFlagThreshold: number };

  /** The process by the letter (issue 12), as the case workflow carries it. */
  readonly procedure: {
    readonly heirWait: { readonly unit: PeriodUnit; readonly count: number };
    /** Longest extension in calendar days past the statutory due date, per extendable period. */
    readonly extensions: Readonly<Partial<Record<PeriodKey, number>>>;
    readonly suspensionGrounds: readonly SuspensionGround[];
    /** Periods the measures set, by route (the rest are the bureau's parameters). */
    readonly statutoryPeriods: Readonly<Record<'FULL' | 'DIRECT', readonly PeriodKey[]>>;
    readonly urgeBureauDeadlines: boolean;
    /** False: the document has no procedure section and `procedure-defaults.json` applies. */
    readonly fromDocument: boolean;
  };

  /** Human notes on parameters that the measures do not fix; printed in the README. */
  readonly parametersToConfirm: readonly string[];
}
