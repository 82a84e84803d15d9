import { fieldRejection } from '../bodies/check';
import { MONEY, field } from '../bodies/shapes';
import { isRecord } from '../formats';
import type { Rejection } from '../rejections';

/**
 * Every command's data is declared in COMMAND_BODIES and checked by the decider before the handler runs:
 * declare a new command's fields there. What stays here is for a handler that must check a field against the
 * case (e.g. an amount required only when none was proposed), with the same shapes and messages.
 */
type Data = Record<string, unknown>;

/** Money as a decimal string in yuan with at most 2 decimals, strictly positive. */
export function positiveMoney(data: Data, key: string): Rejection | null {
  return fieldRejection(field(MONEY, ''), data[key], `data.${key}`);
}

export function asData(value: unknown): Data {
  return isRecord(value) ? value : {};
}
