/**
 * The Lambda behind the site log group's CloudWatch Logs subscription (infra/constructs/page-view-folding.ts):
 * each delivery is a gzipped batch of the site's page-view lines of one log stream, committed to the
 * outbox (services/analytics/page-view-log.ts). A failure throws, and Lambda retries the delivery whole;
 * its events keep their ids, so a retry counts no view twice.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import { commitPageViews, type PageViewFoldSummary } from '#services/analytics/page-view-log';
import { decodeLogDelivery } from '#shared/aws/log-delivery';
import { logger } from '#shared/observability/logger';
import { elapsedMs, MetricUnit, publishMetricSet } from '#shared/observability/metrics';

async function commitDelivery(event: CloudWatchLogsEvent): Promise<PageViewFoldSummary | undefined> {
  const started = performance.now();
  // CloudWatch Logs checks that the destination is reachable with a control message: nothing to commit.
  const delivery = decodeLogDelivery(event);
  if (!delivery) return undefined;
  const summary = await commitPageViews(delivery.records);
  if (summary.refused > 0) logger.warn('Page-view lines refused', { ...summary, batchId: delivery.batchId });
  publishMetricSet({ operation: 'commit-page-views' }, [
    { name: 'PageViewLines', unit: MetricUnit.Count, value: delivery.lines },
    { name: 'PageViewsCommitted', unit: MetricUnit.Count, value: summary.committed },
    { name: 'PageViewLinesRefused', unit: MetricUnit.Count, value: summary.refused },
    { name: 'Latency', unit: MetricUnit.Milliseconds, value: elapsedMs(started) },
  ]);
  return summary;
}

export const handler = middy<CloudWatchLogsEvent, PageViewFoldSummary | undefined, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(commitDelivery);
