import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { answerClientErrors, requestRefusal } from '#infra/local/http-limits';
import { routeMatcher } from '#infra/local/route-matcher';
import type { UsagePlanLimiter } from '#infra/local/usage-plan-limiter';
import {
  AuthenticationError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  RateLimitError,
} from '#shared/errors';
import { httpErrorOf, internalErrorBody } from '#shared/http/errors';
import type { ApiHandler } from '#shared/http/pipeline';
import { binaryMediaTypes, type Route } from '#shared/http/route';
import { SECURITY_HEADERS } from '#shared/http/security-headers';

/** API Gateway's own payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const STAGE = 'local';
const ACCOUNT_ID = '000000000000';
const API_ID = 'local';

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
  /** Usage plans as API Gateway applies them: the plan of a key value, and the throttle. */
  usagePlans?: { planOf(usageIdentifierKey: string): string | undefined; limiter: UsagePlanLimiter };
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
    const correlationId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    let status = 500;
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
      if (matched.kind === 'not-found') throw new NotFoundError(`No route for ${method} ${url.pathname}`);
      if (matched.kind === 'method-not-allowed') throw new MethodNotAllowedError(matched.allowed);
      const body = await readBody(request);
      const event = proxyEvent(request, url, matched.route, matched.pathParameters, body, binaryTypes);
      let rateLimitHeaders: Record<string, string> = {};
      if (matched.route.auth !== 'public') {
        const authorized = await authorize(event, matched.route, bearerIdentitySource(request));
        event.requestContext.authorizer = authorized.context;
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
      options.onRequest?.({ method, path: url.pathname, status, ms: performance.now() - started });
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

function bearerIdentitySource(request: IncomingMessage): string | undefined {
  const value = request.headers.authorization;
  return value && value.trim().length > 0 ? value : undefined;
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_PAYLOAD_BYTES) {
    request.resume();
    throw new PayloadTooLargeError(MAX_PAYLOAD_BYTES);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) throw new PayloadTooLargeError(MAX_PAYLOAD_BYTES);
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 0 ? undefined : Buffer.concat(chunks);
}

/** Null-prototype maps: a query key such as `valueOf` or `__proto__` is data, not a method. */
function singleAndMulti(entries: Iterable<[string, string]>) {
  const single: Record<string, string> = Object.create(null);
  const multi: Record<string, string[]> = Object.create(null);
  for (const [key, value] of entries) {
    single[key] = value;
    multi[key] = [...(Object.hasOwn(multi, key) ? (multi[key] ?? []) : []), value];
  }
  return { single, multi };
}

function headerEntries(request: IncomingMessage): [string, string][] {
  const entries: [string, string][] = [];
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    entries.push([request.rawHeaders[index] ?? '', request.rawHeaders[index + 1] ?? '']);
  }
  return entries;
}

function proxyEvent(
  request: IncomingMessage,
  url: URL,
  route: Route,
  pathParameters: Record<string, string>,
  body: Buffer | undefined,
  binaryTypes: ReadonlySet<string>,
): APIGatewayProxyEvent {
  const headers = singleAndMulti(headerEntries(request));
  const query = singleAndMulti(url.searchParams.entries());
  const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
  const binary = body !== undefined && binaryTypes.has(contentType);
  const now = Date.now();
  return {
    resource: route.path,
    path: url.pathname,
    httpMethod: route.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: url.searchParams.size > 0 ? query.single : null,
    multiValueQueryStringParameters: url.searchParams.size > 0 ? query.multi : null,
    pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : null,
    stageVariables: null,
    body: body === undefined ? null : body.toString(binary ? 'base64' : 'utf8'),
    isBase64Encoded: binary,
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: API_ID,
      authorizer: null,
      protocol: `HTTP/${request.httpVersion}`,
      httpMethod: route.method,
      path: `/${STAGE}${url.pathname}`,
      stage: STAGE,
      requestId: randomUUID(),
      requestTimeEpoch: now,
      resourceId: route.operationId,
      resourcePath: route.path,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        user: null,
        userAgent: request.headers['user-agent'] ?? null,
        userArn: null,
      },
    },
  };
}

function authorizerEvent(event: APIGatewayProxyEvent, route: Route): APIGatewayRequestAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:${API_ID}/${STAGE}/${route.method}${route.path}`,
    resource: event.resource,
    path: event.path,
    httpMethod: event.httpMethod,
    headers: event.headers,
    multiValueHeaders: event.multiValueHeaders,
    pathParameters: event.pathParameters,
    queryStringParameters: event.queryStringParameters,
    multiValueQueryStringParameters: event.multiValueQueryStringParameters,
    stageVariables: null,
    // The authorizer runs before any authorizer context exists.
    requestContext: { ...event.requestContext, authorizer: undefined },
  };
}

function lambdaContext(service: string, requestId: string): Context {
  const functionName = `trust-center-${service}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
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
