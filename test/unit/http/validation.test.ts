import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseOrThrow } from '#shared/http/validation';

const schema = z.strictObject({
  title: z.string().min(1),
  contacts: z.array(z.strictObject({ email: z.email() })).default([]),
});

describe('validation errors', () => {
  it('name a nested parameter with its index', () => {
    expect(() => parseOrThrow(schema, { title: 'x', contacts: [{ email: 'nope' }] }, 'body')).toThrow(
      expect.objectContaining({ name: 'ValidationError', param: 'contacts[0].email' }),
    );
  });

  it('name an unknown field', () => {
    expect(() => parseOrThrow(schema, { title: 'x', colour: 'red' }, 'body')).toThrow(
      expect.objectContaining({ param: 'colour', message: 'Unknown parameter: colour' }),
    );
  });

  it('name the location when the whole value is wrong', () => {
    expect(() => parseOrThrow(schema, 'a string', 'body')).toThrow(
      expect.objectContaining({ param: 'body' }),
    );
  });

  it('return the parsed value with defaults applied', () => {
    expect(parseOrThrow(schema, { title: 'x' }, 'body')).toEqual({ title: 'x', contacts: [] });
  });
});
