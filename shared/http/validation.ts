import type { z } from 'zod';
import { ValidationError } from '#shared/http/errors';

/** Formats zod's first issue as the seed's validation error, naming the offending parameter. */
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
  throw new ValidationError(issue.message, param || location);
}
