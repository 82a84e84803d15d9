import type { OpeningBalance } from '../../../../libs/persistence/src';
import type { OpeningBalanceInput } from '../../../../libs/rules/src';

/** A checked opening balance as the store enters it, with who entered it (API and CLI alike). */
export function openingBalanceEntry(
  input: OpeningBalanceInput,
  enteredBy: string,
  enteredByName: string | null,
): Omit<OpeningBalance, 'id' | 'enteredAt'> {
  return {
    personRef: input.personRef,
    aidYear: input.aidYear,
    figures: {
      basicAidPaid: input.basicAidPaid.toString(),
      secondaryAidPaid: input.secondaryAidPaid.toString(),
      selfPaidAfterAid: input.selfPaidAfterAid.toString(),
      mentalRehabPaid: input.mentalRehabPaid.toString(),
    },
    reference: input.reference,
    reason: input.reason,
    supersedes: input.supersedes,
    enteredBy,
    enteredByName,
  };
}
