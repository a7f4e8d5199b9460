import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { hasScope, type Identity, identityFromContext } from '#shared/auth/identity';
import { config } from '#shared/config';
import { mediaType } from '#shared/files/media-type';
import {
  AuthenticationError,
  httpErrorOf,
  internalErrorBody,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '#shared/http/errors';
import { headerValue } from '#shared/http/headers';
import { requestFingerprint, withIdempotency } from '#shared/http/idempotency';
import { cursorRejection } from '#shared/http/pagination';
import { operatorMayCall, type Route, type RouteResponse } from '#shared/http/route';
import { SECURITY_HEADERS } from '#shared/http/security-headers';
import { parseOrThrow, parseQueryOrThrow } from '#shared/http/validation';
import { viewerAddress } from '#shared/net/viewer-address';
import { logger } from '#shared/observability/logger';
import { elapsedMs, MetricUnit, publishMetricSet } from '#shared/observability/metrics';
import { traceInvocation } from '#shared/observability/tracer';

/** Default JSON body limit; API Gateway's own hard limit is 10 MB. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * The Lambda entry for one service: dispatches an API Gateway REST proxy event to the service's route by
 * resource path and method, inside middy with the Powertools logger and a correlation id, the tracer, and one
 * EMF metric set per request (operation, status class; a count and the latency).
 */
export function serviceHandler(routes: readonly Route[]): ApiHandler {
  const byKey = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  const dispatch = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const correlationId = correlationIdOf(event);
    logger.appendKeys({ correlation_id: correlationId });
    const started = performance.now();
    let result: APIGatewayProxyResult;
    const route = byKey.get(`${event.httpMethod} ${event.resource}`);
    try {
      if (!route) throw new NotFoundError(`No route for ${event.httpMethod} ${event.resource}`);
      logger.appendKeys({ operation: route.operationId });
      result = toResult(await runRoute(route, event, correlationId), correlationId);
    } catch (error) {
      result = errorResult(error, correlationId);
    }
    const durationMs = elapsedMs(started);
    publishMetricSet(
      { operation: route?.operationId ?? 'unknown', status_class: statusClass(result.statusCode) },
      [
        { name: 'Requests', unit: MetricUnit.Count, value: 1 },
        { name: 'Latency', unit: MetricUnit.Milliseconds, value: durationMs },
      ],
    );
    // Who did what, never with what: no headers, query strings or bodies (they carry credentials).
    const caller = identityFromContext(event.requestContext?.authorizer);
    logger.info('Request handled', {
      method: event.httpMethod,
      resource: event.resource,
      status: result.statusCode,
      duration_ms: durationMs,
      tenant_id: caller?.tenantId,
      principal: caller ? `${caller.principalType}:${caller.principalId}` : 'anonymous',
    });
    return result;
  };
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(traceInvocation())
    .handler(dispatch);
}

/** `2xx`, `4xx`, `5xx`: few enough values to be a dimension, enough to tell a caller's error from ours. */
function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

function correlationIdOf(event: APIGatewayProxyEvent): string {
  const header = headerValue(event.headers, 'x-correlation-id');
  if (header && CORRELATION_ID.test(header)) return header;
  return event.requestContext?.requestId || randomUUID();
}

function lowerCaseHeaders(event: APIGatewayProxyEvent): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[key.toLowerCase()] = value;
  }
  return headers;
}

function authorize(route: Route, event: APIGatewayProxyEvent): Identity | undefined {
  if (route.auth === 'public') return undefined;
  const identity = identityFromContext(event.requestContext?.authorizer);
  if (!identity) throw new AuthenticationError();
  if (route.auth === 'operator' && identity.principalType !== 'operator') {
    throw new PermissionError('This operation is reserved to platform operators');
  }
  if (identity.principalType === 'operator' && !operatorMayCall(route)) {
    // Operators belong to no tenant: a tenant route would act on none (or a pseudo-tenant) for them.
    throw new PermissionError(
      'This operation acts on the caller’s own organization, and a platform operator has none: use /api/v1/organizations/{org_id}/… or a credential of the organization',
    );
  }
  if (route.scope && !hasScope(identity.scopes, route.scope)) {
    throw new PermissionError(`This operation requires the scope ${route.scope}`);
  }
  return identity;
}

