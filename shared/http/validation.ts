import * as z from 'zod';
import { NotFoundError, ValidationError } from '#shared/errors';
import { SINGLE_LINE_PATTERN } from '#shared/http/text-fields';

/** The longest path segment that may name a resource; anything longer is a malformed request (400). */
export const MAX_PATH_PARAMETER_LENGTH = 256;

/**
 * Formats zod's first issue as the seed's validation error, naming the offending parameter.
 * In the `path`, a parameter names a resource: a bounded single-line value that fails its schema (an id
 * of another format, seed 1's `acc_123`, seed 4's `org-abc123`) names nothing and is a 404 `not_found`
 * (issue 10, item 3), without a lookup; a value no id could be (a control character, over
 * `MAX_PATH_PARAMETER_LENGTH`) stays a 400.
 * Throws `ValidationError` (400) or, for `path`, `NotFoundError` (404).
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, location: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ValidationError(`Invalid ${location}`, location);
  const path = issue.path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : String(segment)));
  let param = path.join('.').replaceAll('.[', '[');
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) {
    param = [param, issue.keys[0]].filter(Boolean).join('.');
    throw new ValidationError(`Unknown parameter: ${issue.keys.join(', ')}`, param);
  }
  if (location === 'path' && param && namesAResource((value as Record<string, unknown>)?.[param])) {
    throw new NotFoundError('The requested resource does not exist', param);
  }
  throw new ValidationError(issue.message, param || location);
}

function namesAResource(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_PATH_PARAMETER_LENGTH &&
    SINGLE_LINE_PATTERN.test(value)
  );
}

const knownKeys = new WeakMap<z.ZodType, ReadonlySet<string>>();

/** The parameter names a query schema declares: the keys of its object, through transforms and pipes. */
function declaredKeys(schema: z.ZodType): ReadonlySet<string> {
  const cached = knownKeys.get(schema);
  if (cached) return cached;
  let inner: z.ZodType = schema;
  while (!(inner instanceof z.ZodObject)) {
    if (inner instanceof z.ZodPipe) inner = inner.in as z.ZodType;
    else throw new Error('A query schema must be an object schema (possibly refined or transformed)');
  }
  const keys = new Set(Object.keys(inner.shape));
  knownKeys.set(schema, keys);
  return keys;
}

/**
 * Parses a query string against the route's query schema, strictly: a parameter the schema does not
 * declare (any parameter, on a route without one) is a 400 `validation_error` naming it, never
 * silently ignored (issue 10, item 2; SEED-MAP "An unknown query parameter is a 400").
 * Throws `ValidationError` (400).
 */
export function parseQueryOrThrow(
  schema: z.ZodType | undefined,
  query: Readonly<Record<string, string | undefined>>,
): unknown {
  const known = schema ? declaredKeys(schema) : new Set<string>();
  const unknown = Object.keys(query).filter((name) => !known.has(name));
  const [first] = unknown;
  if (first !== undefined) {
    const names = unknown.map((name) => name.slice(0, 100)).join(', ');
    throw new ValidationError(`Unknown parameter: ${names}`, first.slice(0, 100));
  }
  return schema ? parseOrThrow(schema, query, 'query') : {};
}
