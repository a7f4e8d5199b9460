import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { epochSeconds } from '#shared/data/table';
import { type BusEvent, fromBusEvent } from '#shared/events/bus';
import type { Consumer } from '#shared/events/consumer';
import type { CataloguedEvent } from '#shared/events/envelope';
import { logger } from '#shared/observability/logger';
import { elapsedMs, MetricUnit, publishMetricSet } from '#shared/observability/metrics';
import { traceInvocation } from '#shared/observability/tracer';

/**
 * Markers outlive EventBridge's retry window (24 h) and the outbox's retention (7 days), so a redelivered
 * or replayed event is recognised for as long as it can arrive.
 */
const MARKER_RETENTION_SECONDS = 8 * 24 * 60 * 60;

function markerKey(consumer: Consumer, tenantId: string, eventId: string) {
  return { pk: `${tenantId}#consumed`, sk: `${consumer.name}#${eventId}` };
}

export type ConsumerOutcome = 'handled' | 'duplicate';

/**
 * Runs a consumer on one bus event, at most once to completion per (consumer, event id): an event this
 * consumer finished before is skipped. The marker is written after `handle` succeeds, so a failure leaves
 * the event to be retried (EventBridge in AWS, the local bus locally); two deliveries racing may both run
 * `handle`, which is why handlers write with conditions keyed by the event id.
 */
export async function runConsumer(
  consumer: Consumer,
  busEvent: BusEvent,
  now = new Date(),
): Promise<ConsumerOutcome> {
  const event = fromBusEvent(busEvent);
  const key = markerKey(consumer, event.tenant_id, event.id);
  const seen = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: key, ConsistentRead: true }),
  );
  if (seen.Item) {
    logger.debug('Event already handled', { consumer: consumer.name, eventId: event.id });
    return 'duplicate';
  }
  // The bus carries only catalogued events (the relay checks each against the catalogue, and every
  // producer builds them with domainEvent), so the envelope is the consumer's typed event.
  await consumer.handle(event as CataloguedEvent, { busEventId: busEvent.id, now });
  try {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: {
          ...key,
          kind: 'consumed',
          event_type: event.type,
          handled_at: now.toISOString(),
          ttl: epochSeconds(now) + MARKER_RETENTION_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  logger.debug('Event handled', { consumer: consumer.name, eventId: event.id, type: event.type });
  return 'handled';
}

const OUTCOME_METRIC = {
  handled: 'EventsProcessed',
  duplicate: 'EventsSkipped',
  failed: 'EventsFailed',
} as const satisfies Record<ConsumerOutcome | 'failed', string>;

/**
 * The Lambda entry of a service's consumers: each consumer is its own function in AWS, told which one it
 * is by `TC_CONSUMER`. A thrown error fails the invocation, so EventBridge retries and then dead-letters.
 * Each event publishes one metric set (consumer, event type; processed, skipped or failed, the latency,
 * and `EventAge`: ms from the change's commit, the envelope's `occurred_at`, until this consumer started on
 * it, i.e. the whole pipeline of stream, pipe, bus and invocation; README, "Events").
 */
export function consumersHandler(consumers: readonly Consumer[]) {
  const handle = async (busEvent: BusEvent): Promise<void> => {
    const name = process.env.TC_CONSUMER;
    const consumer = consumers.find((candidate) => candidate.name === name);
    if (!consumer) throw new Error(`No consumer named ${name ?? '(TC_CONSUMER unset)'} in this function`);
    logger.appendKeys({ consumer: consumer.name, eventId: (busEvent.detail as { id?: string }).id });
    const started = performance.now();
    const age = Date.now() - Date.parse(String((busEvent.detail as { occurred_at?: unknown }).occurred_at));
    let outcome: ConsumerOutcome | 'failed' = 'failed';
    try {
      outcome = await runConsumer(consumer, busEvent);
    } finally {
      logger.removeKeys(['consumer', 'eventId']);
      publishMetricSet({ consumer: consumer.name, event_type: busEvent['detail-type'] }, [
        { name: OUTCOME_METRIC[outcome], unit: MetricUnit.Count, value: 1 },
        { name: 'EventLatency', unit: MetricUnit.Milliseconds, value: elapsedMs(started) },
        ...(Number.isFinite(age) ? [{ name: 'EventAge', unit: MetricUnit.Milliseconds, value: age }] : []),
      ]);
    }
  };
  return middy<BusEvent, void>().use(traceInvocation()).handler(handle);
}
