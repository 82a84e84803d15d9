/**
 * The vocabulary in which each command's data is declared once (`COMMAND_BODIES`): the decider's
 * structural checks run from it (`bodyProblem`) and the API turns it into the JSON Schema of each request
 * body for OpenAPI. Semantic checks that depend on the case (its step, role, amounts against the rules)
 * stay in the handlers.
 */

/** A message in Chinese and English, completing `“data.x”填写有误：…` / `Field "data.x" is invalid: …`. */
export type Message = readonly [zh: string, en: string];

export type Shape =
  /** A string; `nonEmpty` means it has a character other than white space. Length in code points. */
  | { kind: 'text'; nonEmpty: boolean; maxLength: number }
  /** A calendar date YYYY-MM-DD that exists. */
  | { kind: 'date' }
  /** An ISO instant with an offset (only in commands the system issues). */
  | { kind: 'instant' }
  /** Money in yuan as a decimal string with at most 2 decimals, greater than 0. */
  | { kind: 'money' }
  | { kind: 'boolean' }
  | { kind: 'integer'; minimum: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; items: Shape; minItems: number; maxItems: number }
  | { kind: 'object'; fields: Fields; variants?: Variants }
  /** An object keyed by some of `keys`, each value an `entry`. */
  | { kind: 'map'; keys: readonly string[]; entry: Field }
  /** An object whose inside another library reads and checks (e.g. libs/rules' household facts). */
  | { kind: 'facts'; readBy: string }
  /** Anything: the handler reads it (a figure the system filled in). */
  | { kind: 'any' };

/**
 * Who supplies a field: the person in the request (`person`); the system, never a person (`system`: the
 * workflow or the API fills it in before the decider sees the command); or the person's request only
 * (`request`: input the system turns into a `system` field, e.g. the household facts into eligibility —
 * the decider never sees it).
 */
export type Source = 'person' | 'system' | 'request';

export interface Field {
  shape: Shape;
  /** `{ with: key }`: required when `key` is given. */
  required: boolean | { with: string };
  /** null is accepted and means "none" (e.g. no heir, no note). */
  nullable?: boolean;
  source: Source;
  description: string;
  /** Replaces the shape's own message for a problem with this field itself (missing or malformed). */
  message?: Message;
  /** For a missing field, when it differs from `message`. */
  missingMessage?: Message;
  /** A problem anywhere inside is reported at this field with `message`. */
  whole?: boolean;
  /**
   * `system` fields a person may never send (issue 10), with why: a request that carries one is refused
   * (SYSTEM_DECIDED_FIELD). A system field without it is simply not part of any request.
   */
  refusedFromPeople?: Message;
  example?: unknown;
}

export type Fields = Readonly<Record<string, Field>>;

/** Fields that apply according to the value of one boolean field (e.g. `eligible`). */
export interface Variants {
  on: string;
  cases: { true: Fields; false: Fields };
}

export interface BodySpec {
  description: string;
  fields: Fields;
  variants?: Variants;
}

/** Lengths: identifiers and references, names, free text. */
export const MAX = { ref: 200, name: 100, text: 4000, items: 100 } as const;

export function field(shape: Shape, description: string, rest: Partial<Field> = {}): Field {
  return { shape, required: true, source: 'person', description, ...rest };
}

export const text = (maxLength: number = MAX.text): Shape => ({ kind: 'text', nonEmpty: true, maxLength });
export const anyText = (maxLength: number = MAX.text): Shape => ({
  kind: 'text',
  nonEmpty: false,
  maxLength,
});
export const DATE: Shape = { kind: 'date' };
export const INSTANT: Shape = { kind: 'instant' };
export const MONEY: Shape = { kind: 'money' };
export const BOOLEAN: Shape = { kind: 'boolean' };
export const ANY: Shape = { kind: 'any' };
export const oneOf = (values: readonly string[]): Shape => ({ kind: 'enum', values });
export const listOf = (items: Shape, minItems: number): Shape => ({
  kind: 'list',
  items,
  minItems,
  maxItems: MAX.items,
});
export const objectOf = (fields: Fields, variants?: Variants): Shape => ({
  kind: 'object',
  fields,
  ...(variants ? { variants } : {}),
});
export const facts = (readBy: string): Shape => ({ kind: 'facts', readBy });
