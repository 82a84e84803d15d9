import { isIsoDate, isIsoInstant, isMoney, isNonEmptyString, isRecord, toFen } from '../formats';
import { reject, type Rejection } from '../rejections';
import type { BodySpec, Field, Fields, Message, Shape, Source, Variants } from './shapes';

/** Which fields a check reads, by who supplies them (see `Source`). */
export type Audience =
  /** The decider: the command as the system completed it (request-only input already turned into figures). */
  | 'command'
  /**
   * Before the decider (and before its step and role checks), on a person's request under the issue-10
   * contract: refuse the figures the system decides, check the request-only input.
   */
  | 'request-input'
  /** A person's whole request under the issue-10 contract: what OpenAPI documents. */
  | 'request';

type Treatment = 'check' | 'refuse' | 'skip';
const TREATMENT: Record<Audience, Record<Source, Treatment>> = {
  command: { person: 'check', system: 'check', request: 'skip' },
  'request-input': { person: 'skip', system: 'refuse', request: 'check' },
  request: { person: 'check', system: 'refuse', request: 'check' },
};

interface Problem {
  path: string;
  message: Message;
  /** Too long or too many: said as such even where the field has one message for everything else. */
  ofSize?: true;
}

/** The first structural problem of `data` against `spec`, as a rejection naming the field path; or null. */
export function bodyProblem(spec: BodySpec, data: unknown, audience: Audience): Rejection | null {
  if (!isRecord(data) && audience !== 'request-input')
    return reject.invalidData('data', '缺少操作数据。', 'the command data object is missing.');
  const d = isRecord(data) ? data : {};
  const treat = TREATMENT[audience];
  if (treat.system === 'refuse') {
    for (const [key, f] of refusable(spec)) {
      if (d[key] !== undefined) return reject.systemDecidedField(`data.${key}`, ...f.refusedFromPeople!);
    }
  }
  const problem = objectProblem(spec.fields, spec.variants, d, 'data', treat);
  return problem ? reject.invalidData(problem.path, ...problem.message) : null;
}

/** One field's problem at `path` (for a handler that checks a field against the case), or null. */
export function fieldRejection(f: Field, value: unknown, path: string): Rejection | null {
  const problem = fieldProblem(f, value, path, {}, TREATMENT.command);
  return problem ? reject.invalidData(problem.path, ...problem.message) : null;
}

/** System figures a person may never send, whatever the variant (the variants' first, then the common ones). */
function refusable(spec: BodySpec): Array<[string, Field]> {
  const all = [
    ...Object.entries(spec.variants?.cases.true ?? {}),
    ...Object.entries(spec.variants?.cases.false ?? {}),
    ...Object.entries(spec.fields),
  ];
  return all.filter(([, f]) => f.source === 'system' && f.refusedFromPeople !== undefined);
}

function objectProblem(
  fields: Fields,
  variants: Variants | undefined,
  value: Record<string, unknown>,
  prefix: string,
  treat: Record<Source, Treatment>,
): Problem | null {
  for (const [key, f] of Object.entries(fields)) {
    const problem = fieldProblem(f, value[key], `${prefix}.${key}`, value, treat);
    if (problem) return problem;
  }
  const selector = variants ? value[variants.on] : undefined;
  if (variants && typeof selector === 'boolean') {
    return objectProblem(variants.cases[selector ? 'true' : 'false'], undefined, value, prefix, treat);
  }
  return null;
}

function fieldProblem(
  f: Field,
  value: unknown,
  path: string,
  parent: Record<string, unknown>,
  treat: Record<Source, Treatment>,
): Problem | null {
  if (treat[f.source] !== 'check') return null;
  if (value === undefined || (value === null && f.nullable)) {
    const required =
      f.required === true || (typeof f.required === 'object' && parent[f.required.with] !== undefined);
    return value === undefined && required
      ? { path, message: f.missingMessage ?? f.message ?? messageOf(f.shape) }
      : null;
  }
  const problem = shapeProblem(f.shape, value, path, treat);
  if (problem && f.message && !problem.ofSize && (f.whole || problem.path === path)) {
    return { path, message: f.message };
  }
  return problem;
}

