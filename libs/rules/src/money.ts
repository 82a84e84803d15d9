import Decimal from 'decimal.js';
import { invalid } from './errors';

/**
 * A private Decimal constructor so that no other module's global Decimal.set() can change our precision
 * or rounding. 40 significant digits is far beyond any yuan amount times any rate we handle.
 */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = Decimal;

const DECIMAL_RE = /^\d+(?:\.\d+)?$/;

/** decimal.js keeps the coefficient in base-1e7 words of 7 decimal digits (LOG_BASE in its source). */
const LOG_BASE = 7;

/**
 * The Decimal of a canonical amount ('0.05', '123456.70': digits, a dot, exactly two decimals, no leading
 * zeros), built straight from its digit characters. It is the same Decimal — same sign, exponent and
 * base-1e7 coefficient words — that `new Dec(s)` gives, without that constructor's regular expressions and
 * intermediate strings (the top cost of parsing an amount). Nothing passes through a binary float: each word
 * is at most 7 decimal digits, exactly as decimal.js stores it. `CANONICAL_FAST_PATH` below checks this
 * against the real constructor when the module loads and falls back to it if they ever disagree.
 */
function buildCanonical(s: string): Decimal {
  const len = s.length;
  const dot = len - 3;
  const n = len - 1; // digits without the dot
  // Digit position p (0 = most significant) is character p before the dot, p + 1 after it.
  let first = 0;
  while (first < n && s.charCodeAt(first < dot ? first : first + 1) === 48) first++;
  if (first === n) return new Dec(0);
  let last = n - 1;
  while (s.charCodeAt(last < dot ? last : last + 1) === 48) last--;
  // Value = digits × 10^-2, so the most significant non-zero digit has exponent n - 3 - first.
  const e = n - 3 - first;
  let k = (e + 1) % LOG_BASE;
  if (e < 0) k += LOG_BASE;
  if (k === 0) k = LOG_BASE;
  // Words: the first holds k digits, the rest LOG_BASE each; the last is padded with zeros on the right.
  const digitCount = last - first + 1;
  const wordCount = digitCount <= k ? 1 : 1 + Math.ceil((digitCount - k) / LOG_BASE);
  let p = first;
  const w0 = word(s, dot, p, k, last);
  p += k;
  let words: number[];
  if (wordCount === 1) {
    words = [w0];
  } else if (wordCount === 2) {
    words = [w0, word(s, dot, p, LOG_BASE, last)];
  } else {
    words = [w0];
    for (; p <= last; p += LOG_BASE) words.push(word(s, dot, p, LOG_BASE, last));
  }
  const x = new Dec(0);
  (x as unknown as { e: number }).e = e;
  (x as unknown as { d: number[] }).d = words;
  return x;
}

/** `size` digits from digit position p (zeros beyond `last`), as one base-1e7 word. */
function word(s: string, dot: number, p: number, size: number, last: number): number {
  let w = 0;
  for (let i = 0; i < size; i++, p++) w = w * 10 + (p <= last ? s.charCodeAt(p < dot ? p : p + 1) - 48 : 0);
  return w;
}

function sameDecimal(a: Decimal, b: Decimal): boolean {
  const ad = (a as unknown as { d: number[] }).d;
  const bd = (b as unknown as { d: number[] }).d;
  if (a.s !== b.s || a.e !== b.e || ad.length !== bd.length || !a.eq(b)) return false;
  for (let i = 0; i < ad.length; i++) if (ad[i] !== bd[i]) return false;
  return a.toString() === b.toString();
}

/** True when buildCanonical agrees with decimal.js on every shape of amount (checked once at load). */
const CANONICAL_FAST_PATH = ((): boolean => {
  const samples = [
    '0.00',
    '0.01',
    '0.05',
    '0.10',
    '0.50',
    '1.00',
    '9.99',
    '10.00',
    '12.30',
    '99999.99',
    '100000.00',
    '123456.78',
    '1234567.00',
    '12345678.90',
    '100000000.01',
    '3000000000000.05',
    '98765432109876543210.10',
  ];
  try {
    return samples.every((s) => sameDecimal(buildCanonical(s), new Dec(s)));
  } catch {
    return false;
  }
})();

