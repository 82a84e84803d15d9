import { parseDate, yearOf } from './dates';
import { invalid, type RulesValidationError } from './errors';
import { readArray, readInt } from './fields';

/**
 * The aid year (Art. 9, 10 年度累计) is the calendar year of the costs, not of the application or the
 * payment: one application holds the costs of one year. These helpers let the worker learn a request's
 * aid year before the full calculation, to read that year's figures from its own ledger.
 */

const RULE = 'Art. 9, 10 年度累计';

export function billsSpanYears(field: string, first: number, other: number): RulesValidationError {
  return invalid(
    'BILLS_SPAN_YEARS',
    `${field}.date`,
    RULE,
    `费用分属 ${first} 年和 ${other} 年：年度限额按费用发生年度计算，请按年度拆分为两份申请`,
    `the bills fall in ${first} and ${other}: the annual caps are per year of the costs, so split the application by year`,
  );
}

export function aidYearNeeded(): RulesValidationError {
  return invalid(
    'MISSING_FIELD',
    'aidYear',
    RULE,
    '没有费用票据时须填写救助年度（康复治疗费用所属年度）',
    'with no bills, the aid year (the year of the rehabilitation costs) must be given',
  );
}

/**
 * The aid year of a raw `calculate` input: the year shared by all its bills' dates; `aidYear` when
 * stated (every bill must then fall in it) or when there are no bills. Bills in two years are refused
 * (`BILLS_SPAN_YEARS`): the reviewer splits the application by year. Reads only `aidYear` and the bill
 * dates; the full check of the rest is `parseCalculationInput`'s.
 */
export function aidYearOf(raw: unknown): number {
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid('INVALID_TYPE', '$', 'calculation input', '须为对象', 'must be an object');
  }
  const o = raw as Readonly<Record<string, unknown>>;
  const stated = o.aidYear === undefined ? undefined : readInt(o.aidYear, 'aidYear', RULE, 1900, 9999);
  const bills = readArray(o.bills, 'bills', 'calculation input');
  let year = stated;
  for (let i = 0; i < bills.length; i++) {
    const f = `bills[${i}]`;
    const b = bills[i];
    if (b === null || typeof b !== 'object' || Array.isArray(b)) {
      throw invalid('INVALID_TYPE', f, 'calculation input', '须为对象', 'must be an object');
    }
    const y = yearOf(parseDate((b as { date?: unknown }).date, f, 'calculation input', '.date'));
    if (year === undefined) year = y;
    else if (y !== year) {
      if (stated === undefined) throw billsSpanYears(f, year, y);
      throw invalid(
        'BILL_OUTSIDE_AID_YEAR',
        `${f}.date`,
        RULE,
        `费用日期不在救助年度 ${stated} 内：年度限额按费用发生年度计算，不同年度的费用请分别申请`,
        `the cost date is outside the aid year ${stated}: the annual caps are per year of the costs, so costs of another year need their own application`,
      );
    }
  }
  if (year === undefined) throw aidYearNeeded();
  return year;
}

/**
 * Input fields the system decides from its own records, never the requester: in a case, the application
 * date and the category are the case's own, and `yearToDate` is what the ledger says was already granted
 * to the person for the aid year (Art. 9, 10). The API refuses a request carrying any of them; the worker
 * fills them before calling `calculate`. (The CLI and the preview endpoint still take them: they
 * compute what-ifs outside any case.)
 */
export const SYSTEM_DECIDED_CALCULATION_FIELDS = ['applicationDate', 'category', 'yearToDate'] as const;
export type SystemDecidedCalculationField = (typeof SYSTEM_DECIDED_CALCULATION_FIELDS)[number];

const WHY: Readonly<Record<SystemDecidedCalculationField, readonly [string, string]>> = {
  applicationDate: ['系统取自案件的申请日期', "the system takes it from the case's application date"],
  category: ['系统取自案件的救助对象类别', "the system takes it from the case's category"],
  yearToDate: [
    '本年度已获救助等累计数由系统根据救助台账计算',
    "the year's aid already granted is computed by the system from its own aid ledger",
  ],
};

/** The system-decided fields present in a raw `calculate` input (empty when none). */
export function systemDecidedFieldsIn(raw: unknown): SystemDecidedCalculationField[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const o = raw as Readonly<Record<string, unknown>>;
  return SYSTEM_DECIDED_CALCULATION_FIELDS.filter((k) => o[k] !== undefined);
}

/** Throws `SYSTEM_DECIDED_FIELD` naming the first system-decided field a request carries. */
export function refuseSystemDecidedFields(raw: unknown): void {
  const present = systemDecidedFieldsIn(raw);
  if (present.length === 0) return;
  const field = present[0]!;
  const [zh, en] = WHY[field];
  throw invalid(
    'SYSTEM_DECIDED_FIELD',
    field,
    'Art. 9, 10; case record',
    `「${field}」不得在申请中填写：${zh}`,
    `"${field}" must not be sent: ${en}`,
  );
}
