/**
 * Whether the local platform may serve: the gateway listens as soon as it can (so its URL is known to
 * what provisioning writes, and a script polling the port sees a clear "not yet" rather than a refused
 * connection), but until every provisioning step has finished, `GET /health` answers 503 naming what is
 * pending and every other request answers 503 with `Retry-After`, in the error format.
 */
import type { ServerResponse } from 'node:http';
import type { LocalRoute } from '#infra/local/gateway';
import type { ErrorBody, ErrorType } from '#shared/http/errors';
import { SECURITY_HEADERS } from '#shared/http/security-headers';

/** Seconds a caller is asked to wait before retrying a request refused while the platform starts. */
export const STARTING_RETRY_AFTER_SECONDS = 1;

/** The route that answers while the platform is starting; it reports readiness itself. */
const HEALTH_ROUTE = 'GET /health';

export class Readiness {
  readonly #pending: Set<string>;

  /** @param steps the provisioning steps still to do, in the words `GET /health` reports them. */
  constructor(steps: readonly string[]) {
    this.#pending = new Set(steps);
  }

  /** Marks a step finished; the platform is ready once none is left. */
  done(step: string): void {
    this.#pending.delete(step);
  }

  /** Marks every step finished (the last thing startPlatform does). */
  finish(): void {
    this.#pending.clear();
  }

  get ready(): boolean {
    return this.#pending.size === 0;
  }

  /** The steps not finished yet, in the order they were named. */
  get pending(): string[] {
    return [...this.#pending];
  }

  /**
   * The gateway's local routes, gated: while the platform is starting, every `METHOD /path` the gateway
   * looks up (the API's routes included, since the gateway asks its local routes first) resolves to a
   * 503 with `Retry-After`, except `GET /health`; once ready, the routes as given.
   */
  gate(routes: Record<string, LocalRoute>): Record<string, LocalRoute> {
    const starting: LocalRoute = async (_request, response) =>
      errorAnswer(
        response,
        503,
        { type: 'api_error', message: this.startingMessage() },
        { 'Retry-After': String(STARTING_RETRY_AFTER_SECONDS) },
      );
    return new Proxy(routes, {
      get: (target, key, receiver) => {
        if (this.ready || key === HEALTH_ROUTE || typeof key !== 'string')
          return Reflect.get(target, key, receiver);
        return starting;
      },
    });
  }

  /** What a request refused while starting is told. */
  startingMessage(): string {
    return `The platform is starting: ${this.pending.join(', ')} not provisioned yet; GET /health answers 200 once it is ready`;
  }
}

/**
 * Answers in the error format (`{"error": {"type", "message", "param"?}}`, shared/http/errors.ts) with the
 * security headers every API answer carries, plus `extra` fields beside `error` (health reports its
 * components there). A 503's type is `api_error`: the first seed's error types have no "unavailable", and
 * the fault is the server's, not the caller's.
 */
export function errorAnswer(
  response: ServerResponse,
  status: number,
  error: { type: ErrorType; message: string; param?: string },
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): void {
  const body: ErrorBody & Record<string, unknown> = { error, ...extra };
  response.statusCode = status;
  for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...headers }))
    response.setHeader(name, value);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}
