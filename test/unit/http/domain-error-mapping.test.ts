import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConflictError,
  type DomainError,
  IdempotencyConflictError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  PreconditionFailedError,
  QuotaExceededError,
  RateLimitError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '#shared/errors';
import * as http from '#shared/http/errors';
import { HttpError, httpErrorOf } from '#shared/http/errors';

const why = new Error('the underlying failure');

describe('httpErrorOf maps each domain error to its status, error type and headers', () => {
  it.each<[DomainError, number, string, string | undefined, Record<string, string>]>([
    [new ValidationError('name is required', 'name', { cause: why }), 400, 'validation_error', 'name', {}],
    [new AuthenticationError(undefined, { cause: why }), 401, 'authentication_error', undefined, {}],
    [new PermissionError('Operators only', { cause: why }), 403, 'permission_error', undefined, {}],
    [
      new QuotaExceededError('members', 3, 3, 'Your plan allows 3 members', { cause: why }),
      403,
      'quota_exceeded',
      undefined,
      {},
    ],
    [new NotFoundError('No such account', 'id', { cause: why }), 404, 'not_found', 'id', {}],
    [
      new MethodNotAllowedError(['GET', 'POST'], { cause: why }),
      405,
      'method_not_allowed',
      undefined,
      { Allow: 'GET, POST' },
    ],
    [new ConflictError('The slug is taken', 'slug', { cause: why }), 409, 'conflict', 'slug', {}],
    [
      new IdempotencyConflictError('Key reused', { cause: why }),
      409,
      'idempotency_error',
      'Idempotency-Key',
      {},
    ],
    [new PreconditionFailedError(undefined, { cause: why }), 412, 'precondition_failed', 'If-Match', {}],
    [new PayloadTooLargeError(1024, { cause: why }), 413, 'payload_too_large', 'body', {}],
    [
      new UnsupportedMediaTypeError(['application/pdf'], { cause: why }),
      415,
      'unsupported_media_type',
      'Content-Type',
      {},
    ],
    [
      new RateLimitError(30, undefined, { cause: why }),
      429,
      'rate_limit_error',
      undefined,
      { 'Retry-After': '30' },
    ],
  ])('%s', (error, status, type, param, headers) => {
    const answer = httpErrorOf(error);

    expect(answer).toBeInstanceOf(HttpError);
    expect(answer?.status).toBe(status);
    expect(answer?.toBody()).toEqual({
      error: { type, message: error.message, ...(param ? { param } : {}) },
    });
    expect(answer?.headers).toEqual(headers);
    expect(answer?.cause).toBe(error);
    expect(error.cause).toBe(why);
  });

  it('keeps the messages the error format has always had', () => {
    expect(httpErrorOf(new AuthenticationError())?.message).toBe('Missing or invalid authentication token');
    expect(httpErrorOf(new PermissionError())?.message).toBe('Insufficient permissions for this operation');
    expect(httpErrorOf(new NotFoundError())?.message).toBe('The requested resource does not exist');
    expect(httpErrorOf(new MethodNotAllowedError(['GET']))?.message).toBe('Method not allowed; allowed: GET');
    expect(httpErrorOf(new PayloadTooLargeError(10))?.message).toBe(
      'Request body exceeds the limit of 10 bytes',
    );
    expect(httpErrorOf(new UnsupportedMediaTypeError(['a/b', 'c/d']))?.message).toBe(
      'Content-Type must be one of: a/b, c/d',
    );
    expect(httpErrorOf(new RateLimitError(5))?.message).toBe('Rate limit exceeded; retry later');
  });

  it('lets a too-large error name its own field, message and limit', () => {
    const error = new PayloadTooLargeError(20, { param: 'upload_id', message: 'The file exceeds 20 bytes' });

    expect(error.limitBytes).toBe(20);
    expect(httpErrorOf(error)?.toBody()).toEqual({
      error: { type: 'payload_too_large', message: 'The file exceeds 20 bytes', param: 'upload_id' },
    });
  });

  it("adds a usage plan's quota headers to a 429", () => {
    const answer = httpErrorOf(new RateLimitError(7, { limit: 100, remaining: 0, reset: 1_700_000_000 }));

    expect(answer?.headers).toEqual({
      'Retry-After': '7',
      'X-RateLimit-Limit': '100',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '1700000000',
    });
  });

  it('passes an HttpError through as it is', () => {
    const error = new HttpError(505, 'api_error', 'HTTP version not supported');

    expect(httpErrorOf(error)).toBe(error);
  });

  it('maps nothing else: the pipeline answers it with a bare 500', () => {
    expect(httpErrorOf(new Error('boom'))).toBeUndefined();
    expect(httpErrorOf('a string')).toBeUndefined();
    expect(httpErrorOf(undefined)).toBeUndefined();
  });

  it('gives the HTTP layer the domain classes themselves, with their answer readable on them', () => {
    const error = new http.ConflictError('The slug is taken', 'slug', { cause: why });

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      name: 'ConflictError',
      status: 409,
      type: 'conflict',
      headers: {},
      cause: why,
    });
    expect(error.toBody()).toEqual({
      error: { type: 'conflict', message: 'The slug is taken', param: 'slug' },
    });
  });

  it('gives every domain error a name of its own', () => {
    expect(new ConflictError('x').name).toBe('ConflictError');
    expect(new RateLimitError(1).name).toBe('RateLimitError');
    expect(new IdempotencyConflictError('x').name).toBe('IdempotencyConflictError');
  });
});
