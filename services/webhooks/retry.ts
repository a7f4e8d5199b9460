import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryRef } from '#services/webhooks/store';
import { config } from '#shared/config';
import { logger } from '#shared/observability/logger';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Waits after the 1st, 2nd, … failed attempt: about a day in all; the attempt after the last wait is the last. */
export const RETRY_DELAYS_MS = [
  30_000,
  2 * MINUTE,
  10 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** SQS delays a message by at most 15 minutes; longer waits go round the queue again with the remainder. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/**
 * The wait before the next attempt, after `attempts` failed ones, or null when they are used up. ±20 % jitter
 * keeps endpoints that failed together from being retried together; `TC_WEBHOOK_RETRY_SCALE` shrinks it in tests.
 */
export function retryDelayMs(
  attempts: number,
  random = Math.random,
  scale = config.webhookRetryScale,
): number | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * scale * (0.8 + 0.4 * random()));
}

/** Arranges for `retryDueDelivery` to run on a delivery after a delay. The delivery record holds the state. */
export interface RetryScheduler {
  schedule(ref: DeliveryRef, delayMs: number): Promise<void>;
}

/** The message on the retry queue: which delivery to retry. */
export type RetryMessage = DeliveryRef;

let sqsClient: SQSClient | undefined;

function sqs(): SQSClient {
  sqsClient ??= new SQSClient({ region: config.region });
  return sqsClient;
}

/** AWS: a message on the retry queue, delayed up to 15 minutes; retry-handler.ts re-queues longer waits. */
export function queueRetryScheduler(queueUrl: string): RetryScheduler {
  return {
    async schedule(ref, delayMs) {
      const message: RetryMessage = {
        tenantId: ref.tenantId,
        webhookId: ref.webhookId,
        deliveryId: ref.deliveryId,
      };
      await sqs().send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(message),
          DelaySeconds: Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000))),
        }),
      );
    },
  };
}

/**
 * Locally: a timer in the platform's process. Timers do not survive a restart; a delivery left `pending` then
 * is retried when the same event is redelivered or the delivery is replayed.
 */
export function timerRetryScheduler(): RetryScheduler {
  const timers: RetryScheduler = {
    async schedule(ref, delayMs) {
      const timer = setTimeout(() => {
        import('#services/webhooks/deliver')
          .then(({ retryDueDelivery }) => retryDueDelivery(ref))
          .then(({ waitMs }) => (waitMs > 0 ? timers.schedule(ref, waitMs) : undefined))
          .catch((error: unknown) =>
            logger.error('Webhook retry failed', { deliveryId: ref.deliveryId, error: error as Error }),
          );
      }, delayMs);
      timer.unref();
    },
  };
  return timers;
}

let scheduler: RetryScheduler | undefined;

/** The queue when `TC_WEBHOOK_RETRY_QUEUE_URL` is set (AWS), else in-process timers (the local platform). */
export function retryScheduler(): RetryScheduler {
  if (!scheduler) {
    const queueUrl = config.webhookRetryQueueUrl;
    scheduler = queueUrl ? queueRetryScheduler(queueUrl) : timerRetryScheduler();
  }
  return scheduler;
}
