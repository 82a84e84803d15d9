import { isIsoDate, isMoney, isNonEmptyString, isNonEmptyStringList, isRecord, toFen } from '../formats';
import { reject, type Rejection } from '../rejections';

/**
 * Data checks on untrusted input (commands arrive as JSON). Each returns the first problem as a
 * rejection naming the field, or null.
 */
type Data = Record<string, unknown>;

export function firstProblem(...checks: Array<Rejection | null>): Rejection | null {
  return checks.find((check) => check !== null) ?? null;
}

export function text(data: Data, key: string, prefix = 'data'): Rejection | null {
  return isNonEmptyString(data[key])
    ? null
    : reject.invalidData(`${prefix}.${key}`, '必填，不能为空。', 'required, must not be empty.');
}

export function optionalText(data: Data, key: string): Rejection | null {
  return data[key] === undefined || data[key] === null || typeof data[key] === 'string'
    ? null
    : reject.invalidData(`data.${key}`, '须为文字。', 'must be text.');
}

export function textList(data: Data, key: string, prefix = 'data'): Rejection | null {
  return isNonEmptyStringList(data[key])
    ? null
    : reject.invalidData(
        `${prefix}.${key}`,
        '须至少列出一项，且每项不能为空。',
        'list at least one item; no item may be empty.',
      );
}

export function stringList(data: Data, key: string, prefix = 'data'): Rejection | null {
  const value = data[key];
  return Array.isArray(value) && value.every(isNonEmptyString)
    ? null
    : reject.invalidData(
        `${prefix}.${key}`,
        '须为文字列表（可为空列表）。',
        'must be a list of texts (may be empty).',
      );
}

export function date(data: Data, key: string, prefix = 'data'): Rejection | null {
  return isIsoDate(data[key])
    ? null
    : reject.invalidData(
        `${prefix}.${key}`,
        '须为有效日期，格式 YYYY-MM-DD。',
        'must be a valid date YYYY-MM-DD.',
      );
}

export function bool(data: Data, key: string, prefix = 'data'): Rejection | null {
  return typeof data[key] === 'boolean'
    ? null
    : reject.invalidData(`${prefix}.${key}`, '须为“是”或“否”。', 'must be true or false.');
}

/** Money as a decimal string in yuan with at most 2 decimals, strictly positive. */
export function positiveMoney(data: Data, key: string): Rejection | null {
  const value = data[key];
  if (!isMoney(value)) {
    return reject.invalidData(
      `data.${key}`,
      '金额须为以元为单位的数字，最多两位小数，如 1234.50。',
      'amount in yuan as a decimal string with at most 2 decimals, e.g. "1234.50".',
    );
  }
  return toFen(value) > 0n
    ? null
    : reject.invalidData(`data.${key}`, '金额须大于0。', 'amount must be greater than 0.');
}

export function oneOf<T extends string>(data: Data, key: string, allowed: readonly T[]): Rejection | null {
  const value = data[key];
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? null
    : reject.invalidData(
        `data.${key}`,
        `须为以下之一：${allowed.join('、')}。`,
        `must be one of ${allowed.join(', ')}.`,
      );
}

export function record(data: Data, key: string): Rejection | null {
  return isRecord(data[key])
    ? null
    : reject.invalidData(`data.${key}`, '缺少或格式不对。', 'missing or malformed.');
}

export function asData(value: unknown): Data {
  return isRecord(value) ? value : {};
}
