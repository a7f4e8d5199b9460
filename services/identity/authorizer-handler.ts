import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { authorize } from '#services/identity/authorize';
import { logger } from '#shared/observability/logger';

/** The REQUEST authorizer Lambda in front of every non-public route. */
export const handler = middy<APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(authorize);
