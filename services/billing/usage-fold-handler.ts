/**
 * The Lambda behind the API access log's CloudWatch Logs subscription (infra/constructs/api-usage-folding.ts):
 * each delivery is a gzipped batch of access log lines of one log stream, folded into the usage counters.
 * The batch's id is derived from the log stream and its events' ids, so a delivery retried after a failure
 * counts nothing twice.
 */
import { gunzipSync } from 'node:zlib';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent, Context } from 'aws-lambda';
import { type FoldSummary, foldApiUsage } from '#services/billing/fold-api-usage';
import { sha256Hex } from '#shared/crypto/sha256-hex';
import type { AccessLogRecord } from '#shared/observability/access-log';
import { logger } from '#shared/observability/logger';
import { elapsedMs, MetricUnit, publishMetricSet } from '#shared/observability/metrics';

/** A line that is not one JSON object is skipped: it is not a request the format wrote. */
function parseLine(message: string): AccessLogRecord | undefined {
  try {
    const parsed: unknown = JSON.parse(message);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as AccessLogRecord)
      : undefined;
  } catch {
    return undefined;
  }
}

async function foldDelivery(event: CloudWatchLogsEvent): Promise<FoldSummary | undefined> {
  const started = performance.now();
  const data = JSON.parse(
    gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'),
  ) as CloudWatchLogsDecodedData;
  // CloudWatch Logs checks that the destination is reachable with a control message: nothing to count.
  if (data.messageType !== 'DATA_MESSAGE') return undefined;
  const lines = data.logEvents
    .map((logEvent) => parseLine(logEvent.message))
    .filter((line) => line !== undefined);
  const batchId = sha256Hex(
    [data.logGroup, data.logStream, ...data.logEvents.map((logEvent) => logEvent.id)].join('\n'),
  ).slice(0, 32);
  const summary = await foldApiUsage(lines, batchId);
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
