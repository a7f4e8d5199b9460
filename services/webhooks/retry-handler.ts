import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { retryDueDelivery } from '#services/webhooks/deliver';
import { type RetryMessage, retryScheduler } from '#services/webhooks/retry';
import { logger } from '#shared/observability/logger';
import { elapsedMs, MetricUnit, publishMetricSet } from '#shared/observability/metrics';
import { traceInvocation } from '#shared/observability/tracer';

/**
 * The retry queue's consumer (AWS): each message names a delivery whose next attempt is due. A wait longer than
 * SQS's 15-minute delay arrives early and goes back on the queue with the remainder. A failed record is reported
 * alone, so SQS redelivers it (and, after its receive limit, moves it to the queue's dead-letter queue).
 * Publishes one metric set per batch (`operation=webhook-retry`: records retried, failed, and the batch's
 * latency in ms), like every other function.
 */
async function retryBatch(event: SQSEvent): Promise<SQSBatchResponse> {
  const started = performance.now();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const ref = JSON.parse(record.body) as RetryMessage;
      const { waitMs } = await retryDueDelivery(ref);
      if (waitMs > 0) await retryScheduler().schedule(ref, waitMs);
    } catch (error) {
      logger.error('Webhook retry failed', { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  publishMetricSet({ operation: 'webhook-retry' }, [
    {
      name: 'WebhookRetries',
      unit: MetricUnit.Count,
      value: event.Records.length - batchItemFailures.length,
    },
    { name: 'WebhookRetryFailures', unit: MetricUnit.Count, value: batchItemFailures.length },
    { name: 'Latency', unit: MetricUnit.Milliseconds, value: elapsedMs(started) },
  ]);
  return { batchItemFailures };
}

export const handler = middy<SQSEvent, SQSBatchResponse>().use(traceInvocation()).handler(retryBatch);