function readBody(route: Route, event: APIGatewayProxyEvent, headers: Record<string, string>) {
  const raw =
    event.body === null || event.body === undefined
      ? undefined
      : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  const spec = route.request;
  if (spec?.rawBody) {
    if (!raw || raw.length === 0) throw new ValidationError('A request body is required', 'body');
    if (raw.length > spec.rawBody.maxBytes) throw new PayloadTooLargeError(spec.rawBody.maxBytes);
    const type = mediaType(headers['content-type']);
    if (!type || !spec.rawBody.contentTypes.includes(type))
      throw new UnsupportedMediaTypeError(spec.rawBody.contentTypes);
    return { raw, json: undefined };
  }
  if (!spec?.body) return { raw, json: undefined };
  const limit = spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (raw && raw.length > limit) throw new PayloadTooLargeError(limit);
  if (!raw || raw.length === 0) return { raw, json: undefined };
  if (mediaType(headers['content-type']) !== 'application/json')
    throw new UnsupportedMediaTypeError(['application/json']);
  try {
    return { raw, json: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    throw new ValidationError('The request body is not valid JSON', 'body');
  }
}

async function runRoute(
  route: Route,
  event: APIGatewayProxyEvent,
  correlationId: string,
): Promise<RouteResponse> {
  const headers = lowerCaseHeaders(event);
  const caller = authorize(route, event);
  // Behind CloudFront, the viewer's own address (when CloudFront provably sent the request).
  const sourceIp = await viewerAddress(headers, event.requestContext?.identity?.sourceIp ?? '');
  const identity = caller && {
    ...caller,
    source: {
      ip: sourceIp,
      userAgent: headers['user-agent']?.slice(0, 512),
    },
  };
  const body = readBody(route, event, headers);
  const request = {
    params: route.request?.params
      ? parseOrThrow(route.request.params, event.pathParameters ?? {}, 'path')
      : {},
    query: parseQueryOrThrow(route.request?.query, event.queryStringParameters ?? {}),
    body: route.request?.body ? parseOrThrow(route.request.body, body.json, 'body') : undefined,
    identity,
    headers,
    rawBody: route.request?.rawBody ? body.raw : undefined,
    correlationId,
    sourceIp,
  };
  const execute = async () => {
    // A store refusing the start key of a cursor the caller sent is the caller's 400, not our 500.
    const response = await route.handler(request).catch((error: unknown) => {
      const rejection = cursorRejection(error, request.query);
      if (rejection) logger.warn('The store refused a cursor', { error: error as Error });
      throw rejection ?? error;
    });
    if (config.validateResponses) checkResponse(route, response);
    return response;
  };
  const idempotencyKey = headers['idempotency-key'];
  if (route.method === 'POST' && identity && idempotencyKey !== undefined) {
    const fingerprint = requestFingerprint([route.method, event.path, body.raw]);
    return withIdempotency(
      { tenantId: identity.tenantId, principalId: identity.principalId, operationId: route.operationId },
      idempotencyKey,
      fingerprint,
      execute,
    );
  }
  return execute();
}

/** A response that breaks its declared schema is our bug: fail loudly where responses are checked. */
function checkResponse(route: Route, response: RouteResponse): void {
  const spec = route.responses[response.status];
  if (!spec)
    throw new Error(`${route.operationId} answered ${response.status}, which its route does not declare`);
  const type = mediaType(responseContentType(response));
  if (Buffer.isBuffer(response.body)) {
    if (!type || !spec.binary?.includes(type))
      throw new Error(`${route.operationId} answered ${type ?? 'bytes'}, which its route does not declare`);
    return;
  }
  const schema = type && type !== 'application/json' ? spec.alternatives?.[type] : spec.schema;
  if (type && type !== 'application/json' && !schema)
    throw new Error(`${route.operationId} answered ${type}, which its route does not declare`);
  if (!schema) return;
  const result = schema.safeParse(response.body);
  if (!result.success) {
    throw new Error(
      `${route.operationId} answered a ${response.status} body that breaks its schema: ${result.error.message}`,
    );
  }
}

function baseHeaders(correlationId: string): Record<string, string> {
  return {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'X-Correlation-Id': correlationId,
  };
}

function responseContentType(response: RouteResponse): string | undefined {
  const entry = Object.entries(response.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  );
  return entry?.[1];
}

/** A string body sent with a non-JSON Content-Type (a declared alternative, e.g. CSV) goes out as it is. */
function isRawBody(response: RouteResponse): boolean {
  const type = mediaType(responseContentType(response));
  return typeof response.body === 'string' && type !== undefined && type !== 'application/json';
}

function toResult(response: RouteResponse, correlationId: string): APIGatewayProxyResult {
  // A binary answer (ResponseSpec.binary) travels base64-encoded; API Gateway decodes it for the viewer.
  if (Buffer.isBuffer(response.body))
    return {
      statusCode: response.status,
      headers: { ...baseHeaders(correlationId), ...response.headers },
      body: response.body.toString('base64'),
      isBase64Encoded: true,
    };
  return {
    statusCode: response.status,
    headers: { ...baseHeaders(correlationId), ...response.headers },
    body:
      response.body === undefined
        ? ''
        : isRawBody(response)
          ? (response.body as string)
          : JSON.stringify(response.body),
  };
}

/** Caller errors go out as they are; anything else is logged and becomes a bare 500 with the correlation id. */
export function errorResult(error: unknown, correlationId: string): APIGatewayProxyResult {
  const answer = httpErrorOf(error);
  if (answer) {
    if (answer.status >= 500) logger.error('Request failed', { error: error as Error });
    return {
      statusCode: answer.status,
      headers: { ...baseHeaders(correlationId), ...answer.headers },
      body: JSON.stringify(answer.toBody()),
    };
  }
  logger.error('Unhandled error', { error: error as Error });
  return {
    statusCode: 500,
    headers: baseHeaders(correlationId),
    body: JSON.stringify(internalErrorBody(correlationId)),
  };
}
