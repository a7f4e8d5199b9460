import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { type Identity, identityToContext } from '#shared/auth/identity';
import { serviceHandler } from '#shared/http/pipeline';
import type { Route } from '#shared/http/route';

/**
 * Drives the pipeline as API Gateway does, one route at a time, with no platform behind it: each test
 * wraps a one-line handler in `serviceHandler([route])` and reads the answer (middy's way of testing a
 * middleware alone).
 */

export const member: Identity = {
  tenantId: 'org_01TESTTENANT0000000000000',
  principalId: 'usr_01TESTUSER00000000000000',
  principalType: 'user',
  role: 'admin',
  scopes: ['accounts:read', 'accounts:write'],
};

export const operator: Identity = {
  tenantId: 'platform',
  principalId: 'usr_01TESTOPERATOR0000000000',
  principalType: 'operator',
  role: 'platform_operator',
  scopes: ['*'],
};

/** A public `GET /api/v1/things` answering `200 {"ok":true}`; a test overrides what it is about. */
export function route(overrides: Partial<Route> = {}): Route {
  return {
    service: 'things',
    method: 'GET',
    path: '/api/v1/things',
    operationId: 'listThings',
    summary: 'List things',
    tags: ['Things'],
    auth: 'public',
    responses: { 200: { description: 'The things' } },
    handler: async () => ({ status: 200, body: { ok: true } }),
    ...overrides,
  };
}

export interface EventOptions {
  /** Another resource than the route's, for a request no route serves. */
  resource?: string;
  identity?: Identity;
  /** An authorizer context as it arrives, for malformed ones. */
  authorizer?: Record<string, unknown>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  sourceIp?: string;
}

/** The REST proxy event API Gateway sends for a request to `target`'s method and resource. */
export function apiEvent(target: Route, options: EventOptions = {}): APIGatewayProxyEvent {
  const binary = Buffer.isBuffer(options.body);
  return {
    resource: options.resource ?? target.path,
    path: target.path,
    httpMethod: target.method,
    headers: options.headers ?? {},
    multiValueHeaders: {},
    pathParameters: options.pathParameters ?? null,
    queryStringParameters: options.queryStringParameters ?? null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    body:
      options.body === undefined ? null : binary ? options.body.toString('base64') : (options.body as string),
    isBase64Encoded: binary,
    requestContext: {
      requestId: 'req-from-api-gateway',
      authorizer: options.authorizer ?? (options.identity ? identityToContext(options.identity) : null),
      identity: { sourceIp: options.sourceIp ?? '203.0.113.7' },
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'things',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:things',
  memoryLimitInMB: '128',
  awsRequestId: 'lambda-request-id',
  logGroupName: '/aws/lambda/things',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;

export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** The body parsed as JSON when it is JSON, else as sent (base64 for a binary answer). */
  body: unknown;
  /** Whether API Gateway is told to decode the body (a binary answer). */
  isBase64Encoded: boolean;
}

/** Sends one request through `serviceHandler([target])`. */
export async function invoke(target: Route, options: EventOptions = {}): Promise<Answer> {
  const result = await serviceHandler([target])(apiEvent(target, options), context);
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
  const json = headers['Content-Type']?.startsWith('application/json') && result.body !== '';
  return {
    status: result.statusCode,
    headers,
    body: json ? JSON.parse(result.body) : result.body,
    isBase64Encoded: result.isBase64Encoded === true,
  };
}
