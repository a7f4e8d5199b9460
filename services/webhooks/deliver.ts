import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { recordAttemptOutcome } from '#services/webhooks/endpoint-health';
import { signedRequest } from '#services/webhooks/payload';
import { retryDelayMs, retryScheduler } from '#services/webhooks/retry';
import { openSecret } from '#services/webhooks/secret-box';
import {
  type DeliveryItem,
  type DeliveryRef,
  findDelivery,
  findWebhook,
  type WebhookItem,
  webhookDeliveries,
} from '#services/webhooks/store';
import { config } from '#shared/config';
import { epochSeconds } from '#shared/data/table';
import type { DomainEvent } from '#shared/events/envelope';
import { OutboundFailed, OutboundRefused, outboundPost } from '#shared/net/outbound';
import { logger } from '#shared/observability/logger';

/** The delivery log is kept a month. */
const DELIVERY_RETENTION_SECONDS = 30 * 24 * 60 * 60;
/** A retry message or timer that fires this close before the due time counts as due. */
const DUE_TOLERANCE_MS = 1000;

/** The delivery of an event to an endpoint has the event's ULID, so a redelivered event finds it again. */
export function deliveryIdFor(eventId: string): string {
  return `whd_${eventId.slice(eventId.indexOf('_') + 1)}`;
}

export function refOf(item: Pick<DeliveryItem, 'tenantId' | 'webhookId' | 'deliveryId'>): DeliveryRef {
  return { tenantId: item.tenantId, webhookId: item.webhookId, deliveryId: item.deliveryId };
}

/**
 * Records a delivery to make, once per (endpoint, delivery id). Returns the record, new or as it already was,
 * and whether this call created it.
 */
export async function createDelivery(
  endpoint: Pick<WebhookItem, 'tenantId' | 'webhookId'>,
  event: DomainEvent,
  options: { deliveryId: string; retries: boolean; replayOf?: string },
  now = new Date(),
): Promise<{ delivery: DeliveryItem; created: boolean }> {
  const timestamp = now.toISOString();
  const item: DeliveryItem = {
    tenantId: endpoint.tenantId,
    webhookId: endpoint.webhookId,
    deliveryId: options.deliveryId,
    eventId: event.id,
    eventType: event.type,
    event: JSON.stringify(event),
    status: 'pending',
    retries: options.retries,
    attempts: 0,
    nextAttemptAt: timestamp,
    replayOf: options.replayOf,
    createdAt: timestamp,
    updatedAt: timestamp,
    ttl: epochSeconds(now) + DELIVERY_RETENTION_SECONDS,
  };
  try {
    await webhookDeliveries.create(item).go({ table: config.tableName });
    return { delivery: item, created: true };
  } catch (error) {
    const existing = await findDelivery(refOf(item));
    if (existing && isConditionFailure(error)) return { delivery: existing, created: false };
    throw error;
  }
}

function isConditionFailure(error: unknown): boolean {
  if (error instanceof ConditionalCheckFailedException) return true;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof ConditionalCheckFailedException;
}

interface AttemptResult {
  succeeded: boolean;
  /** False when trying again cannot help (the destination is refused). */
  retryable: boolean;
  responseCode?: number;
  latencyMs: number;
  error?: string;
}

async function send(endpoint: WebhookItem, event: DomainEvent, attemptAt: Date): Promise<AttemptResult> {
  const secret = await openSecret(endpoint.sealedSecret, endpoint.tenantId, endpoint.webhookId);
  const { body, headers } = signedRequest(event, secret, attemptAt);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await outboundPost(endpoint.url, { body, headers });
    const succeeded = response.status >= 200 && response.status < 300;
    return {
      succeeded,
      retryable: true,
      responseCode: response.status,
      latencyMs: response.durationMs,
      error: succeeded ? undefined : `HTTP ${response.status}`,
    };
  } catch (error) {
    if (error instanceof OutboundRefused)
      return { succeeded: false, retryable: false, latencyMs: elapsed(), error: `Refused: ${error.message}` };
    if (error instanceof OutboundFailed)
      return {
        succeeded: false,
        retryable: true,
        latencyMs: elapsed(),
        error: error.reason === 'timeout' ? 'Timed out' : 'Connection failed',
      };
    throw error;
  }
}

