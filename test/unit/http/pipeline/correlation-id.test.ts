import { describe, expect, it } from 'vitest';
import type { RouteRequest } from '#shared/http/route';
import { invoke, route } from './invoke.ts';

/** A route whose handler answers with the correlation id it was given. */
const echoing = route({
  handler: async (request: RouteRequest<unknown, unknown, unknown>) => ({
    status: 200,
    body: { correlation_id: request.correlationId },
  }),
});

describe('the correlation id of a request', () => {
  it('is the caller’s X-Correlation-Id when it is well formed', async () => {
    const answer = await invoke(echoing, { headers: { 'x-correlation-id': 'checkout:4711.retry-2' } });

    expect(answer.headers['X-Correlation-Id']).toBe('checkout:4711.retry-2');
    expect(answer.body).toEqual({ correlation_id: 'checkout:4711.retry-2' });
  });

  it.each([
    ['a space', 'two words'],
    ['a newline (header injection)', 'id\r\nSet-Cookie: a=b'],
    ['more than 128 characters', 'a'.repeat(129)],
  ])('is API Gateway’s request id when the caller’s has %s', async (_, sent) => {
    const answer = await invoke(echoing, { headers: { 'X-Correlation-Id': sent } });

    expect(answer.headers['X-Correlation-Id']).toBe('req-from-api-gateway');
  });

  it('is API Gateway’s request id when the caller sends none', async () => {
    const answer = await invoke(echoing);

    expect(answer.body).toEqual({ correlation_id: 'req-from-api-gateway' });
  });

  it('is on error answers too', async () => {
    const answer = await invoke(route({ auth: 'tenant' }), { headers: { 'X-Correlation-Id': 'abc-1' } });

    expect(answer.status).toBe(401);
    expect(answer.headers['X-Correlation-Id']).toBe('abc-1');
  });
});
