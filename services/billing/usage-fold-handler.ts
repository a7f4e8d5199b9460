/**
 * The Lambda behind the API access log's CloudWatch Logs subscription (infra/constructs/api-usage-folding.ts):
 * each delivery is a gzipped batch of access log lines of one log stream, folded into the usage counters.
 * The batch's id is derived from the log stream and its events' ids, so a delivery retried after a failure
 * counts nothing twice.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { CloudWatchLogsEvent, Context } from 'aws-lambda';
import { type FoldSummary, foldApiUsage } from '#services/billing/fold-api-usage';
import { decodeLogDelivery } from '#shared/aws/log-delivery';
import type { AccessLogRecord } from '#shared/observability/access-log';
import { logger } from '#shared/observability/logger';
import { elapsedMs, MetricUnit, publishMetricSet } from '#shared/observability/metrics';

async function foldDelivery(event: CloudWatchLogsEvent): Promise<FoldSummary | undefined> {
  const started = performance.now();
  // CloudWatch Logs checks that the destination is reachable with a control message: nothing to count.
  const delivery = decodeLogDelivery(event);
  if (!delivery) return undefined;
  const lines = delivery.records as unknown as AccessLogRecord[];
  const summary = await foldApiUsage(lines, delivery.batchId);
  logger.info('Access log batch folded', { ...summary });
  publishMetricSet({ operation: 'fold-api-usage' }, [
    { name: 'AccessLogLines', unit: MetricUnit.Count, value: summary.lines },
    { name: 'RequestsCounted', unit: MetricUnit.Count, value: summary.counted },
    { name: 'QuotaWarnings', unit: MetricUnit.Count, value: summary.warnings },
    { name: 'Latency', unit: MetricUnit.Milliseconds, value: elapsedMs(started) },
  ]);
  return summary;
}

export const handler = middy<CloudWatchLogsEvent, FoldSummary | undefined, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(foldDelivery);