function shapeProblem(
  shape: Shape,
  value: unknown,
  path: string,
  treat: Record<Source, Treatment>,
): Problem | null {
  const wrong = (): Problem => ({ path, message: messageOf(shape) });
  switch (shape.kind) {
    case 'text':
      if (typeof value !== 'string' || (shape.nonEmpty && !isNonEmptyString(value))) return wrong();
      return tooLong(value, shape.maxLength)
        ? {
            path,
            message: [`最多 ${shape.maxLength} 个字符。`, `at most ${shape.maxLength} characters.`],
            ofSize: true,
          }
        : null;
    case 'date':
      return isIsoDate(value) ? null : wrong();
    case 'instant':
      return isIsoInstant(value) ? null : wrong();
    case 'money':
      if (!isMoney(value)) return wrong();
      return toFen(value) > 0n
        ? null
        : { path, message: ['金额须大于0。', 'amount must be greater than 0.'] };
    case 'boolean':
      return typeof value === 'boolean' ? null : wrong();
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= shape.minimum ? null : wrong();
    case 'enum':
      return typeof value === 'string' && shape.values.includes(value) ? null : wrong();
    case 'list': {
      if (!Array.isArray(value) || value.length < shape.minItems) return wrong();
      if (value.length > shape.maxItems) {
        return {
          path,
          message: [`最多 ${shape.maxItems} 项。`, `at most ${shape.maxItems} items.`],
          ofSize: true,
        };
      }
      for (let i = 0; i < value.length; i += 1) {
        const problem = shapeProblem(shape.items, value[i], `${path}[${i}]`, treat);
        if (problem) return problem.ofSize ? problem : wrong();
      }
      return null;
    }
    case 'object':
      return isRecord(value) ? objectProblem(shape.fields, shape.variants, value, path, treat) : wrong();
    case 'map': {
      if (!isRecord(value)) return wrong();
      for (const [key, entry] of Object.entries(value)) {
        const entryPath = `${path}.${key}`;
        if (!shape.keys.includes(key))
          return { path: entryPath, message: shape.entry.message ?? messageOf(shape.entry.shape) };
        const problem = fieldProblem(shape.entry, entry, entryPath, value, treat);
        if (problem) return problem;
      }
      return null;
    }
    case 'facts':
      return isRecord(value) ? null : wrong();
    case 'any':
      return null;
  }
}

/** Length in code points, as JSON Schema counts it. */
function tooLong(value: string, maxLength: number): boolean {
  return value.length > maxLength && Array.from(value).length > maxLength;
}

/** A shape's own message, for a field that is missing or malformed. */
export function messageOf(shape: Shape): Message {
  switch (shape.kind) {
    case 'text':
      return shape.nonEmpty
        ? ['必填，不能为空。', 'required, must not be empty.']
        : ['须为文字。', 'must be text.'];
    case 'date':
      return ['须为有效日期，格式 YYYY-MM-DD。', 'must be a valid date YYYY-MM-DD.'];
    case 'instant':
      return [
        '须为带时区的 ISO 时间，如 2019-03-08T23:59:59+08:00。',
        'must be an ISO instant with offset, e.g. 2019-03-08T23:59:59+08:00.',
      ];
    case 'money':
      return [
        '金额须为以元为单位的数字，最多两位小数，如 1234.50。',
        'amount in yuan as a decimal string with at most 2 decimals, e.g. "1234.50".',
      ];
    case 'boolean':
      return ['须为“是”或“否”。', 'must be true or false.'];
    case 'integer':
      return shape.minimum === 1
        ? ['须为正整数。', 'must be a positive integer.']
        : [`须为不小于 ${shape.minimum} 的整数。`, `must be an integer of at least ${shape.minimum}.`];
    case 'enum':
      return [`须为以下之一：${shape.values.join('、')}。`, `must be one of ${shape.values.join(', ')}.`];
    case 'list':
      return shape.minItems > 0
        ? ['须至少列出一项，且每项不能为空。', 'list at least one item; no item may be empty.']
        : ['须为文字列表（可为空列表）。', 'must be a list of texts (may be empty).'];
    case 'object':
    case 'map':
    case 'facts':
    case 'any':
      return ['缺少或格式不对。', 'missing or malformed.'];
  }
}