/**
 * Makes the next attempt of a pending delivery and records it: succeeded, pending again with the next attempt
 * scheduled, failed (no retries for it, or a refused destination) or dead (every retry used). A delivery that is
 * no longer pending is left alone, so a duplicate timer or queue message does nothing.
 */
export async function attemptDelivery(ref: DeliveryRef, now = new Date()): Promise<DeliveryItem | null> {
  const delivery = await findDelivery(ref);
  if (delivery?.status !== 'pending') return delivery;
  const endpoint = await findWebhook(ref.tenantId, ref.webhookId);
  // A test ping goes to a disabled endpoint too: that is how one checks it before turning it back on.
  if (!endpoint || (!endpoint.enabled && delivery.retries)) {
    return finish(delivery, {
      status: 'failed',
      lastError: endpoint ? 'The endpoint is disabled' : 'The endpoint was deleted',
      updatedAt: now.toISOString(),
    });
  }

  const result = await send(endpoint, JSON.parse(delivery.event) as DomainEvent, now);
  const attempts = delivery.attempts + 1;
  const delayMs = result.succeeded || !result.retryable || !delivery.retries ? null : retryDelayMs(attempts);
  const status: DeliveryItem['status'] = result.succeeded
    ? 'succeeded'
    : delayMs !== null
      ? 'pending'
      : delivery.retries && result.retryable
        ? 'dead'
        : 'failed';
  const finished = await finish(
    delivery,
    {
      status,
      attempts,
      lastResponseCode: result.responseCode,
      lastLatencyMs: result.latencyMs,
      lastError: result.error,
      nextAttemptAt: delayMs === null ? undefined : new Date(now.getTime() + delayMs).toISOString(),
      updatedAt: new Date().toISOString(),
    },
    { attempts: delivery.attempts },
  );
  logger.info('Webhook delivery attempted', {
    deliveryId: ref.deliveryId,
    webhookId: ref.webhookId,
    eventType: delivery.eventType,
    status,
    attempts,
    responseCode: result.responseCode,
    latencyMs: result.latencyMs,
  });
  await recordAttemptOutcome(endpoint, result.succeeded, now);
  if (finished && delayMs !== null) await retryScheduler().schedule(ref, delayMs);
  return finished;
}

/** Writes an attempt's outcome if nobody recorded another attempt meanwhile; returns the record as it stands. */
async function finish(
  delivery: DeliveryItem,
  changes: Partial<DeliveryItem> & Pick<DeliveryItem, 'status' | 'updatedAt'>,
  expected: { attempts: number } = { attempts: delivery.attempts },
): Promise<DeliveryItem | null> {
  const ref = refOf(delivery);
  const cleared = (['lastResponseCode', 'lastLatencyMs', 'lastError', 'nextAttemptAt'] as const).filter(
    (name) => name in changes && changes[name] === undefined,
  );
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  let patch = webhookDeliveries.patch(ref).set(set);
  if (cleared.length > 0) patch = patch.remove([...cleared]);
  try {
    await patch
      .where(
        ({ attempts, status }, { eq }) => `${eq(attempts, expected.attempts)} AND ${eq(status, 'pending')}`,
      )
      .go({ table: config.tableName });
    return { ...delivery, ...changes };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return findDelivery(ref);
  }
}

/** A scheduled retry came due (a local timer or a queue message): attempt it unless it is not due yet. */
export async function retryDueDelivery(
  ref: DeliveryRef,
  now = new Date(),
): Promise<{ delivery: DeliveryItem | null; waitMs: number }> {
  const delivery = await findDelivery(ref);
  if (delivery?.status !== 'pending') return { delivery, waitMs: 0 };
  const waitMs = new Date(delivery.nextAttemptAt ?? delivery.createdAt).getTime() - now.getTime();
  if (waitMs > DUE_TOLERANCE_MS) return { delivery, waitMs };
  return { delivery: await attemptDelivery(ref, now), waitMs: 0 };
}
