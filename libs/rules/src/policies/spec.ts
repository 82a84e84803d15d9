/**
 * A tiny description language for the policy document, so that one description gives both the published
 * JSON Schema (`policy.schema.json`, for editors and other tools) and the validator that lists every problem
 * with its path and a message in Chinese and English. Written once, they cannot disagree.
 */

export type Spec =
  | { readonly kind: 'string'; readonly pattern?: string; readonly descriptionEn?: string }
  | { readonly kind: 'date' }
  | { readonly kind: 'money' }
  | { readonly kind: 'rate' }
  | { readonly kind: 'decimal' }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'bool' }
  | { readonly kind: 'const'; readonly value: string }
  | { readonly kind: 'enum'; readonly values: readonly (string | number)[] }
  | { readonly kind: 'set'; readonly of: readonly (string | number)[]; readonly nonEmpty: boolean }
  | {
      readonly kind: 'object';
      readonly fields: Readonly<Record<string, Spec>>;
      readonly optional?: readonly string[];
      readonly description?: string;
    }
  | { readonly kind: 'sourced'; readonly value: Spec; readonly description?: string }
  | { readonly kind: 'list'; readonly of: Spec };

export const str = (pattern?: string): Spec => ({ kind: 'string', pattern });
export const date: Spec = { kind: 'date' };
export const money: Spec = { kind: 'money' };
export const rate: Spec = { kind: 'rate' };
export const decimal: Spec = { kind: 'decimal' };
export const int = (min: number, max: number): Spec => ({ kind: 'int', min, max });
export const bool: Spec = { kind: 'bool' };
export const constant = (value: string): Spec => ({ kind: 'const', value });
export const oneOf = (values: readonly (string | number)[]): Spec => ({ kind: 'enum', values });
export const setOf = (of: readonly (string | number)[], nonEmpty = false): Spec => ({
  kind: 'set',
  of,
  nonEmpty,
});
export const list = (of: Spec): Spec => ({ kind: 'list', of });
export const obj = (
  fields: Record<string, Spec>,
  optional: readonly string[] = [],
  description?: string,
): Spec => ({ kind: 'object', fields, optional, description });
/** A value with the article or document it comes from, and whether the bureau chose it. */
export const sourced = (value: Spec, description?: string): Spec => ({ kind: 'sourced', value, description });
export const recordOf = (keys: readonly string[], value: Spec): Spec =>
  obj(Object.fromEntries(keys.map((k) => [k, value])));

