import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { retryDueDelivery } from '#services/webhooks/deliver';
import { type RetryMessage, retryScheduler } from '#services/webhooks/retry';
import { logger } from '#shared/observability/logger';

/**
 * The retry queue's consumer (AWS): each message names a delivery whose next attempt is due. A wait longer than
 * SQS's 15-minute delay arrives early and goes back on the queue with the remainder. A failed record is reported
 * alone, so SQS redelivers it (and, after its receive limit, moves it to the queue's dead-letter queue).
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
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
  return { batchItemFailures };
}
