import {
  COMMAND_BODIES,
  COMMAND_TERMS,
  MONEY_PATTERN,
  type BodySpec,
  type CommandType,
  type Field,
  type Fields,
  type Shape,
  type Variants,
} from '../../../../libs/domain/src';
import { CASE_ACTIONS } from './case-actions';

/**
 * The JSON Schema (OpenAPI 3.0 flavour: `nullable`) of each request body, generated from the domain's
 * declaration of the command's data (COMMAND_BODIES), which is also what the decider checks: one source.
 * A request is what a person sends: the figures the system decides are absent (refused when sent, as
 * `not: {}`), the input the system turns into them (household facts, calculation input) present.
 */
export type JsonSchema = Record<string, unknown>;

export function requestSchema(type: CommandType): JsonSchema {
  const spec: BodySpec = COMMAND_BODIES[type];
  const { zh, en } = COMMAND_TERMS[type];
  return {
    title: `${type}Request`,
    description: `${zh} (${en}). ${spec.description}`,
    ...objectSchema(spec.fields, spec.variants, true),
  };
}

function objectSchema(fields: Fields, variants: Variants | undefined, top = false): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const allOf: JsonSchema[] = [];
  const add = (entries: Fields) => {
    for (const [key, f] of Object.entries(entries)) {
      if (f.source === 'system') {
        // Refused from people whatever the variant; a system field people never see is left out.
        if (top && f.refusedFromPeople) properties[key] = refusedSchema(f);
        continue;
      }
      properties[key] = fieldSchema(f);
      if (f.required === true) required.push(key);
      if (typeof f.required === 'object') allOf.push(requiredWith(key, f.required.with));
    }
  };
  add(fields);
  if (variants && top) {
    // System figures of every variant are refused at the top, not only in their own variant.
    for (const entries of [variants.cases.true, variants.cases.false]) {
      for (const [key, f] of Object.entries(entries)) {
        if (f.source === 'system' && f.refusedFromPeople) properties[key] = refusedSchema(f);
      }
    }
  }
  const schema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  if (variants) {
    schema.oneOf = ([true, false] as const).map((value) => {
      const branch = objectSchema(variants.cases[value ? 'true' : 'false'], undefined);
      const props = branch.properties as Record<string, JsonSchema>;
      return {
        ...branch,
        properties: { [variants.on]: { enum: [value] }, ...props },
        required: [variants.on, ...((branch.required as string[] | undefined) ?? [])],
      };
    });
  }
  if (allOf.length > 0) schema.allOf = allOf;
  return schema;
}

function refusedSchema(f: Field): JsonSchema {
  return {
    not: {},
    description: `Decided by the system, never sent: a request with it is refused (SYSTEM_DECIDED_FIELD). ${f.refusedFromPeople![1]}`,
  };
}

function requiredWith(key: string, other: string): JsonSchema {
  return { anyOf: [{ not: { required: [other] } }, { required: [other, key] }] };
}

function fieldSchema(f: Field): JsonSchema {
  return {
    ...shapeSchema(f.shape),
    ...(f.nullable ? { nullable: true } : {}),
    description: f.description,
    ...(f.example !== undefined ? { example: f.example } : {}),
  };
}

function shapeSchema(shape: Shape): JsonSchema {
  switch (shape.kind) {
    case 'text':
      // A non-empty text has a character other than white space (the domain trims).
      return { type: 'string', maxLength: shape.maxLength, ...(shape.nonEmpty ? { pattern: '\\S' } : {}) };
    case 'date':
      return { type: 'string', format: 'date', example: '2019-03-01' };
    case 'instant':
      return { type: 'string', format: 'date-time' };
    case 'money':
      // Greater than 0: at least one digit other than 0.
      return { type: 'string', pattern: `(?=.*[1-9])${MONEY_PATTERN}`, example: '1234.50' };
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { type: 'integer', minimum: shape.minimum };
    case 'enum':
      return { type: 'string', enum: [...shape.values] };
    case 'list':
      return {
        type: 'array',
        items: shapeSchema(shape.items),
        minItems: shape.minItems,
        maxItems: shape.maxItems,
      };
    case 'object':
      return objectSchema(shape.fields, shape.variants);
    case 'map':
      return {
        type: 'object',
        properties: Object.fromEntries(shape.keys.map((key) => [key, fieldSchema(shape.entry)])),
        additionalProperties: false,
      };
    case 'facts':
      return { type: 'object', description: `Read and checked by ${shape.readBy}.` };
    case 'any':
      return {};
  }
}

type OpenApiDocument = {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, unknown> };
};

const ACTION_ROUTE = '/cases/{caseId}/{action}';

/**
 * The document Nest generates has one route for every case action (`POST /cases/{caseId}/{action}`); a
 * client generated from it needs one operation per action with its own body. This spells the route out
 * per action and gives it, and `POST /cases`, the request body schemas.
 */
export function withCaseRequestBodies<T extends object>(document: T): T {
  const doc = document as unknown as OpenApiDocument;
  const schemas = (doc.components ??= {}).schemas ?? (doc.components.schemas = {});
  const body = (type: CommandType) => {
    schemas[`${type}Request`] = requestSchema(type);
    return {
      required: true,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${type}Request` } } },
    };
  };
  const create = doc.paths['/cases']?.post;
  if (create) create.requestBody = body('SubmitApplication');
  const generic = doc.paths[ACTION_ROUTE]?.post;
  if (generic) {
    delete doc.paths[ACTION_ROUTE];
    const parameters = ((generic.parameters as Array<{ name: string }> | undefined) ?? []).filter(
      (p) => p.name !== 'action',
    );
    for (const [action, type] of Object.entries(CASE_ACTIONS)) {
      const { zh, en } = COMMAND_TERMS[type];
      doc.paths[`/cases/{caseId}/${action}`] = {
        post: {
          ...generic,
          operationId: `case_${action.replace(/-/g, '_')}`,
          summary: `${zh} ${en} (${type})`,
          description: `${COMMAND_BODIES[type].description}\n\n${String(generic.summary ?? '')}`,
          parameters,
          requestBody: body(type),
        },
      };
    }
  }
  return document;
}
