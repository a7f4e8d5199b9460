import { FlushStageAuthorizersCacheCommand } from '@aws-sdk/client-api-gateway';
import { apiGateway } from '#shared/aws/api-gateway';
import { config } from '#shared/config';
import { logger } from '#shared/observability/logger';

/**
 * API Gateway caches each authorizer decision per credential. When a credential loses access (a key
 * revoked, a member removed or demoted) the stage's cache is flushed so the change holds at once, not
 * after the cache TTL. It flushes every credential's entry; revocations are rare, so the cost is a
 * brief burst of authorizer calls. A failed flush is logged: the TTL still bounds the delay.
 */
export async function flushAuthorizerCache(): Promise<void> {
  const { restApiId, stageName } = config.api;
  if (!restApiId || !stageName) return;
  await apiGateway()
    .send(new FlushStageAuthorizersCacheCommand({ restApiId, stageName }))
    .catch((error: unknown) =>
      logger.error('Could not flush the authorizer cache', { error: error as Error }),
    );
}
