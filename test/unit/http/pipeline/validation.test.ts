import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { RouteRequest } from '#shared/http/route';
import { invoke, route } from './invoke.ts';

type AnyRequest = RouteRequest<unknown, unknown, unknown>;

/** `POST /api/v1/things/{thing_id}` answering with what the pipeline parsed. */
const parsing = route({
  method: 'POST',
  path: '/api/v1/things/{thing_id}',
  request: {
    params: z.object({ thing_id: z.string().regex(/^thg_[a-z0-9]{4}$/) }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    body: z.object({ name: z.string().min(1), tags: z.array(z.object({ key: z.string() })).optional() }),
  },
  handler: async (request: AnyRequest) => ({
    status: 200,
    body: { params: request.params, query: request.query, body: request.body },
  }),
});

const valid = {
  pathParameters: { thing_id: 'thg_ab12' },
  headers: { 'Content-Type': 'application/json' },
  body: '{"name":"Acme"}',
};

describe('the pipeline validates a request against its route’s schemas', () => {
  it('hands the handler what the schemas output, defaults and coercions applied', async () => {
    const answer = await invoke(parsing, { ...valid, queryStringParameters: { limit: '5' } });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      params: { thing_id: 'thg_ab12' },
      query: { limit: 5 },
      body: { name: 'Acme' },
    });
  });

  it('answers 400 naming the body field that breaks the schema', async () => {
    const answer = await invoke(parsing, { ...valid, body: '{"name":""}' });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { type: 'validation_error', param: 'name' } });
  });

  it('names a nested field by its path', async () => {
    const answer = await invoke(parsing, { ...valid, body: '{"name":"Acme","tags":[{"key":1}]}' });

    expect(answer.body).toMatchObject({ error: { param: 'tags[0].key' } });
  });

  it('answers 400 naming a required body that is missing', async () => {
    const answer = await invoke(parsing, { ...valid, body: undefined });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { type: 'validation_error', param: 'body' } });
  });

  it('answers 400 naming a query parameter out of range', async () => {
    const answer = await invoke(parsing, { ...valid, queryStringParameters: { limit: '500' } });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { type: 'validation_error', param: 'limit' } });
  });

  it('answers 400 naming a query parameter the route does not declare', async () => {
    const answer = await invoke(parsing, { ...valid, queryStringParameters: { sort: 'name' } });

    expect(answer.body).toEqual({
      error: { type: 'validation_error', message: 'Unknown parameter: sort', param: 'sort' },
    });
  });

  it('answers 400 to any query parameter on a route that takes none', async () => {
    const answer = await invoke(route(), { queryStringParameters: { debug: '1' } });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { param: 'debug' } });
  });

  it('answers 404 for a path id of another format: it names nothing', async () => {
    const answer = await invoke(parsing, { ...valid, pathParameters: { thing_id: 'acc_123' } });

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { type: 'not_found', param: 'thing_id' } });
  });

  it('answers 400 for a path value no id could be', async () => {
    const answer = await invoke(parsing, { ...valid, pathParameters: { thing_id: 'thg_\u0000' } });

    expect(answer.status).toBe(400);
  });

  it('checks the caller before the body: an anonymous malformed request is a 401', async () => {
    const answer = await invoke({ ...parsing, auth: 'tenant' }, { ...valid, body: '{' });

    expect(answer.status).toBe(401);
  });
});
