import { invalid } from './errors';

/**
 * Readers for untrusted JSON input. Each names the field path it reads, so every error points at the
 * exact place to correct; none substitutes a default for a missing value unless the caller says so.
 */
export type Obj = Readonly<Record<string, unknown>>;

/**
 * `sub`, where given, is appended to `field` to name the path (e.g. 'bills[0]' + '.reimbursements'); the
 * concatenation happens only when an error is reported, not on every successful read.
 */
export function readObject(
  raw: unknown,
  field: string,
  rule: string,
  allowed: readonly string[],
  sub = '',
): Obj {
  if (raw === undefined || raw === null) {
    throw invalid('MISSING_FIELD', field + sub, rule, '缺少必填对象', 'required object is missing');
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid('INVALID_TYPE', field + sub, rule, '须为对象', 'must be an object');
  }
  // A misspelt key would otherwise be ignored and its figure silently treated as absent.
  for (const key in raw) {
    if (!allowed.includes(key)) {
      throw invalid(
        'UNKNOWN_FIELD',
        `${field}${sub}.${key}`,
        rule,
        `未知字段「${key}」`,
        `unknown field "${key}"`,
      );
    }
  }
  return raw as Obj;
}

export function readArray(raw: unknown, field: string, rule: string): readonly unknown[] {
  if (raw === undefined || raw === null) {
    throw invalid('MISSING_FIELD', field, rule, '缺少必填列表', 'required list is missing');
  }
  if (!Array.isArray(raw)) throw invalid('INVALID_TYPE', field, rule, '须为数组', 'must be an array');
  return raw;
}

export function readString(raw: unknown, field: string, rule: string, sub = ''): string {
  if (raw === undefined || raw === null) {
    throw invalid('MISSING_FIELD', field + sub, rule, '缺少必填字段', 'required field is missing');
  }
  if (typeof raw !== 'string' || raw.length === 0) {
    throw invalid('INVALID_TYPE', field + sub, rule, '须为非空字符串', 'must be a non-empty string');
  }
  return raw;
}

export function readBool(raw: unknown, field: string, rule: string): boolean {
  if (raw === undefined || raw === null) {
    throw invalid(
      'MISSING_FIELD',
      field,
      rule,
      '缺少必填字段（true/false）',
      'required true/false field is missing',
    );
  }
  if (typeof raw !== 'boolean')
    throw invalid('INVALID_TYPE', field, rule, '须为 true 或 false', 'must be true or false');
  return raw;
}

/** Optional flags: absence is documented to mean "no" (e.g. not in prison, not clergy). */
export function readOptionalBool(raw: unknown, field: string, rule: string): boolean {
  return raw === undefined ? false : readBool(raw, field, rule);
}

export function readInt(raw: unknown, field: string, rule: string, min: number, max: number): number {
  if (raw === undefined || raw === null) {
    throw invalid('MISSING_FIELD', field, rule, '缺少必填整数', 'required integer is missing');
  }
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
    throw invalid(
      'INVALID_TYPE',
      field,
      rule,
      `须为 ${min} 至 ${max} 之间的整数`,
      `must be an integer from ${min} to ${max}`,
    );
  }
  return raw;
}

export function readEnum<T extends string>(
  raw: unknown,
  field: string,
  rule: string,
  values: readonly T[],
  code: 'UNKNOWN_VALUE' | 'UNKNOWN_CATEGORY' = 'UNKNOWN_VALUE',
  sub = '',
): T {
  if (raw === undefined || raw === null) {
    throw invalid('MISSING_FIELD', field + sub, rule, '缺少必填字段', 'required field is missing');
  }
  if (typeof raw !== 'string' || !(values as readonly string[]).includes(raw)) {
    throw invalid(
      code,
      field + sub,
      rule,
      `取值「${String(raw)}」无效，可选：${values.join('、')}`,
      `"${String(raw)}" is not one of ${values.join(', ')}`,
    );
  }
  return raw as T;
}
