import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { authorize, UNAUTHORIZED } from '#services/identity/authorize';
import { logger } from '#shared/observability/logger';
import { elapsedMs, MetricUnit, publishMetricSet } from '#shared/observability/metrics';
import { traceInvocation } from '#shared/observability/tracer';

/** One metric set per decision: allow, deny (a refused credential), unauthorized (none valid), error. */
async function authorizeMeasured(
  event: APIGatewayRequestAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> {
  const started = performance.now();
  let decision = 'error';
  try {
    const result = await authorize(event);
    decision = result.policyDocument.Statement.some((statement) => statement.Effect === 'Deny')
      ? 'deny'
      : 'allow';
    return result;
  } catch (error) {
    if (error instanceof Error && error.message === UNAUTHORIZED) decision = 'unauthorized';
    throw error;
  } finally {
    publishMetricSet({ operation: 'authorize', decision }, [
      { name: 'Authorizations', unit: MetricUnit.Count, value: 1 },
      { name: 'Latency', unit: MetricUnit.Milliseconds, value: elapsedMs(started) },
    ]);
  }
}

/** The REQUEST authorizer Lambda in front of every non-public route. */
export const handler = middy<APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(traceInvocation())
  .handler(authorizeMeasured);
