import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConflictError,
  type HttpError,
  IdempotencyConflictError,
  MethodNotAllowedError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitError,
  ValidationError,
} from '#shared/http/errors';
import { SECURITY_HEADERS } from '#shared/http/security-headers';
import { logger } from '#shared/observability/logger';
import { invoke, route } from './invoke.ts';

/** A route whose handler throws `error`. */
function throwing(error: unknown) {
  return route({
    handler: async () => {
      throw error;
    },
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the pipeline maps a thrown error to an answer', () => {
  it.each<[string, HttpError, number, Record<string, string>]>([
    ['ValidationError', new ValidationError('name is required', 'name'), 400, {}],
    ['NotFoundError', new NotFoundError('No such account', 'id'), 404, {}],
    ['MethodNotAllowedError', new MethodNotAllowedError(['GET', 'POST']), 405, { Allow: 'GET, POST' }],
    ['ConflictError', new ConflictError('The slug is taken', 'slug'), 409, {}],
    ['IdempotencyConflictError', new IdempotencyConflictError('Key reused'), 409, {}],
    ['PreconditionFailedError', new PreconditionFailedError(), 412, {}],
    ['RateLimitError', new RateLimitError(30), 429, { 'Retry-After': '30' }],
  ])('sends a %s as its status, in the error format, with its headers', async (_, error, status, headers) => {
    const answer = await invoke(throwing(error));

    expect(answer.status).toBe(status);
    expect(answer.body).toEqual(error.toBody());
    expect(answer.headers).toMatchObject(headers);
  });

  it('answers an unknown error with a bare 500 that quotes only the correlation id', async () => {
    const answer = await invoke(throwing(new Error('connect ECONNREFUSED 10.0.0.5:5432 at Pool.query')), {
      headers: { 'X-Correlation-Id': 'support-ticket-7' },
    });

    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      error: {
        type: 'api_error',
        message: 'An unexpected error occurred. Quote this id when reporting it: support-ticket-7',
        correlation_id: 'support-ticket-7',
      },
    });
  });

  it('logs what it hides from the caller', async () => {
    const logged = vi.spyOn(logger, 'error');
    const error = new TypeError('Cannot read properties of undefined');

    await invoke(throwing(error));

    expect(logged).toHaveBeenCalledWith('Unhandled error', { error });
  });

  it('maps something thrown that is not an Error too', async () => {
    const answer = await invoke(throwing('a string'));

    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ error: { type: 'api_error' } });
  });

  it('answers 404 for a resource the service has no route for', async () => {
    const answer = await invoke(route(), { resource: '/api/v1/other' });

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      error: { type: 'not_found', message: 'No route for GET /api/v1/other' },
    });
  });
});

describe('every answer carries the security headers and the JSON content type', () => {
  it.each([
    ['a success', route()],
    ['a refusal', route({ auth: 'tenant' })],
    ['a caller error thrown by the handler', throwing(new ConflictError('taken'))],
    ['an unexpected failure', throwing(new Error('boom'))],
  ])('%s', async (_, target) => {
    const answer = await invoke(target);

    expect(answer.headers).toMatchObject({
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
    });
  });
});
