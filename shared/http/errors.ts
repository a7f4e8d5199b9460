import * as domain from '#shared/errors';

/** The error types of the first seed's error format, `{"error":{"type","message","param"}}`. */
export type ErrorType =
  | 'validation_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'idempotency_error'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limit_error'
  | 'api_error';

export interface ErrorBody {
  error: { type: ErrorType; message: string; param?: string; correlation_id?: string };
}

/** An error meant for the caller: its status, type, message and param are exposed as they are. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    message: string,
    readonly param?: string,
    readonly headers: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toBody(): ErrorBody {
    return {
      error: { type: this.type, message: this.message, ...(this.param ? { param: this.param } : {}) },
    };
  }
}

export class ValidationError extends HttpError {
  override name = 'ValidationError';
  constructor(message: string, param?: string) {
    super(400, 'validation_error', message, param);
  }
}

export class AuthenticationError extends HttpError {
  override name = 'AuthenticationError';
  constructor(message = 'Missing or invalid authentication token') {
    super(401, 'authentication_error', message);
  }
}

export class PermissionError extends HttpError {
  override name = 'PermissionError';
  constructor(message = 'Insufficient permissions for this operation') {
    super(403, 'permission_error', message);
  }
}

export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
  constructor(message = 'The requested resource does not exist', param?: string) {
    super(404, 'not_found', message, param);
  }
}

export class MethodNotAllowedError extends HttpError {
  override name = 'MethodNotAllowedError';
  constructor(allowed: readonly string[]) {
    super(405, 'method_not_allowed', `Method not allowed; allowed: ${allowed.join(', ')}`, undefined, {
      Allow: allowed.join(', '),
    });
  }
}

export class ConflictError extends HttpError {
  override name = 'ConflictError';
  constructor(message: string, param?: string) {
    super(409, 'conflict', message, param);
  }
}

export class IdempotencyConflictError extends HttpError {
  override name = 'IdempotencyConflictError';
  constructor(message: string) {
    super(409, 'idempotency_error', message, 'Idempotency-Key');
  }
}

export class PreconditionFailedError extends HttpError {
  override name = 'PreconditionFailedError';
  constructor(message = 'The resource has changed since it was read; fetch it again and retry') {
    super(412, 'precondition_failed', message, 'If-Match');
  }
}

export class PayloadTooLargeError extends HttpError {
  override name = 'PayloadTooLargeError';
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `Request body exceeds the limit of ${limitBytes} bytes`, 'body');
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  override name = 'UnsupportedMediaTypeError';
  constructor(expected: readonly string[]) {
    super(
      415,
      'unsupported_media_type',
      `Content-Type must be one of: ${expected.join(', ')}`,
      'Content-Type',
    );
  }
}

export class RateLimitError extends HttpError {
  override name = 'RateLimitError';
  constructor(retryAfterSeconds: number, headers: Record<string, string> = {}) {
    super(429, 'rate_limit_error', 'Rate limit exceeded; retry later', undefined, {
      'Retry-After': String(retryAfterSeconds),
      ...headers,
    });
  }
}

/** What a domain error answers over HTTP, besides its message and param. */
interface Answer {
  status: number;
  type: ErrorType;
  headers?: Record<string, string>;
}

/** The one mapping from domain errors to HTTP: status, error type and headers. */
function answerOf(error: domain.DomainError): Answer | undefined {
  if (error instanceof domain.ValidationError) return { status: 400, type: 'validation_error' };
  if (error instanceof domain.AuthenticationError) return { status: 401, type: 'authentication_error' };
  if (error instanceof domain.PermissionError) return { status: 403, type: 'permission_error' };
  if (error instanceof domain.NotFoundError) return { status: 404, type: 'not_found' };
  if (error instanceof domain.MethodNotAllowedError) {
    return { status: 405, type: 'method_not_allowed', headers: { Allow: error.allowed.join(', ') } };
  }
  if (error instanceof domain.IdempotencyConflictError) return { status: 409, type: 'idempotency_error' };
  if (error instanceof domain.ConflictError) return { status: 409, type: 'conflict' };
  if (error instanceof domain.PreconditionFailedError) return { status: 412, type: 'precondition_failed' };
  if (error instanceof domain.PayloadTooLargeError) return { status: 413, type: 'payload_too_large' };
  if (error instanceof domain.UnsupportedMediaTypeError)
    return { status: 415, type: 'unsupported_media_type' };
  if (error instanceof domain.RateLimitError) {
    const quota = error.quota;
    return {
      status: 429,
      type: 'rate_limit_error',
      headers: {
        'Retry-After': String(error.retryAfterSeconds),
        ...(quota
          ? {
              'X-RateLimit-Limit': String(quota.limit),
              'X-RateLimit-Remaining': String(quota.remaining),
              'X-RateLimit-Reset': String(quota.reset),
            }
          : {}),
      },
    };
  }
  return undefined;
}

/**
 * The HTTP answer to a thrown error: an HttpError as it is, a domain error mapped to its status, type and
 * headers (the domain error is its `cause`), anything else undefined (the caller answers a bare 500).
 */
export function httpErrorOf(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (!(error instanceof domain.DomainError)) return undefined;
  const answer = answerOf(error);
  if (!answer) return undefined;
  return new HttpError(answer.status, answer.type, error.message, error.param, answer.headers, {
    cause: error,
  });
}

/** The body of every 500: nothing but a correlation id, so the caller can quote it and we can find the log. */
export function internalErrorBody(correlationId: string): ErrorBody {
  return {
    error: {
      type: 'api_error',
      message: `An unexpected error occurred. Quote this id when reporting it: ${correlationId}`,
      correlation_id: correlationId,
    },
  };
}
