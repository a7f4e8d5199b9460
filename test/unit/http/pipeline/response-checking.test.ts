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
        binary: ['image/png'],
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

  it('sends declared binary bytes base64-encoded, for API Gateway to decode', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);

    const answer = await invoke(
      answering({ status: 200, body: bytes, headers: { 'Content-Type': 'image/png' } }),
    );

    expect(answer).toMatchObject({
      status: 200,
      headers: { 'Content-Type': 'image/png' },
      body: bytes.toString('base64'),
      isBase64Encoded: true,
    });
  });

  it('answers 500 for bytes of a type the route does not declare binary', async () => {
    const answer = await invoke(
      answering({ status: 200, body: Buffer.from('GIF89a'), headers: { 'Content-Type': 'image/gif' } }),
    );

    expect(answer.status).toBe(500);
    expect(answer.isBase64Encoded).toBe(false);
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
