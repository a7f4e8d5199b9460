import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { PayloadTooLargeError } from '#shared/errors';
import type { Route } from '#shared/http/route';

// How the local gateway turns a Node request into what API Gateway hands a Lambda: the REST proxy event,
// the REQUEST authorizer's event and a Lambda context, with API Gateway's payload limit.

/** API Gateway's own payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const STAGE = 'local';
const ACCOUNT_ID = '000000000000';
const API_ID = 'local';

/** The Authorization header, API Gateway's identity source; undefined when absent or blank. */
export function bearerIdentitySource(request: IncomingMessage): string | undefined {
  const value = request.headers.authorization;
  return value && value.trim().length > 0 ? value : undefined;
}

/**
 * The request body, at most API Gateway's 10 MiB (MAX_PAYLOAD_BYTES); undefined when empty.
 * @throws PayloadTooLargeError past the limit, declared or streamed.
 */
export async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
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

/** The REST proxy event API Gateway would hand the route's Lambda for this request. */
export function proxyEvent(
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

/** The REQUEST authorizer's event for a proxy event: its headers, source address and method ARN. */
export function authorizerEvent(event: APIGatewayProxyEvent, route: Route): APIGatewayRequestAuthorizerEvent {
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

/** A Lambda context for a local invocation of a service's handler. */
export function lambdaContext(service: string, requestId: string): Context {
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
