/**
 * The HTTP layer of the error format. Use cases throw the domain errors of #shared/errors; `httpErrorOf`
 * is the one mapping from those to a status, an error type and headers, used by the pipeline, the bulk
 * runner and the local gateway.
 */

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
  | 'quota_exceeded'
  | 'api_error';

export interface ErrorBody {
  error: { type: ErrorType; message: string; param?: string; correlation_id?: string };
}

/**
 * An HTTP answer in the error format: what `httpErrorOf` returns, and what the HTTP layer throws itself
 * when no domain error fits (the local gateway's request refusals, a bulk request that wrote nothing).
 */
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

/** What the HTTP layer reads on an error it answers: an HttpError, or a domain error seen through `answering`. */
export interface HttpAnswer {
  readonly status: number;
  readonly type: ErrorType;
  readonly message: string;
  readonly param?: string | undefined;
  readonly headers: Record<string, string>;
  toBody(): ErrorBody;
}

function mapped(error: domain.DomainError): HttpError {
  const answer = httpErrorOf(error);
  if (!answer) throw new TypeError(`${error.name} has no HTTP answer`);
  return answer;
}

/**
 * A domain error class with its HTTP answer readable on it (status, type, headers, body), from the one
 * mapping below. An instance is still the domain error (`instanceof` the domain class), so use cases that
 * catch domain errors catch these too. For the HTTP layer and its tests; use cases import #shared/errors.
 */
// biome-ignore lint/suspicious/noExplicitAny: a mixin's base constructor must take any[]
function answering<Base extends new (...args: any[]) => domain.DomainError>(base: Base) {
  return class extends base implements HttpAnswer {
    get status(): number {
      return mapped(this).status;
    }
    get type(): ErrorType {
      return mapped(this).type;
    }
    get headers(): Record<string, string> {
      return mapped(this).headers;
    }
    toBody(): ErrorBody {
      return mapped(this).toBody();
    }
  };
}

export const ValidationError = answering(domain.ValidationError);
export type ValidationError = InstanceType<typeof ValidationError>;
export const AuthenticationError = answering(domain.AuthenticationError);
export type AuthenticationError = InstanceType<typeof AuthenticationError>;
export const PermissionError = answering(domain.PermissionError);
export type PermissionError = InstanceType<typeof PermissionError>;
export const NotFoundError = answering(domain.NotFoundError);
export type NotFoundError = InstanceType<typeof NotFoundError>;
export const MethodNotAllowedError = answering(domain.MethodNotAllowedError);
export type MethodNotAllowedError = InstanceType<typeof MethodNotAllowedError>;
export const ConflictError = answering(domain.ConflictError);
export type ConflictError = InstanceType<typeof ConflictError>;
export const IdempotencyConflictError = answering(domain.IdempotencyConflictError);
export type IdempotencyConflictError = InstanceType<typeof IdempotencyConflictError>;
export const PreconditionFailedError = answering(domain.PreconditionFailedError);
export type PreconditionFailedError = InstanceType<typeof PreconditionFailedError>;
export const PayloadTooLargeError = answering(domain.PayloadTooLargeError);
export type PayloadTooLargeError = InstanceType<typeof PayloadTooLargeError>;
export const UnsupportedMediaTypeError = answering(domain.UnsupportedMediaTypeError);
export type UnsupportedMediaTypeError = InstanceType<typeof UnsupportedMediaTypeError>;
export const RateLimitError = answering(domain.RateLimitError);
export type RateLimitError = InstanceType<typeof RateLimitError>;
export const QuotaExceededError = answering(domain.QuotaExceededError);
export type QuotaExceededError = InstanceType<typeof QuotaExceededError>;

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
  if (error instanceof domain.QuotaExceededError) return { status: 403, type: 'quota_exceeded' };
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
