import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda';
import { answerClientErrors, requestRefusal } from '#infra/local/http-limits';
import {
  authorizerEvent,
  bearerIdentitySource,
  lambdaContext,
  proxyEvent,
  readBody,
} from '#infra/local/proxy-event';
import { routeMatcher } from '#infra/local/route-matcher';
import type { UsagePlanLimiter } from '#infra/local/usage-plan-limiter';
import {
  AuthenticationError,
  MethodNotAllowedError,
  NotFoundError,
  PermissionError,
  RateLimitError,
} from '#shared/errors';
import { httpErrorOf, internalErrorBody } from '#shared/http/errors';
import type { ApiHandler } from '#shared/http/pipeline';
import { binaryMediaTypes, type Route } from '#shared/http/route';
import { SECURITY_HEADERS } from '#shared/http/security-headers';
import type { AccessLogRecord } from '#shared/observability/access-log';

export type Authorizer = (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;
export type LocalRoute = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface GatewayOptions {
  port: number;
  host?: string;
  routes: readonly Route[];
  /** The Lambda handler of a service, as its entry file exports it. */
  serviceHandler(service: string): Promise<ApiHandler>;
  authorizer: Authorizer;
  /** Same as the REST API's authorizer result cache: a revoked credential may pass this long. */
  authorizerCacheTtlSeconds: number;
  /** Routes that exist only locally (`GET /health`, `GET /_local/mail`), by `METHOD /path`. */
  localRoutes?: Record<string, LocalRoute>;
  onRequest?(line: { method: string; path: string; status: number; ms: number }): void;
  /**
   * API Gateway's access log line of each request (shared/observability/access-log.ts), handed over after
   * the response was written, as API Gateway writes it after answering.
   */
  onAccessLog?(record: AccessLogRecord): void;
  /** Usage plans as API Gateway applies them: the plan of a key value, and the throttle. */
  usagePlans?: { planOf(usageIdentifierKey: string): string | undefined; limiter: UsagePlanLimiter };
  /**
   * What CloudFront's default behaviour does in AWS: a request outside `/api/` that matches no route goes
   * to the site function (as a REST proxy event of `ANY /{proxy+}`), `GET /assets/…` to the built assets.
   */
  site?: { handler(): Promise<ApiHandler>; assets: LocalRoute };
}

export interface Gateway {
  url: string;
  port: number;
  /** What FlushStageAuthorizersCache does: every cached authorizer decision is dropped. */
  flushAuthorizerCache(): void;
  close(): Promise<void>;
}

/**
 * Serves the route table as API Gateway would: each request becomes the REST proxy event the Lambda
 * receives in AWS, after the same REQUEST authorizer (with the same result cache) has run.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const match = routeMatcher(options.routes);
  const binaryTypes = new Set(binaryMediaTypes(options.routes));
  const authorizerCache = new Map<string, { result: APIGatewayAuthorizerResult; expiresAt: number }>();

  async function authorize(event: APIGatewayProxyEvent, route: Route, token: string | undefined) {
    // With caching on, API Gateway answers 401 itself when the identity source is absent.
    if (!token) throw new AuthenticationError();
    // The cache key is every identity source, as in AWS: the credential and the caller's address (an IP
    // allowlist decides per address, so a decision made for one address must not serve another).
    const cacheKey = `${token}\n${event.requestContext.identity.sourceIp}`;
    const cached = authorizerCache.get(cacheKey);
    let result: APIGatewayAuthorizerResult;
    if (cached && cached.expiresAt > Date.now()) {
      result = cached.result;
    } else {
      try {
        result = await options.authorizer(authorizerEvent(event, route));
      } catch (error) {
        if (error instanceof Error && error.message === 'Unauthorized') throw new AuthenticationError();
        throw error;
      }
      if (options.authorizerCacheTtlSeconds > 0) {
        authorizerCache.set(cacheKey, {
          result,
          expiresAt: Date.now() + options.authorizerCacheTtlSeconds * 1000,
        });
      }
    }
    const allowed = result.policyDocument.Statement.some((statement) => statement.Effect === 'Allow');
    if (!allowed) {
      // As the AccessDenied gateway response does: the authorizer's own message when it gave one.
      const message = result.context?.message;
      throw new PermissionError(
        typeof message === 'string' ? message : 'Insufficient permissions for this operation',
      );
    }
    return {
      context: { ...(result.context ?? {}), principalId: result.principalId },
      usageIdentifierKey: result.usageIdentifierKey,
    };
  }

  /**
   * API Gateway's usage plans: the authorizer's usageIdentifierKey names an API key, whose plan
   * throttles it. Credentials without one (development credentials, local only) go unmetered.
   */
  function meter(usageIdentifierKey: string | undefined): Record<string, string> {
    if (!options.usagePlans || !usageIdentifierKey) return {};
    const plan = options.usagePlans.planOf(usageIdentifierKey);
    if (!plan) throw new PermissionError('Forbidden: the credential has no usage plan');
    const decision = options.usagePlans.limiter.take(usageIdentifierKey, plan);
    const headers = {
      'X-RateLimit-Limit': String(decision.limit),
      'X-RateLimit-Remaining': String(decision.remaining),
      'X-RateLimit-Reset': String(decision.reset),
    };
    if (!decision.allowed) throw new RateLimitError(decision.retryAfter, decision);
    return headers;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const arrived = Date.now();
    const correlationId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    let status = 500;
    // What the access log says of the route and the caller, once known.
    let resource: string | undefined;
    let caller: Record<string, unknown> | undefined;
    try {
      // API Gateway's own refusals (414, 505, 400) come before any route, local ones included.
      const refusal = requestRefusal(request);
      if (refusal) throw refusal;
      const local = options.localRoutes?.[`${method} ${url.pathname}`];
      if (local) {
        await local(request, response);
        status = response.statusCode;
        return;
      }
      const matched = match(method, url.pathname);
      if (matched.kind === 'not-found' && options.site && !url.pathname.startsWith('/api/')) {
        status = await serveSite(options.site, request, response, url);
        return;
      }
      if (matched.kind === 'not-found') throw new NotFoundError(`No route for ${method} ${url.pathname}`);
      if (matched.kind === 'method-not-allowed') throw new MethodNotAllowedError(matched.allowed);
      resource = matched.route.path;
      const body = await readBody(request);
      const event = proxyEvent(request, url, matched.route, matched.pathParameters, body, binaryTypes);
      let rateLimitHeaders: Record<string, string> = {};
      if (matched.route.auth !== 'public') {
        const authorized = await authorize(event, matched.route, bearerIdentitySource(request));
        event.requestContext.authorizer = authorized.context;
        caller = authorized.context;
        rateLimitHeaders = meter(authorized.usageIdentifierKey ?? undefined);
      }
      const handler = await options.serviceHandler(matched.route.service);
      const result = await handler(
        event,
        lambdaContext(matched.route.service, event.requestContext.requestId),
      );
      status = result.statusCode;
      send(response, { ...result, headers: { ...result.headers, ...rateLimitHeaders } });
    } catch (error) {
      const result = gatewayError(error, correlationId);
      status = result.statusCode;
      send(response, result);
    } finally {
      const ms = performance.now() - started;
      options.onRequest?.({ method, path: url.pathname, status, ms });
      options.onAccessLog?.(
        accessLogRecord({ arrived, correlationId, method, url, resource, status, ms, caller }),
      );
    }
  }

  let inFlight = 0;
  // The response in progress on each connection, so a parser error mid-body does not write over it.
  const responding = new WeakMap<Duplex, ServerResponse>();
  // Node's own 400 for a missing Host is a bare one; requestRefusal answers it in the error format.
  const server: Server = createServer({ requireHostHeader: false }, (request, response) => {
    inFlight += 1;
    responding.set(request.socket, response);
    handle(request, response)
      .catch(() => response.destroy())
      .finally(() => {
        inFlight -= 1;
      });
  });
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server, (socket) => responding.get(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    flushAuthorizerCache: () => authorizerCache.clear(),
    // Stops accepting, lets requests in flight finish (up to 5 s), then drops what is left.
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + 5_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The access log line API Gateway would write for the request (shared/observability/access-log.ts). */
function accessLogRecord(request: {
  arrived: number;
  correlationId: string;
  method: string;
  url: URL;
  resource: string | undefined;
  status: number;
  ms: number;
  caller: Record<string, unknown> | undefined;
}): AccessLogRecord {
  const { caller } = request;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : '-');
  return {
    requestId: request.correlationId,
    requestTime: new Date(request.arrived).toISOString(),
    requestTimeEpoch: String(request.arrived),
    method: request.method,
    resource: request.resource ?? '-',
    path: request.url.pathname,
    status: String(request.status),
    responseLatency: String(Math.round(request.ms)),
    principalId: text(caller?.principalId),
    principalType: text(caller?.principalType),
    tenantId: text(caller?.tenantId),
  };
}

/** The site's pseudo-route: API Gateway's greedy catch-all, as CloudFront's default behaviour reaches it. */
const SITE_ROUTE = { path: '/{proxy+}', operationId: 'site', service: 'site' } as Route;

async function serveSite(
  site: NonNullable<GatewayOptions['site']>,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<number> {
  if (url.pathname.startsWith('/assets/')) {
    await site.assets(request, response);
    return response.statusCode;
  }
  const body = await readBody(request);
  const route = { ...SITE_ROUTE, method: request.method ?? 'GET' } as Route;
  const event = proxyEvent(request, url, route, { proxy: url.pathname.slice(1) }, body, new Set());
  const handler = await site.handler();
  const result = await handler(event, lambdaContext('site', event.requestContext.requestId));
  send(response, result);
  return result.statusCode;
}

function gatewayError(error: unknown, correlationId: string): APIGatewayProxyResult {
  // API Gateway's own answers carry the security headers too (infra/constructs/gateway-responses.ts).
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'X-Correlation-Id': correlationId,
  };
  const answer = httpErrorOf(error);
  if (answer) {
    return {
      statusCode: answer.status,
      headers: { ...headers, ...answer.headers },
      body: JSON.stringify(answer.toBody()),
    };
  }
  console.error(`[gateway] ${correlationId}`, error);
  return { statusCode: 500, headers, body: JSON.stringify(internalErrorBody(correlationId)) };
}

function send(response: ServerResponse, result: APIGatewayProxyResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, String(value));
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    response.setHeader(name, values.map(String));
  }
  response.statusCode = result.statusCode;
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}
