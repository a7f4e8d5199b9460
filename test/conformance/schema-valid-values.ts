import fc from 'fast-check';
import { MULTI_LINE_PATTERN, SINGLE_LINE_PATTERN } from '#shared/http/text-fields';

/**
 * Values that satisfy a published JSON Schema (OpenAPI 3.1), built from the schema alone: type, enum,
 * const, pattern, format, length, item and number bounds, required properties, every union branch. No
 * zod here: what this builds is what a client generated from the document would be allowed to send.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  example?: unknown;
  description?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface OpenApiOperation {
  description?: string;
  parameters?: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/**
 * How to fill a schema: `minimal` sends required properties only, each at its lower bounds; `maximal`
 * sends every property, each at its upper bounds (lengths capped, see `LONGEST_STRING`); `examples`
 * is minimal but takes each field's published example where it has one. `branch` picks the n-th
 * branch of every union (the last one when a union has fewer), and `seed` varies generated strings.
 */
export interface Variant {
  name: string;
  mode: 'minimal' | 'maximal' | 'examples';
  branch: number;
  seed: number;
}

/** Long enough to cross every short bound; longer fields are filled to this length only. */
const LONGEST_STRING = 5000;

const FORMAT_VALUES: Record<string, [string, string]> = {
  email: ['a@example.com', 'jane.doe+trust@mail.example.com'],
  date: ['2031-01-02', '2039-12-31'],
  'date-time': ['2031-01-02T03:04:05.000Z', '2039-12-31T23:59:59.999Z'],
  uri: ['https://example.com/', 'https://hooks.example.com/path/to/receiver?x=1'],
  ipv4: ['192.0.2.1', '203.0.113.254'],
  ipv6: ['2001:db8::1', '2001:db8:85a3::8a2e:370:7334'],
};

const typesOf = (schema: JsonSchema) => [schema.type ?? []].flat();

export class SchemaValues {
  constructor(private readonly document: OpenApiDocument) {}

  resolve(schema: JsonSchema): JsonSchema {
    if (schema.$ref) {
      const name = schema.$ref.split('/').pop() ?? '';
      const target = this.document.components.schemas[name];
      if (!target) throw new Error(`Unresolvable reference ${schema.$ref}`);
      return this.resolve({ ...target, ...schema, $ref: undefined });
    }
    if (!schema.allOf) return schema;
    const parts = schema.allOf.map((part) => this.resolve(part));
    return {
      ...schema,
      allOf: undefined,
      type: 'object',
      properties: Object.assign({}, schema.properties, ...parts.map((part) => part.properties)),
      required: [...(schema.required ?? []), ...parts.flatMap((part) => part.required ?? [])],
    };
  }

  /** The variants worth sending for a schema: minimal, examples and maximal, once per union branch. */
  variants(schema: JsonSchema): Variant[] {
    const branches = Math.max(1, this.widestUnion(schema, 0));
    return Array.from({ length: branches }, (_, branch) =>
      (['minimal', 'examples', 'maximal'] as const).map((mode, index) => ({
        name: `${mode}${branches > 1 ? `, branch ${branch}` : ''}`,
        mode,
        branch,
        seed: branch * 3 + index + 1,
      })),
    ).flat();
  }

