import { fieldRejection } from '../bodies/check';
import {
  BOOLEAN,
  DATE,
  MONEY,
  anyText,
  field,
  listOf,
  oneOf as oneOfShape,
  text as textShape,
  type Field,
} from '../bodies/shapes';
import { isRecord } from '../formats';
import type { Rejection } from '../rejections';

/**
 * Single-field checks for the few places where a handler must check a field against the case (e.g. an
 * amount required only when none was proposed). Every command's data is declared in COMMAND_BODIES and
 * checked by the decider before the handler runs: declare a new command's fields there, not here. These
 * helpers read the same shapes, so a message is written once.
 */
type Data = Record<string, unknown>;

function check(data: Data, key: string, f: Field, prefix = 'data'): Rejection | null {
  return fieldRejection(f, data[key], `${prefix}.${key}`);
}

export function firstProblem(...checks: Array<Rejection | null>): Rejection | null {
  return checks.find((c) => c !== null) ?? null;
}

export const text = (data: Data, key: string, prefix = 'data') =>
  check(data, key, field(textShape(), ''), prefix);
export const optionalText = (data: Data, key: string) =>
  check(data, key, field(anyText(), '', { required: false, nullable: true }));
export const textList = (data: Data, key: string, prefix = 'data') =>
  check(data, key, field(listOf(textShape(), 1), ''), prefix);
export const stringList = (data: Data, key: string, prefix = 'data') =>
  check(data, key, field(listOf(textShape(), 0), ''), prefix);
export const date = (data: Data, key: string, prefix = 'data') => check(data, key, field(DATE, ''), prefix);
export const bool = (data: Data, key: string, prefix = 'data') =>
  check(data, key, field(BOOLEAN, ''), prefix);
/** Money as a decimal string in yuan with at most 2 decimals, strictly positive. */
export const positiveMoney = (data: Data, key: string) => check(data, key, field(MONEY, ''));
export const oneOf = <T extends string>(data: Data, key: string, allowed: readonly T[]) =>
  check(data, key, field(oneOfShape(allowed), ''));

export function asData(value: unknown): Data {
  return isRecord(value) ? value : {};
}
