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
