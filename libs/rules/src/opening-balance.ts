import { invalid } from './errors';
import { readInt, readObject, readString } from './fields';
import { Money } from './money';

/**
 * An opening balance: aid a person received in a year before the system kept the records (Arts. 9, 10,
 * 9(3) caps count the whole calendar year). Entered by an administrator with the document it comes from;
 * a correction names the entry it replaces.
 */
export interface OpeningBalanceInput {
  readonly personRef: string;
  readonly aidYear: number;
  readonly basicAidPaid: Money;
  readonly secondaryAidPaid: Money;
  readonly selfPaidAfterAid: Money;
  readonly mentalRehabPaid: Money;
  readonly reference: string;
  readonly reason: string;
  readonly supersedes: string | null;
}

const R = 'Art. 9, 10 期初余额';

export function parseOpeningBalanceInput(raw: unknown): OpeningBalanceInput {
  const o = readObject(raw, '$', R, [
    'personRef',
    'aidYear',
    'basicAidPaid',
    'secondaryAidPaid',
    'selfPaidAfterAid',
    'mentalRehabPaid',
    'reference',
    'reason',
    'supersedes',
  ]);
  const supersedes =
    o.supersedes === undefined || o.supersedes === null ? null : readString(o.supersedes, 'supersedes', R);
  if (supersedes !== null && !/^\d{1,18}$/.test(supersedes)) {
    throw invalid(
      'INVALID_TYPE',
      'supersedes',
      R,
      '须为被更正条目的编号',
      'must be the id of the entry being corrected',
    );
  }
  const money = (key: string) =>
    o[key] === undefined ? Money.parse('0.00', key, R) : Money.parse(o[key], key, R);
  return {
    personRef: readString(o.personRef, 'personRef', R),
    aidYear: readInt(o.aidYear, 'aidYear', R, 1990, 2100),
    basicAidPaid: money('basicAidPaid'),
    secondaryAidPaid: money('secondaryAidPaid'),
    selfPaidAfterAid: money('selfPaidAfterAid'),
    mentalRehabPaid: money('mentalRehabPaid'),
    reference: readString(o.reference, 'reference', R),
    reason: readString(o.reason, 'reason', R),
    supersedes,
  };
}