/** The Decimal of a canonical amount string (see buildCanonical). */
export function decimalOfCanonical(s: string): Decimal {
  return CANONICAL_FAST_PATH ? buildCanonical(s) : new Dec(s);
}

/**
 * Yuan amounts, exact. Inputs come in as strings with at most 2 decimals (fen); arithmetic results
 * that are not whole fen (rate × base) stay Decimal until a component is rounded half-up once.
 */
/**
 * A Money value always holds whole fen, so its exact decimal text needs at most padding to 2 places.
 * Decimal#toString prints the exact digits (the exponent limits above keep it in plain notation);
 * this avoids toFixed's extra rounding pass on every printed amount.
 */
function format2(d: Decimal): string {
  const s = d.toString();
  const dot = s.indexOf('.');
  if (dot < 0) return `${s}.00`;
  const decimals = s.length - dot - 1;
  if (decimals === 2) return s;
  if (decimals === 1) return `${s}0`;
  throw new Error(`internal: ${s} is not a whole number of fen`);
}

/** Orders two canonical non-negative amounts ('123.40') exactly, by digit strings alone. */
function compareCanonical(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class Money {
  /**
   * Either the Decimal or the canonical string may be known first; the other is derived on demand and
   * kept. Parsed inputs are often only echoed in explanations, so their Decimal is built lazily, and a
   * computed amount is formatted once however many lines quote it.
   */
  private constructor(
    private dec: Decimal | undefined,
    private str: string | undefined,
  ) {}

  static readonly ZERO = new Money(new Dec(0), '0.00');

  get value(): Decimal {
    if (this.dec === undefined) this.dec = decimalOfCanonical(this.str!);
    return this.dec;
  }

  /** Parses an input amount. JS numbers are refused: a float has already lost the fen. */
  static parse(raw: unknown, field: string, rule = 'money input'): Money {
    return Money.parseAt(raw, field, '', rule);
  }

  /**
   * As parse, for the field path `field + sub` (e.g. 'bills[0]' + '.totalCost'): the path is only
   * concatenated when there is an error to report, not on every amount read.
   */
  static parseAt(raw: unknown, field: string, sub: string, rule: string): Money {
    if (typeof raw !== 'string') {
      if (typeof raw === 'number') {
        throw invalid(
          'MONEY_NOT_STRING',
          field + sub,
          rule,
          '金额必须以字符串表示（如 "1234.50"），不接受数字类型',
          'money must be given as a string such as "1234.50", never as a JSON number',
        );
      }
      if (raw === undefined || raw === null) {
        throw invalid('MISSING_FIELD', field + sub, rule, '缺少金额', 'amount is missing');
      }
      throw invalid('MONEY_NOT_STRING', field + sub, rule, '金额必须是字符串', 'money must be a string');
    }
    if (raw === '0.00' || raw === '0') return Money.ZERO;
    // One pass over the characters: digits, at most one '.', then the fen. Hot path of every request.
    const len = raw.length;
    let dot = -1;
    let firstNonZero = -1;
    for (let i = 0; i < len; i++) {
      const c = raw.charCodeAt(i);
      if (c === 46 && dot < 0 && i > 0 && i < len - 1) {
        dot = i;
      } else if (c >= 48 && c <= 57) {
        if (firstNonZero < 0 && c !== 48 && dot < 0) firstNonZero = i;
      } else if (c === 45 && i === 0 && len > 1) {
        throw invalid(
          'MONEY_NEGATIVE',
          field + sub,
          rule,
          `金额不得为负数：${raw}`,
          `amount must not be negative: ${raw}`,
        );
      } else {
        throw invalid(
          'MONEY_FORMAT',
          field + sub,
          rule,
          `金额格式错误：「${raw}」`,
          `not a yuan amount: "${raw}"`,
        );
      }
    }
    if (len === 0) {
      throw invalid(
        'MONEY_FORMAT',
        field + sub,
        rule,
        `金额格式错误：「${raw}」`,
        `not a yuan amount: "${raw}"`,
      );
    }
    const intEnd = dot < 0 ? len : dot;
    const decimals = dot < 0 ? 0 : len - dot - 1;
    if (decimals > 2) {
      throw invalid(
        'MONEY_TOO_MANY_DECIMALS',
        field + sub,
        rule,
        `金额最多保留两位小数（分）：${raw}`,
        `amount has more than 2 decimal places (fen): ${raw}`,
      );
    }
    // Already canonical ('1234.50', '0.05'): keep the input string itself.
    if (decimals === 2 && (firstNonZero === 0 || (intEnd === 1 && raw.charCodeAt(0) === 48))) {
      return new Money(undefined, raw);
    }
    // Canonical text by string manipulation alone: the digits are the value, nothing is computed.
    const whole = firstNonZero < 0 || firstNonZero >= intEnd ? '0' : raw.slice(firstNonZero, intEnd);
    const frac = decimals === 2 ? raw.slice(dot + 1) : decimals === 1 ? `${raw.slice(dot + 1)}0` : '00';
    return new Money(undefined, `${whole}.${frac}`);
  }

  /** Whole-fen values only; used for policy constants and sums of parsed amounts. */
  static of(value: Decimal | string): Money {
    const d = new Dec(value);
    if (!d.equals(d.toDecimalPlaces(2))) {
      throw new Error(`internal: ${d.toString()} is not a whole number of fen`);
    }
    return new Money(d, undefined);
  }

  /** The one rounding step of a component: half-up to the fen (DOMAIN "Amounts"). */
  static roundHalfUp(value: Decimal): Money {
    return new Money(value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP), undefined);
  }

  plus(o: Money): Money {
    if (o.isZero()) return this;
    if (this.isZero()) return o;
    return new Money(this.value.plus(o.value), undefined);
  }
  minus(o: Money): Money {
    if (o.isZero()) return this;
    return new Money(this.value.minus(o.value), undefined);
  }
  /** Exact product; round it with Money.roundHalfUp where the article says a component is paid. */
  times(rate: Decimal): Decimal {
    return this.value.times(rate);
  }
  min(o: Money): Money {
    return this.lte(o) ? this : o;
  }
  max(o: Money): Money {
    return this.gte(o) ? this : o;
  }
  /** max(0, this − o): room left under a cap, or the part of a figure not yet paid. */
  minusFloorZero(o: Money): Money {
    return this.gt(o) ? this.minus(o) : Money.ZERO;
  }
  cmp(o: Money): number {
    if (this === o) return 0;
    // Cheap exact paths first: comparisons with zero and between two canonical input strings
    // (non-negative, no leading zeros, 2 decimals) need no Decimal arithmetic.
    if (o.isZero()) return this.isZero() ? 0 : this.value.isNegative() ? -1 : 1;
    if (this.isZero()) return o.value.isNegative() ? 1 : -1;
    if (this.dec === undefined && o.dec === undefined) return compareCanonical(this.str!, o.str!);
    return this.value.comparedTo(o.value);
  }
  gt(o: Money): boolean {
    return this.cmp(o) > 0;
  }
  gte(o: Money): boolean {
    return this.cmp(o) >= 0;
  }
  lt(o: Money): boolean {
    return this.cmp(o) < 0;
  }
  lte(o: Money): boolean {
    return this.cmp(o) <= 0;
  }
  eq(o: Money): boolean {
    return this.cmp(o) === 0;
  }
  isZero(): boolean {
    if (this === Money.ZERO) return true;
    if (this.dec !== undefined) return this.dec.isZero();
    return this.str === '0.00';
  }
  isNegative(): boolean {
    return !this.isZero() && this.value.isNegative();
  }
  /** '1234.50' — the exact decimal digits of a whole-fen value (see format2); no binary float is involved. */
  toString(): string {
    if (this.str === undefined) this.str = format2(this.dec!);
    return this.str;
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

/** Whether the digit-level fast path passed its load-time check (a test asserts it is on). */
export const MONEY_FAST_PATHS = { canonical: CANONICAL_FAST_PATH } as const;
