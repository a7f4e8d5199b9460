import fc from 'fast-check';
import { routes } from '#services/registry';
import type { Route } from '#shared/http/route';
import { MULTI_LINE_PATTERN, SINGLE_LINE_PATTERN } from '#shared/http/text-fields';
import { openApiDocument } from '#shared/openapi/document';

/**
 * Requests read from the published OpenAPI document rather than from the zod schemas, so a suite proves
 * what clients are told: every string field of a request body (at any depth, each union branch on its
 * own), a valid value for any schema (its example, first enum value, required fields, a string its
 * pattern matches), and how the error format names a field.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  example?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export type Segment = string | number;

/** A string somewhere in a request, and the request value that carries a given text there. */
export interface StringField {
  path: Segment[];
  schema: JsonSchema;
  /** Where the nearest enclosing union sits, if any. */
  union?: Segment[];
  build(text: string): unknown;
}

export const published = openApiDocument(routes) as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};

export function resolve(schema: JsonSchema): JsonSchema {
  if (schema.$ref) return resolve(published.components.schemas[schema.$ref.split('/').pop() ?? ''] ?? {});
  if (!schema.allOf) return schema;
  const parts = schema.allOf.map(resolve);
  return {
    ...schema,
    allOf: undefined,
    type: 'object',
    properties: Object.assign({}, schema.properties, ...parts.map((part) => part.properties)),
    required: [...(schema.required ?? []), ...parts.flatMap((part) => part.required ?? [])],
  };
}

const typesOf = (schema: JsonSchema) => [schema.type ?? []].flat();
export const isString = (schema: JsonSchema) => typesOf(schema).includes('string');

const FORMAT_SAMPLES: Record<string, string> = {
  email: 'jane@example.com',
  date: '2031-01-02',
  'date-time': '2031-01-02T03:04:05.000Z',
  uri: 'https://example.com/',
};

function sampleString(schema: JsonSchema): string {
  if (typeof schema.example === 'string') return schema.example;
  const format = schema.format ? FORMAT_SAMPLES[schema.format] : undefined;
  if (format) return format;
  const min = Math.max(schema.minLength ?? 1, 1);
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
  const isTextRule =
    schema.pattern === SINGLE_LINE_PATTERN.source || schema.pattern === MULTI_LINE_PATTERN.source;
  if (schema.pattern && !isTextRule) {
    const matching = fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((value) => value.length >= min && value.length <= max);
    return fc.sample(matching, { numRuns: 1, seed: 11 })[0] ?? '';
  }
  return 'x'.repeat(min);
}

/** A valid value of the schema: its example, first enum value, required properties, fewest items. */
export function sample(raw: JsonSchema): unknown {
  const schema = resolve(raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return sample(branches.find((branch) => !typesOf(branch).includes('null')) ?? {});
  switch (typesOf(schema).find((type) => type !== 'null')) {
    case 'object': {
      // An update body must change something: with nothing required, its first field is sent.
      const first = Object.keys(schema.properties ?? {}).slice(0, 1);
      const names = schema.required?.length ? schema.required : first;
      return Object.fromEntries(names.map((name) => [name, sample(schema.properties?.[name] ?? {})]));
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}));
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return schema.minimum ?? Math.min(1, schema.maximum ?? 1);
    case 'string':
      return sampleString(schema);
    default:
      return null;
  }
}

/** Every string field under the schema, each branch of a union on its own, first array item. */
export function stringFields(raw: JsonSchema, path: Segment[] = []): StringField[] {
  const schema = resolve(raw);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches)
    return branches.flatMap((branch) =>
      stringFields(branch, path).map((field) => ({ union: path, ...field })),
    );
  if (isString(schema)) return [{ path, schema, build: (text) => text }];
  const types = typesOf(schema);
  if (types.includes('object')) {
    const base = sample(schema) as Record<string, unknown>;
    return Object.entries(schema.properties ?? {}).flatMap(([name, property]) =>
      stringFields(property, [...path, name]).map((field) => ({
        ...field,
        build: (text: string) => ({ ...base, [name]: field.build(text) }),
      })),
    );
  }
  if (types.includes('array') && schema.items) {
    const items = schema.items;
    const rest = Array.from({ length: Math.max((schema.minItems ?? 1) - 1, 0) }, () => sample(items));
    return stringFields(items, [...path, 0]).map((field) => ({
      ...field,
      build: (text: string) => [field.build(text), ...rest],
    }));
  }
  return [];
}

/** How the error format names a field: `contacts[0].email`. */
export function paramName(path: Segment[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join('');
}

/**
 * The params an answer may name for a refused field: the field, or for the discriminator of a union
 * (`op` of a bulk item) the union's place, since with no branch chosen zod reports the union itself.
 */
export function acceptedParams(field: StringField): string[] {
  const isChoice = field.schema.enum !== undefined || field.schema.const !== undefined;
  const isDiscriminator = isChoice && field.union && field.path.length === field.union.length + 1;
  return isDiscriminator && field.union
    ? [paramName(field.path), paramName(field.union)]
    : [paramName(field.path)];
}

export const isMultiLine = (schema: JsonSchema) => schema.pattern === MULTI_LINE_PATTERN.source;
/** The sample with the characters under test in its middle, where no trimming reaches them. */
export const withInside = (schema: JsonSchema, characters: string) => {
  const text = sampleString(schema);
  return `${text}${characters}${text}`;
};

export function operationOf(route: Route): Operation {
  const operation = published.paths[route.path]?.[route.method.toLowerCase()];
  if (!operation) throw new Error(`${route.method} ${route.path} is not in the published document`);
  return operation;
}
