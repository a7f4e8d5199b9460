import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import type { RouteResponse } from '#shared/http/route';
import { invoke, route } from './invoke.ts';

/** A route declaring `200 {"name": string}` (or `text/csv`) whose handler answers `response`. */
function answering(response: RouteResponse) {
  return route({
    responses: {
      200: {
        description: 'The thing',
        schema: z.object({ name: z.string() }),
        alternatives: { 'text/csv': z.string() },
      },
      204: { description: 'Nothing to say' },
    },
    handler: async () => response,
  });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('with response validation on (locally and in tests)', () => {
  beforeEach(() => {
    vi.stubEnv('TC_VALIDATE_RESPONSES', 'true');
  });

  it('lets a declared answer through', async () => {
    const answer = await invoke(answering({ status: 200, body: { name: 'Acme' } }));

    expect(answer).toMatchObject({ status: 200, body: { name: 'Acme' } });
  });

  it('answers 500 when the handler answers a status its route does not declare', async () => {
    const answer = await invoke(answering({ status: 201, body: { name: 'Acme' } }));

    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ error: { type: 'api_error' } });
  });

  it('answers 500 when the body breaks the declared schema', async () => {
    const answer = await invoke(answering({ status: 200, body: { name: 42 } }));

    expect(answer.status).toBe(500);
  });

  it('answers 500 for a media type the route does not declare', async () => {
    const answer = await invoke(
      answering({ status: 200, body: '<p>Acme</p>', headers: { 'Content-Type': 'text/html' } }),
    );

    expect(answer.status).toBe(500);
  });

  it('sends a declared alternative media type as it is, not as JSON', async () => {
    const answer = await invoke(
      answering({
        status: 200,
        body: 'name\nAcme\n',
        headers: { 'Content-Type': 'text/csv; charset=utf-8' },
      }),
    );

    expect(answer).toMatchObject({
      status: 200,
      headers: { 'Content-Type': 'text/csv; charset=utf-8' },
      body: 'name\nAcme\n',
    });
  });

  it('lets a status declared without a schema answer with no body', async () => {
    const answer = await invoke(answering({ status: 204 }));

    expect(answer).toMatchObject({ status: 204, body: '' });
  });
});

describe('with response validation off (in AWS)', () => {
  it('sends what the handler answered', async () => {
    vi.stubEnv('TC_VALIDATE_RESPONSES', 'false');

    const answer = await invoke(answering({ status: 200, body: { name: 42 } }));

    expect(answer).toMatchObject({ status: 200, body: { name: 42 } });
  });
});
