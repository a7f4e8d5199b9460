import type { MiddlewareObj } from '@middy/core';

/**
 * Whether this function records X-Ray subsegments for its handler and each AWS SDK call. Every function
 * runs with Lambda's active tracing (its own segment with the initialization and invocation times, joined
 * to API Gateway's trace); the subsegments need the Powertools tracer and the X-Ray SDK, which cost ~115 KiB
 * and their load time on every cold start, so they are opt-in: `-c traceSdkCalls=true` at deploy sets
 * `TC_TRACE_SDK_CALLS` (README, "Observability"). Locally no X-Ray daemon listens: always off.
 */
export const sdkCallTracing =
  process.env.TC_TRACE_SDK_CALLS === 'true' &&
  process.env.POWERTOOLS_TRACE_ENABLED !== 'false' &&
  process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined;

// A chunk of its own (infra/bundling.ts): only a function with SDK-call tracing on reads it.
const xray = sdkCallTracing ? await import('#shared/observability/xray-tracer') : undefined;

/**
 * The middy middleware that opens a handler subsegment per invocation, when SDK-call tracing is on;
 * otherwise none (middy takes a list, and refuses a middleware object without hooks).
 */
export function traceInvocation(): MiddlewareObj[] {
  return xray ? [xray.traceInvocation()] : [];
}

/** The SDK client, its calls recorded as subsegments of the invocation's trace when SDK-call tracing is on. */
export function traced<Client>(client: Client): Client {
  return xray ? xray.traced(client) : client;
}
