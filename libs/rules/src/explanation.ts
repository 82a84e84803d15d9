import { RulesInvariantError } from './errors';
import { Money } from './money';

/** What a line of the breakdown is about. */
export type LineComponent =
  | 'CHILD_SPECIAL_DISEASE' // Art. 12
  | 'BASIC_AID' // Art. 9(1)/(2)
  | 'SECONDARY_AID' // Art. 10
  | 'MENTAL_REHAB' // Art. 9(3)
  | 'EXCLUDED' // Art. 19 / Art. 13 / Art. 20: removed, amount 0
  | 'OUT_OF_SCOPE_REIMBURSED' // Art. 10: out-of-scope costs someone else paid, amount 0
  | 'NOT_COVERED' // cost kind outside the category's article, amount 0
  | 'UNINSURED_BASIS'; // Art. 21: notional insurance deducted, amount 0

/**
 * One line of a breakdown: the figures that went in, the rate and the cap applied, the amount and the
 * article. Lines of amount 0 record removals so a caseworker sees why a cost earned nothing.
 */
export interface ExplanationLine {
  readonly component: LineComponent;
  readonly article: string;
  readonly billId?: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly rate?: string;
  readonly cap?: string;
  readonly amount: string;
  readonly textZh: string;
  readonly textEn: string;
}

export interface Explanation {
  readonly lines: readonly ExplanationLine[];
  readonly total: string;
}

/**
 * Closes a breakdown: the total is the exact sum of the lines, and the caller's own total must agree —
 * a mismatch is a bug in this library, never something to paper over.
 */
export function balance(
  lines: readonly ExplanationLine[],
  amounts: readonly Money[],
  expectedTotal: Money,
): Explanation {
  let acc = Money.ZERO;
  for (let i = 0; i < lines.length; i++) {
    const a = amounts[i];
    // Each line's printed amount must be the Money summed here, and the sum must be the total.
    if (a === undefined || lines[i]!.amount !== a.toString()) {
      throw new RulesInvariantError(
        'INTERNAL_INVARIANT',
        `explanation.lines[${i}].amount`,
        'breakdown sums to total',
        '明细行金额与计算值不一致',
        'a breakdown line does not print the amount that was summed',
      );
    }
    acc = acc.plus(a);
  }
  if (amounts.length !== lines.length || !acc.eq(expectedTotal)) {
    throw new RulesInvariantError(
      'INTERNAL_INVARIANT',
      'explanation.lines',
      'breakdown sums to total',
      `明细合计 ${acc.toString()} 与总额 ${expectedTotal.toString()} 不符`,
      `breakdown sums to ${acc.toString()} but the total is ${expectedTotal.toString()}`,
    );
  }
  return { lines, total: acc.toString() };
}
