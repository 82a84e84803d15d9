import Decimal from 'decimal.js';
import { invalid } from './errors';

/**
 * A private Decimal constructor so that no other module's global Decimal.set() can change our precision
 * or rounding. 40 significant digits is far beyond any yuan amount times any rate we handle.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = Decimal;

const MONEY_RE = /^(-?)(\d+)(?:\.(\d+))?$/;
const DECIMAL_RE = /^\d+(?:\.\d+)?$/;

/**
 * Yuan amounts, exact. Inputs come in as strings with at most 2 decimals (fen); arithmetic results
 * that are not whole fen (rate × base) stay Decimal until a component is rounded half-up once.
 */
export class Money {
  private constructor(readonly value: Decimal) {}

  static readonly ZERO = new Money(new Dec(0));

  /** Parses an input amount. JS numbers are refused: a float has already lost the fen. */
  static parse(raw: unknown, field: string, rule = 'money input'): Money {
    if (typeof raw !== 'string') {
      if (typeof raw === 'number') {
        throw invalid(
          'MONEY_NOT_STRING',
          field,
          rule,
          '金额必须以字符串表示（如 "1234.50"），不接受数字类型',
          'money must be given as a string such as "1234.50", never as a JSON number',
        );
      }
      if (raw === undefined || raw === null) {
        throw invalid('MISSING_FIELD', field, rule, '缺少金额', 'amount is missing');
      }
      throw invalid('MONEY_NOT_STRING', field, rule, '金额必须是字符串', 'money must be a string');
    }
    const m = MONEY_RE.exec(raw);
    if (!m) {
      throw invalid('MONEY_FORMAT', field, rule, `金额格式错误：「${raw}」`, `not a yuan amount: "${raw}"`);
    }
    if (m[1] === '-') {
      throw invalid('MONEY_NEGATIVE', field, rule, `金额不得为负数：${raw}`, `amount must not be negative: ${raw}`);
    }
    if (m[3] !== undefined && m[3].length > 2) {
      throw invalid(
        'MONEY_TOO_MANY_DECIMALS',
        field,
        rule,
        `金额最多保留两位小数（分）：${raw}`,
        `amount has more than 2 decimal places (fen): ${raw}`,
      );
    }
    return new Money(new Dec(raw));
  }

  /** Whole-fen values only; used for policy constants and sums of parsed amounts. */
  static of(value: Decimal | string): Money {
    const d = new Dec(value);
    if (!d.equals(d.toDecimalPlaces(2))) {
      throw new Error(`internal: ${d.toString()} is not a whole number of fen`);
    }
    return new Money(d);
  }

  /** The one rounding step of a component: half-up to the fen (DOMAIN "Amounts"). */
  static roundHalfUp(value: Decimal): Money {
    return new Money(value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
  }

  plus(o: Money): Money {
    return new Money(this.value.plus(o.value));
  }
  minus(o: Money): Money {
    return new Money(this.value.minus(o.value));
  }
  /** Exact product; round it with Money.roundHalfUp where the article says a component is paid. */
  times(rate: Decimal): Decimal {
    return this.value.times(rate);
  }
  min(o: Money): Money {
    return this.value.lte(o.value) ? this : o;
  }
  max(o: Money): Money {
    return this.value.gte(o.value) ? this : o;
  }
  /** max(0, this − o): room left under a cap, or the part of a figure not yet paid. */
  minusFloorZero(o: Money): Money {
    return this.value.gt(o.value) ? new Money(this.value.minus(o.value)) : Money.ZERO;
  }
  cmp(o: Money): number {
    return this.value.comparedTo(o.value);
  }
  gt(o: Money): boolean {
    return this.value.gt(o.value);
  }
  gte(o: Money): boolean {
    return this.value.gte(o.value);
  }
  lt(o: Money): boolean {
    return this.value.lt(o.value);
  }
  lte(o: Money): boolean {
    return this.value.lte(o.value);
  }
  eq(o: Money): boolean {
    return this.value.eq(o.value);
  }
  isZero(): boolean {
    return this.value.isZero();
  }
  isNegative(): boolean {
    return this.value.isNegative() && !this.value.isZero();
  }
  /** '1234.50' — Decimal#toFixed formats the exact decimal; no binary float is involved. */
  toString(): string {
    return this.value.toFixed(2);
  }
  toJSON(): string {
    return this.toString();
  }
}

/** Non-money decimals given as strings (displacement in litres, rates in policy data). */
export function parseDecimal(raw: unknown, field: string, rule: string): Decimal {
  if (typeof raw !== 'string' || !DECIMAL_RE.test(raw)) {
    throw invalid(
      raw === undefined ? 'MISSING_FIELD' : 'DECIMAL_FORMAT',
      field,
      rule,
      `须为非负小数字符串（如 "1.6"）`,
      `must be a non-negative decimal string such as "1.6"`,
    );
  }
  return new Dec(raw);
}

/** Rates are printed as percentages in explanations: '0.7' → '70%'. */
export function percent(rate: Decimal): string {
  return `${rate.times(100).toString()}%`;
}

export function sum(items: readonly Money[]): Money {
  let acc = Money.ZERO;
  for (const m of items) acc = acc.plus(m);
  return acc;
}
