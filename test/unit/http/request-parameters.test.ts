import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { MAX_PATH_PARAMETER_LENGTH, parseOrThrow, parseQueryOrThrow } from '#shared/http/validation';
import { idPattern } from '#shared/ids';

const accountParams = z.strictObject({
  id: z.string().regex(idPattern('account')),
  contact_id: z.string().regex(idPattern('contact')),
});
const validAccount = 'acc_01HZY0000000000000000000AB';
const validContact = 'con_01HZY0000000000000000000AB';

describe('path parameters name resources', () => {
  it.each([
    'acc_123',
    'org-abc123',
    '123',
    'doc_01HZY0000000000000000000AB',
    'ACC_01HZY0000000000000000000AB',
  ])('answer 404 not_found, naming the parameter, to the id %j of another format', (id) => {
    expect(() => parseOrThrow(accountParams, { id, contact_id: validContact }, 'path')).toThrow(
      expect.objectContaining({ name: 'NotFoundError', param: 'id' }),
    );
  });

  it('name the second parameter when it is the one that names nothing', () => {
    expect(() => parseOrThrow(accountParams, { id: validAccount, contact_id: 'con_1' }, 'path')).toThrow(
      expect.objectContaining({ name: 'NotFoundError', param: 'contact_id' }),
    );
  });

  it.each([
    ['a control character', 'acc_\u0000'],
    ['a line break', 'acc\r\n1'],
    ['an over-long value', 'a'.repeat(MAX_PATH_PARAMETER_LENGTH + 1)],
  ])('stay a 400 for %s, which no id could be', (_, id) => {
    expect(() => parseOrThrow(accountParams, { id, contact_id: validContact }, 'path')).toThrow(
      expect.objectContaining({ name: 'ValidationError', param: 'id' }),
    );
  });

  it('pass well-formed ids through to the lookup', () => {
    expect(parseOrThrow(accountParams, { id: validAccount, contact_id: validContact }, 'path')).toEqual({
      id: validAccount,
      contact_id: validContact,
    });
  });

  it('leave bodies as they are: a malformed id in a body is a 400', () => {
    const body = z.strictObject({ document_ids: z.array(z.string().regex(idPattern('document'))) });

    expect(() => parseOrThrow(body, { document_ids: ['doc_123'] }, 'body')).toThrow(
      expect.objectContaining({ name: 'ValidationError', param: 'document_ids[0]' }),
    );
  });
});

describe('query parameters are strict', () => {
  const listQuery = z.object({ limit: z.coerce.number().default(20), cursor: z.string().optional() });

  it('refuse an unknown parameter with 400, naming it', () => {
    expect(() => parseQueryOrThrow(listQuery, { limit: '5', ofset: '40' })).toThrow(
      expect.objectContaining({ name: 'ValidationError', param: 'ofset' }),
    );
  });

  it('refuse any parameter on a route that declares none', () => {
    expect(() => parseQueryOrThrow(undefined, { format: 'csv' })).toThrow(
      expect.objectContaining({ name: 'ValidationError', param: 'format' }),
    );
  });

  it('see through refinements and transforms to the declared names', () => {
    const refined = listQuery.refine(() => true).transform((query) => ({ ...query, seen: true }));

    expect(parseQueryOrThrow(refined, { limit: '5' })).toEqual({ limit: 5, seen: true });
    expect(() => parseQueryOrThrow(refined, { other: '1' })).toThrow(
      expect.objectContaining({ param: 'other' }),
    );
  });

  it('parse declared parameters with their defaults', () => {
    expect(parseQueryOrThrow(listQuery, {})).toEqual({ limit: 20 });
    expect(parseQueryOrThrow(undefined, {})).toEqual({});
  });
});
