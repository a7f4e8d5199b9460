/**
 * The API access log: one JSON line per request, declared once. API Gateway writes it in AWS (the stage's
 * access log format is built from ACCESS_LOG_FIELDS by infra/constructs/platform-api.ts); the local gateway
 * writes the same record after each response. Both feed the same usage folding
 * (services/billing/fold-api-usage.ts), so a request counts the same way on a laptop and in AWS.
 */

/** Each field and the API Gateway `$context` variable it holds. API Gateway writes `-` for a missing value. */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  /** Epoch milliseconds of the request's arrival: what the usage counters date a request by. */
  requestTimeEpoch: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  /** The route's path template (`/api/v1/accounts/{id}`): with the method, it names the operation. */
  resource: '$context.resourcePath',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  /** Milliseconds from the request's arrival to the response, as the caller waited for it. */
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  principalId: '$context.authorizer.principalId',
  /** The authorizer's `principalType` (shared/auth/identity.ts): `user`, `api_key`, `operator`, `development`. */
  principalType: '$context.authorizer.principalType',
  tenantId: '$context.authorizer.tenantId',
  apiKeyId: '$context.identity.apiKeyId',
  authorizerError: '$context.authorizer.error',
  errorType: '$context.error.responseType',
  errorMessage: '$context.error.messageString',
  xrayTraceId: '$context.xrayTraceId',
} as const;

export type AccessLogField = keyof typeof ACCESS_LOG_FIELDS;

/** One access log line as written: every field a string (`-` when API Gateway had no value). */
export type AccessLogRecord = Partial<Record<AccessLogField, string>>;

/** `$context.error.messageString` is already a quoted JSON string; every other variable needs quotes. */
const UNQUOTED: ReadonlySet<AccessLogField> = new Set(['errorMessage']);

/** The stage's access log format: a JSON object with one member per field. */
export function accessLogFormat(): string {
  const members = Object.entries(ACCESS_LOG_FIELDS).map(([name, variable]) =>
    UNQUOTED.has(name as AccessLogField) ? `"${name}":${variable}` : `"${name}":"${variable}"`,
  );
  return `{${members.join(',')}}`;
}
