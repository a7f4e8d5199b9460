import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { epochSeconds } from '#shared/data/table';
import type { DomainEvent } from '#shared/events/envelope';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Outbox items live beside the tenant's data and are kept a week: long enough for any relay outage. */
const OUTBOX_RETENTION_SECONDS = 7 * 24 * 60 * 60;

export const OUTBOX_KIND = 'outbox';

export function outboxItem(event: DomainEvent) {
  return {
    pk: `${event.tenant_id}#outbox`,
    sk: event.id,
    kind: OUTBOX_KIND,
    event,
    ttl: epochSeconds(new Date(event.occurred_at)) + OUTBOX_RETENTION_SECONDS,
  };
}

/**
 * A change worked out but not yet committed: the item as it will be, the transaction items that write
 * it and the events that describe it. Use cases commit one; bulk requests commit many in one transaction.
 */
export interface PlannedChange<T> {
  item: T;
  writes: TransactItem[];
  events: DomainEvent[];
}

/** A write was refused by a condition: which of the transaction's items failed, by index. */
export class WriteConflict extends Error {
  override name = 'WriteConflict';
  constructor(
    readonly failedIndexes: number[],
    options?: { cause?: unknown },
  ) {
    super(`Conditional write failed for item(s) ${failedIndexes.join(', ')}`, options);
  }
}

/**
 * The only way a service changes data: its writes and the events describing them are committed in one
 * DynamoDB transaction (transactional outbox), so no change is ever published without happening or
 * happens without being published. The table stream carries the outbox items to the bus.
 */
export async function commitWithEvents(writes: TransactItem[], events: DomainEvent[]): Promise<void> {
  const TransactItems: TransactItem[] = [
    ...writes,
    ...events.map((event) => ({
      Put: {
        TableName: config.tableName,
        Item: outboxItem(event),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
  ];
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const failed = (error.CancellationReasons ?? [])
        .map((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? index : -1))
        .filter((index) => index >= 0);
      if (failed.length > 0) throw new WriteConflict(failed, { cause: error });
    }
    throw error;
  }
}

/** ElectroDB's `.params()` output as a transaction item (transactions take no ReturnValues). */
export function asPut(params: Record<string, unknown>): TransactItem {
  const { ReturnValues: _ignored, ...put } = params;
  return { Put: put as TransactItem['Put'] } as TransactItem;
}

export function asUpdate(params: Record<string, unknown>): TransactItem {
  const { ReturnValues: _ignored, ...update } = params;
  return { Update: update as TransactItem['Update'] } as TransactItem;
}

export function asDelete(params: Record<string, unknown>): TransactItem {
  const { ReturnValues: _ignored, ...remove } = params;
  return { Delete: remove as TransactItem['Delete'] } as TransactItem;
}
