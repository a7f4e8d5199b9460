import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';

/**
 * The Powertools X-Ray tracer (with the X-Ray SDK, ~115 KiB of bundle): loaded by tracer.ts only in a
 * function deployed with SDK-call tracing on. Outside Lambda with active tracing, and with
 * POWERTOOLS_TRACE_ENABLED=false, every call is a no-op.
 */
export const tracer = new Tracer({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'trust-center',
  // Outbound URLs are credentials (Slack and Teams incoming webhooks): they stay out of trace segments.
  captureHTTPsRequests: false,
});

/**
 * The middy middleware that opens a handler subsegment per invocation. Responses stay out of the trace:
 * they carry what a caller may see once (a new API key's secret, signed download URLs).
 */
export const traceInvocation = () => captureLambdaHandler(tracer, { captureResponse: false });

/** An AWS SDK v3 client whose calls appear as subsegments of the invocation's trace. */
export function traced<Client>(client: Client): Client {
  return tracer.captureAWSv3Client(client);
}