const MONEY = '^(0|[1-9][0-9]*)\\.[0-9]{2}$';
const RATE = '^(0(\\.[0-9]+)?|1(\\.0+)?)$';
const DECIMAL = '^(0|[1-9][0-9]*)(\\.[0-9]+)?$';
const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export interface PolicyIssue {
  /** Dotted path in the document, e.g. `basicAid.DIBAO.rate.value`, `periods.investigation.value.count`. */
  readonly path: string;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function validDate(s: string): boolean {
  if (!new RegExp(DATE).test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Every structural problem of `value` against `spec`; never stops at the first. */
export function check(spec: Spec, value: unknown, path: string, out: PolicyIssue[]): void {
  const issue = (code: string, zh: string, en: string): void => {
    out.push({ path: path || '(document)', code, messageZh: zh, messageEn: en });
  };
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string' || value.trim() === '')
        return issue('INVALID_TYPE', '须为非空字符串。', 'must be a non-empty string.');
      if (spec.pattern && !new RegExp(spec.pattern).test(value))
        issue('FORMAT', `格式不符（${spec.pattern}）。`, `does not match ${spec.pattern}.`);
      return;
    case 'date':
      if (typeof value !== 'string' || !validDate(value))
        issue('DATE_FORMAT', '须为有效日期 YYYY-MM-DD。', 'must be a real date written YYYY-MM-DD.');
      return;
    case 'money':
      if (typeof value !== 'string' || !new RegExp(MONEY).test(value))
        issue(
          'MONEY_FORMAT',
          '金额须为带两位小数的字符串，如 "80000.00"（不接受数字类型）。',
          'an amount must be a string with exactly two decimals, e.g. "80000.00" (not a JSON number).',
        );
      return;
    case 'rate':
      if (typeof value !== 'string' || !new RegExp(RATE).test(value))
        issue(
          'RATE_FORMAT',
          '比例须为 0 到 1 之间的小数字符串，如 "0.7"。',
          'a rate must be a decimal string from 0 to 1, e.g. "0.7".',
        );
      return;
    case 'decimal':
      if (typeof value !== 'string' || !new RegExp(DECIMAL).test(value))
        issue('DECIMAL_FORMAT', '须为小数字符串，如 "1.6"。', 'must be a decimal string, e.g. "1.6".');
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return issue('INVALID_TYPE', '须为整数。', 'must be an integer.');
      if (value < spec.min || value > spec.max)
        issue(
          'OUT_OF_RANGE',
          `须在 ${spec.min} 到 ${spec.max} 之间。`,
          `must be between ${spec.min} and ${spec.max}.`,
        );
      return;
    case 'bool':
      if (typeof value !== 'boolean') issue('INVALID_TYPE', '须为 true 或 false。', 'must be true or false.');
      return;
    case 'const':
      if (value !== spec.value) issue('UNKNOWN_VALUE', `须为 "${spec.value}"。`, `must be "${spec.value}".`);
      return;
    case 'enum':
      if (!spec.values.includes(value as string))
        issue(
          'UNKNOWN_VALUE',
          `须为以下之一：${spec.values.join('、')}。`,
          `must be one of ${spec.values.join(', ')}.`,
        );
      return;
    case 'set': {
      if (!Array.isArray(value)) return issue('INVALID_TYPE', '须为数组。', 'must be an array.');
      if (spec.nonEmpty && value.length === 0) issue('EMPTY', '不能为空。', 'must not be empty.');
      const seen = new Set<unknown>();
      value.forEach((v, i) => {
        const p = `${path}[${i}]`;
        if (!spec.of.includes(v as string))
          out.push({
            path: p,
            code: 'UNKNOWN_VALUE',
            messageZh: `须为以下之一：${spec.of.join('、')}。`,
            messageEn: `must be one of ${spec.of.join(', ')}.`,
          });
        else if (seen.has(v))
          out.push({ path: p, code: 'DUPLICATE', messageZh: '重复的值。', messageEn: 'is listed twice.' });
        seen.add(v);
      });
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return issue('INVALID_TYPE', '须为数组。', 'must be an array.');
      value.forEach((v, i) => check(spec.of, v, `${path}[${i}]`, out));
      return;
    case 'object':
      return checkObject(spec.fields, spec.optional ?? [], value, path, out);
    case 'sourced':
      return checkObject(SOURCED_FIELDS(spec.value), SOURCED_OPTIONAL, value, path, out);
  }
}

const SOURCED_OPTIONAL = ['bureauChoice', 'toConfirm', 'note'];
const SOURCED_FIELDS = (value: Spec): Record<string, Spec> => ({
  value,
  source: str(),
  bureauChoice: bool,
  toConfirm: bool,
  note: str(),
});

function checkObject(
  fields: Readonly<Record<string, Spec>>,
  optional: readonly string[],
  value: unknown,
  path: string,
  out: PolicyIssue[],
): void {
  if (!isRecord(value)) {
    out.push({
      path: path || '(document)',
      code: 'INVALID_TYPE',
      messageZh: '须为对象。',
      messageEn: 'must be an object.',
    });
    return;
  }
  for (const [key, spec] of Object.entries(fields)) {
    if (!(key in value)) {
      if (!optional.includes(key))
        out.push({
          path: join(path, key),
          code: 'MISSING_FIELD',
          messageZh: '缺少此项。',
          messageEn: 'is missing.',
        });
      continue;
    }
    check(spec, value[key], join(path, key), out);
  }
  for (const key of Object.keys(value)) {
    if (!(key in fields))
      out.push({
        path: join(path, key),
        code: 'UNKNOWN_FIELD',
        messageZh: '未知字段（拼写错误？）。',
        messageEn: 'is not a field of the policy format (misspelt?).',
      });
  }
}

/** The JSON Schema (draft 2020-12) fragment of a spec. */
export function toJsonSchema(spec: Spec): Record<string, unknown> {
  switch (spec.kind) {
    case 'string':
      return spec.pattern ? { type: 'string', pattern: spec.pattern } : { type: 'string', minLength: 1 };
    case 'date':
      return { type: 'string', pattern: DATE, format: 'date' };
    case 'money':
      return { type: 'string', pattern: MONEY, description: 'yuan, two decimals' };
    case 'rate':
      return { type: 'string', pattern: RATE, description: 'decimal fraction from 0 to 1' };
    case 'decimal':
      return { type: 'string', pattern: DECIMAL };
    case 'int':
      return { type: 'integer', minimum: spec.min, maximum: spec.max };
    case 'bool':
      return { type: 'boolean' };
    case 'const':
      return { const: spec.value };
    case 'enum':
      return { enum: [...spec.values] };
    case 'set':
      return {
        type: 'array',
        items: { enum: [...spec.of] },
        uniqueItems: true,
        ...(spec.nonEmpty ? { minItems: 1 } : {}),
      };
    case 'list':
      return { type: 'array', items: toJsonSchema(spec.of) };
    case 'object': {
      const properties: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(spec.fields)) properties[k] = toJsonSchema(s);
      const required = Object.keys(spec.fields).filter((k) => !(spec.optional ?? []).includes(k));
      return {
        type: 'object',
        ...(spec.description ? { description: spec.description } : {}),
        properties,
        required,
        additionalProperties: false,
      };
    }
    case 'sourced': {
      const inner = toJsonSchema({
        kind: 'object',
        fields: SOURCED_FIELDS(spec.value),
        optional: SOURCED_OPTIONAL,
      });
      return {
        ...inner,
        description:
          (spec.description ? `${spec.description}. ` : '') +
          'value: the figure; source: the article or document it comes from; bureauChoice: true when the ' +
          'measures leave it open and the bureau chose it (for a period: not statutory); toConfirm: to be ' +
          'confirmed with the bureau; note: why.',
      };
    }
  }
}
