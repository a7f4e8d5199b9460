import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { ErrorType } from '#shared/http/errors';
import { SECURITY_HEADERS } from '#shared/http/security-headers';

/**
 * What API Gateway answers by itself (before or instead of a Lambda), in the same error format the
 * services use: `{"error": {"type", "message", "correlation_id"}}`. `message: undefined` keeps API
 * Gateway's own message for the catch-all responses.
 */
export interface GatewayErrorResponse {
  id: string;
  type: ResponseType;
  statusCode?: number;
  errorType: ErrorType;
  message?: string;
  /** The message is the one the authorizer put in its context (`$context.authorizer.message`). */
  authorizerMessage?: true;
  headers?: Record<string, string>;
}

export const GATEWAY_ERROR_RESPONSES: readonly GatewayErrorResponse[] = [
  { id: 'Default4xx', type: ResponseType.DEFAULT_4XX, errorType: 'validation_error' },
  {
    id: 'Default5xx',
    type: ResponseType.DEFAULT_5XX,
    errorType: 'api_error',
    message: 'An unexpected error occurred. Quote the correlation_id when reporting it.',
  },
  {
    id: 'Unauthorized',
    type: ResponseType.UNAUTHORIZED,
    statusCode: 401,
    errorType: 'authentication_error',
    message: 'Missing or invalid authentication token',
  },
  {
    // The authorizer denies only with a reason (services/identity/authorize.ts: an IP allowlist that does
    // not cover the caller's address) and puts it in its context.
    id: 'AccessDenied',
    type: ResponseType.ACCESS_DENIED,
    statusCode: 403,
    errorType: 'permission_error',
    authorizerMessage: true,
  },
  {
    // The usage identifier the authorizer returned belongs to no usage plan of this stage.
    id: 'InvalidApiKey',
    type: ResponseType.INVALID_API_KEY,
    statusCode: 403,
    errorType: 'permission_error',
    message: 'This credential has no usage plan on this API',
  },
  {
    // API Gateway's answer to a path (or method) it has no resource for.
    id: 'NotFound',
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    statusCode: 404,
    errorType: 'not_found',
    message: 'The requested resource does not exist',
  },
  {
    id: 'Throttled',
    type: ResponseType.THROTTLED,
    statusCode: 429,
    errorType: 'rate_limit_error',
    message: 'Rate limit exceeded; retry later',
    headers: { 'Retry-After': '1' },
  },
  {
    id: 'QuotaExceeded',
    type: ResponseType.QUOTA_EXCEEDED,
    statusCode: 429,
    errorType: 'rate_limit_error',
    message: "Your plan's monthly request quota is used up",
    headers: { 'Retry-After': '3600' },
  },
  {
    id: 'RequestTooLarge',
    type: ResponseType.REQUEST_TOO_LARGE,
    statusCode: 413,
    errorType: 'payload_too_large',
    message: 'Request body too large',
  },
  {
    id: 'UnsupportedMediaType',
    type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
    statusCode: 415,
    errorType: 'unsupported_media_type',
    message: 'Unsupported content type',
  },
];

/** The body template: `$context` values are filled in by API Gateway; messageString comes quoted. */
export function gatewayErrorTemplate(
  response: Pick<GatewayErrorResponse, 'errorType' | 'message' | 'authorizerMessage'>,
): string {
  const message = response.authorizerMessage
    ? '"$context.authorizer.message"'
    : response.message === undefined
      ? '$context.error.messageString'
      : JSON.stringify(response.message);
  return `{"error":{"type":"${response.errorType}","message":${message},"correlation_id":"$context.requestId"}}`;
}

export function addGatewayErrorResponses(api: RestApi): void {
  for (const response of GATEWAY_ERROR_RESPONSES) {
    const headers = Object.fromEntries(
      Object.entries({ ...SECURITY_HEADERS, 'Content-Type': 'application/json', ...response.headers }).map(
        ([name, value]) => [name, `'${value}'`],
      ),
    );
    api.addGatewayResponse(response.id, {
      type: response.type,
      statusCode: response.statusCode?.toString(),
      responseHeaders: headers,
      templates: { 'application/json': gatewayErrorTemplate(response) },
    });
  }
}
