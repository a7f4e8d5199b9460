/**
 * The errors use cases throw: what went wrong in the domain's words, with no HTTP status. Only the HTTP
 * layer (shared/http/errors.ts `httpErrorOf`) turns them into a status, the error format and headers.
 * Each class has a `name`, a `param` when the caller's field is known, the extra data its answer needs
 * (allowed methods, limits, Retry-After seconds) and passes `ErrorOptions` (`cause`) on to `Error`.
 * Anchors: Powertools packages/idempotency/src/errors.ts, packages/event-handler/src/http/errors.ts.
 */

/** `ErrorOptions` plus the caller's field the error is about, when known. */
export interface DomainErrorOptions extends ErrorOptions {
  param?: string | undefined;
}

/** The base of every error meant for the caller: its message and param are shown to them as they are. */
export abstract class DomainError extends Error {
  override name = 'DomainError';
  readonly param?: string | undefined;

  constructor(message: string, options: DomainErrorOptions = {}) {
    const { param, ...errorOptions } = options;
    super(message, errorOptions);
    this.param = param;
  }
}

/** The input breaks a rule: a field is missing, malformed or out of range. */
export class ValidationError extends DomainError {
  override name = 'ValidationError';
  constructor(message: string, param?: string, options?: ErrorOptions) {
    super(message, { ...options, param });
  }
}

/** The caller is not known: no credential, or one that does not check out. */
export class AuthenticationError extends DomainError {
  override name = 'AuthenticationError';
  constructor(message = 'Missing or invalid authentication token', options?: ErrorOptions) {
    super(message, options);
  }
}

/** The caller is known but may not do this. */
export class PermissionError extends DomainError {
  override name = 'PermissionError';
  constructor(message = 'Insufficient permissions for this operation', options?: ErrorOptions) {
    super(message, options);
  }
}

/** The thing asked for does not exist (or is not the caller's to see). */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(message = 'The requested resource does not exist', param?: string, options?: ErrorOptions) {
    super(message, { ...options, param });
  }
}

/** The operation does not exist on this resource; `allowed` lists the ones that do. */
export class MethodNotAllowedError extends DomainError {
  override name = 'MethodNotAllowedError';
  constructor(
    readonly allowed: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`Method not allowed; allowed: ${allowed.join(', ')}`, options);
  }
}

/** The request contradicts the current state (a taken name, a finished workflow, a concurrent change). */
export class ConflictError extends DomainError {
  override name = 'ConflictError';
  constructor(message: string, param?: string, options?: ErrorOptions) {
    super(message, { ...options, param });
  }
}

/** An idempotency key reused with another request, or while its first request is still running. */
export class IdempotencyConflictError extends DomainError {
  override name = 'IdempotencyConflictError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, param: 'Idempotency-Key' });
  }
}

/** The version the caller read (If-Match) is no longer the current one. */
export class PreconditionFailedError extends DomainError {
  override name = 'PreconditionFailedError';
  constructor(
    message = 'The resource has changed since it was read; fetch it again and retry',
    options?: ErrorOptions,
  ) {
    super(message, { ...options, param: 'If-Match' });
  }
}

/** A body or file past a size limit; `limitBytes` is that limit. The default message is the request body's. */
export class PayloadTooLargeError extends DomainError {
  override name = 'PayloadTooLargeError';
  constructor(
    readonly limitBytes: number,
    options: DomainErrorOptions & { message?: string } = {},
  ) {
    const { message, ...rest } = options;
    super(message ?? `Request body exceeds the limit of ${limitBytes} bytes`, { param: 'body', ...rest });
  }
}

/** Content of a type the operation does not take; `accepted` lists the ones it does. */
export class UnsupportedMediaTypeError extends DomainError {
  override name = 'UnsupportedMediaTypeError';
  constructor(
    readonly accepted: readonly string[],
    options: DomainErrorOptions & { message?: string } = {},
  ) {
    const { message, ...rest } = options;
    super(message ?? `Content-Type must be one of: ${accepted.join(', ')}`, {
      param: 'Content-Type',
      ...rest,
    });
  }
}

/**
 * Creating the thing would take the organization past a limit of its plan (members, documents, stored
 * bytes, custom domains; plans come from `planTiers` in cdk.json). `meter` names the limit, `limit` is
 * its value and `used` what the organization already holds. Refused, never silently dropped.
 */
export class QuotaExceededError extends DomainError {
  override name = 'QuotaExceededError';
  constructor(
    readonly meter: string,
    readonly limit: number,
    readonly used: number,
    message: string,
    options?: DomainErrorOptions,
  ) {
    super(message, options);
  }
}

/** The quota a usage plan grants: its limit, what remains, and when the window resets (epoch seconds). */
export interface Quota {
  limit: number;
  remaining: number;
  reset: number;
}

/** Too many requests; the caller may retry after `retryAfterSeconds`. `quota` when a usage plan metered it. */
export class RateLimitError extends DomainError {
  override name = 'RateLimitError';
  constructor(
    readonly retryAfterSeconds: number,
    readonly quota?: Quota,
    options?: ErrorOptions,
  ) {
    super('Rate limit exceeded; retry later', options);
  }
}
