/**
 * Errors are values with a stable code, the offending field path, the rule (article) they enforce and a
 * message in Chinese and English, so the API can map them to one JSON shape and a caseworker can act.
 */
export type RulesErrorCode =
  | 'INVALID_TYPE'
  | 'MISSING_FIELD'
  | 'UNKNOWN_FIELD'
  | 'MONEY_NOT_STRING'
  | 'MONEY_FORMAT'
  | 'MONEY_NEGATIVE'
  | 'MONEY_TOO_MANY_DECIMALS'
  | 'DECIMAL_FORMAT'
  | 'DATE_FORMAT'
  | 'DATE_ORDER'
  | 'UNKNOWN_CATEGORY'
  | 'UNKNOWN_VALUE'
  | 'COMPLIANT_EXCEEDS_TOTAL'
  | 'REIMBURSEMENT_EXCEEDS_COST'
  | 'LIMITED_EXCEEDS_COMPLIANT'
  | 'CHILD_RULE_FOR_ADULT'
  | 'RULE_NOT_APPLICABLE'
  | 'MISSING_HOUSEHOLD_DATA'
  | 'HOUSEHOLD_INCONSISTENT'
  | 'YEAR_TO_DATE_EXCEEDS_CAP'
  | 'BILL_OUTSIDE_AID_YEAR'
  | 'BILLS_SPAN_YEARS'
  | 'DUPLICATE_ID'
  | 'UNINSURED_DATA'
  | 'NO_POLICY_IN_FORCE'
  | 'FACT_WITHOUT_SOURCE'
  | 'SYSTEM_DECIDED_FIELD'
  | 'INTERNAL_INVARIANT';

export interface RulesErrorJson {
  readonly code: RulesErrorCode;
  readonly field: string;
  readonly rule: string;
  readonly messageZh: string;
  readonly messageEn: string;
}

export class RulesError extends Error implements RulesErrorJson {
  constructor(
    readonly code: RulesErrorCode,
    readonly field: string,
    readonly rule: string,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`[${code}] ${field}: ${messageEn} (${rule}) / ${messageZh}`);
    this.name = new.target.name;
  }

  toJSON(): RulesErrorJson {
    return {
      code: this.code,
      field: this.field,
      rule: this.rule,
      messageZh: this.messageZh,
      messageEn: this.messageEn,
    };
  }
}

/** Bad input: nothing is coerced, the caller must correct the named field. */
export class RulesValidationError extends RulesError {}

/** No policy version is in force on the date asked for; there is deliberately no default version. */
export class NoPolicyInForceError extends RulesError {
  constructor(readonly date: string) {
    super(
      'NO_POLICY_IN_FORCE',
      'applicationDate',
      'policy effective ranges',
      `${date} 不在任何医疗救助政策版本的有效期内`,
      `no medical-aid policy version is in force on ${date}`,
    );
  }
}

/** A bug, not bad input: e.g. a breakdown that does not add up to its total. */
export class RulesInvariantError extends RulesError {}

export function invalid(
  code: RulesErrorCode,
  field: string,
  rule: string,
  messageZh: string,
  messageEn: string,
): RulesValidationError {
  return new RulesValidationError(code, field, rule, messageZh, messageEn);
}