  value(raw: JsonSchema, variant: Variant): unknown {
    const schema = this.resolve(raw);
    if (variant.mode === 'examples' && schema.example !== undefined) return schema.example;
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return this.pick(schema.enum, variant);
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) {
      const branch = branches[Math.min(variant.branch, branches.length - 1)] ?? {};
      return this.value(branch, variant);
    }
    switch (typesOf(schema)[0]) {
      case 'object':
        return this.object(schema, variant);
      case 'array': {
        const fewest = schema.minItems ?? 0;
        const count =
          variant.mode === 'maximal' ? Math.min(schema.maxItems ?? 3, Math.max(fewest, 3)) : fewest;
        return this.items(schema.items ?? {}, count, variant);
      }
      case 'boolean':
        return variant.mode !== 'maximal';
      case 'integer':
      case 'number':
        return this.number(schema, variant);
      case 'string':
        return this.string(schema, variant);
      case 'null':
        return null;
      default:
        return null;
    }
  }

  private object(schema: JsonSchema, variant: Variant): Record<string, unknown> {
    const properties = schema.properties ?? {};
    const required = schema.required ?? [];
    let names = variant.mode === 'maximal' ? Object.keys(properties) : required;
    // `minProperties` without required properties (an update body): the first properties will do.
    if (names.length < (schema.minProperties ?? 0))
      names = Object.keys(properties).slice(0, schema.minProperties);
    return Object.fromEntries(names.map((name) => [name, this.value(properties[name] ?? {}, variant)]));
  }

  /** Array items, distinct where the items are strings (lists of ids, domains, emails repeat nothing). */
  private items(schema: JsonSchema, count: number, variant: Variant): unknown[] {
    const values: unknown[] = [];
    for (let index = 0; values.length < count && index < count * 20; index += 1) {
      const value = this.value(schema, { ...variant, seed: variant.seed * 100 + index });
      const json = JSON.stringify(value);
      if (!values.some((seen) => JSON.stringify(seen) === json)) values.push(value);
    }
    return values;
  }

  private number(schema: JsonSchema, variant: Variant): number {
    const step = typesOf(schema)[0] === 'integer' ? 1 : 0.5;
    const low =
      schema.minimum ?? (schema.exclusiveMinimum === undefined ? 0 : schema.exclusiveMinimum + step);
    const high =
      schema.maximum ?? (schema.exclusiveMaximum === undefined ? low + 1000 : schema.exclusiveMaximum - step);
    return variant.mode === 'maximal' ? high : low;
  }

  private pick(values: readonly unknown[], variant: Variant): unknown {
    return variant.mode === 'maximal' ? values[values.length - 1] : values[variant.seed % values.length];
  }

  private string(schema: JsonSchema, variant: Variant): string {
    const fewest = schema.minLength ?? 0;
    const most = schema.maxLength ?? Number.POSITIVE_INFINITY;
    const length = variant.mode === 'maximal' ? Math.min(most, LONGEST_STRING) : Math.max(fewest, 1);
    const format = schema.format ? FORMAT_VALUES[schema.format] : undefined;
    if (format) {
      const fitting = format
        .map((value) => (schema.format === 'email' ? value.replace('@', `${variant.seed}@`) : value))
        .filter((value) => !schema.pattern || new RegExp(schema.pattern).test(value));
      const value = variant.mode === 'maximal' ? fitting[fitting.length - 1] : fitting[0];
      if (value !== undefined) return value;
    }
    const isTextRule =
      schema.pattern === SINGLE_LINE_PATTERN.source || schema.pattern === MULTI_LINE_PATTERN.source;
    if (!schema.pattern || isTextRule) return text(length, variant.seed);
    return matching(schema.pattern, fewest, most, variant);
  }

  private widestUnion(raw: JsonSchema, depth: number): number {
    if (depth > 8) return 1;
    const schema = this.resolve(raw);
    const branches = schema.anyOf ?? schema.oneOf ?? [];
    const nested = [
      ...branches,
      ...Object.values(schema.properties ?? {}),
      ...(schema.items ? [schema.items] : []),
    ].map((child) => this.widestUnion(child, depth + 1));
    return Math.max(branches.length, ...nested, 1);
  }
}

/** Printable text of an exact length, words and spaces, no leading or trailing blank. */
function text(length: number, seed: number): string {
  const words = ['Trust', 'center', 'SOC', 'Zertifikat', 'données', 'ISO', 'policy'];
  let value = '';
  for (let index = seed; value.length < length; index += 1) value += `${words[index % words.length]} `;
  value = value.slice(0, length);
  return value.endsWith(' ') ? `${value.slice(0, -1)}x` : value;
}

/** A string the pattern matches, within the length bounds (fast-check's regex-to-string generator). */
function matching(pattern: string, fewest: number, most: number, variant: Variant): string {
  const arbitrary = fc
    .stringMatching(new RegExp(pattern))
    .filter((value) => value.length >= fewest && value.length <= most);
  const [value] = fc.sample(arbitrary, { numRuns: 1, seed: variant.seed });
  if (value === undefined) throw new Error(`No string matches /${pattern}/ within ${fewest}..${most}`);
  return value;
}
