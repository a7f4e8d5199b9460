/**
 * The API usage counters, in one partition per organization (`<tenantId>#api-usage`), read by Query and
 * by key, never by Scan:
 *
 * - `day#<YYYY-MM-DD>#<principal>#<operationId>`: requests that day by one API key (`key_…`) or by the
 *   signed-in people (`people`) to one operation: `requests`, one counter per status class (`s2xx`, `s3xx`,
 *   `s4xx`, `s429`, `s5xx`) and the latency histogram (`h<bucket>`, latency-histogram.ts). Expires after
 *   USAGE_RETENTION_DAYS.
 * - `key#<keyId>`: the key's `requestCount` since it was made, `lastUsedAt`, and per month (`m<YYYY-MM>`)
 *   the requests its usage plan counted against the monthly quota.
 * - `organization`: per month (`m<YYYY-MM>`) the requests of all its credentials counted against the quota.
 * - `batch#<id>`: a folded batch of access log lines, so a batch delivered twice is counted once.
 * - `warning#<YYYY-MM>#<subject>#<percent>`: a quota warning sent (quota-warnings.ts).
 *
 * Counters only grow, by atomic `ADD`: concurrent batches never lose a count.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  QueryCommand,
  type QueryCommandOutput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { epochSeconds } from '#shared/data/table';
import type { DomainEvent } from '#shared/events/envelope';

/** Daily counters are kept 400 days: a year back from any day, plus the month it started in. */
export const USAGE_RETENTION_DAYS = 400;
/** Longer than CloudWatch Logs and Lambda keep retrying a batch (at most 6 hours). */
const BATCH_MARKER_SECONDS = 2 * 24 * 60 * 60;
/** TransactWriteItems takes 100 items: 99 counters and the batch's marker. */
const COUNTERS_PER_TRANSACTION = 99;
const TRANSACTION_ATTEMPTS = 5;

type Key = { pk: string; sk: string };
const partition = (tenantId: string) => `${tenantId}#api-usage`;

export const dayItemKey = (tenantId: string, day: string, principal: string, operation: string): Key => ({
  pk: partition(tenantId),
  sk: `day#${day}#${principal}#${operation}`,
});
export const keyTotalsKey = (tenantId: string, keyId: string): Key => ({
  pk: partition(tenantId),
  sk: `key#${keyId}`,
});
export const organizationTotalsKey = (tenantId: string): Key => ({
  pk: partition(tenantId),
  sk: 'organization',
});
export const warningMarkerKey = (tenantId: string, month: string, subject: string, percent: number): Key => ({
  pk: partition(tenantId),
  sk: `warning#${month}#${subject}#${percent}`,
});
/** The attribute of a month's quota-counted requests on the key and organization items. */
export const monthAttribute = (month: string) => `m${month}`;

/** What one item gains: attributes to add to, and attributes set once when the item is created. */
export interface CounterUpdate {
  key: Key;
  add: Record<string, number>;
  setOnce?: Record<string, string | number>;
}

function updateOf({ key, add, setOnce = {} }: CounterUpdate): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, string | number> = {};
  const adds = Object.entries(add).map(([name, delta], index) => {
    names[`#a${index}`] = name;
    values[`:a${index}`] = delta;
    return `#a${index} :a${index}`;
  });
  const sets = Object.entries(setOnce).map(([name, value], index) => {
    names[`#s${index}`] = name;
    values[`:s${index}`] = value;
    return `#s${index} = if_not_exists(#s${index}, :s${index})`;
  });
  return {
    Update: {
      TableName: config.tableName,
      Key: key,
      UpdateExpression: [
        `ADD ${adds.join(', ')}`,
        ...(sets.length > 0 ? [`SET ${sets.join(', ')}`] : []),
      ].join(' '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

const isTransactionConflict = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');

/**
 * Adds one batch's counts for a tenant, exactly once: each transaction of up to 99 counter updates carries
 * the marker `batch#<batchId>#<n>`, which may not exist yet, so a batch delivered again adds nothing.
 * Returns how many transactions were already applied.
 */
export async function addCounters(
  tenantId: string,
  batchId: string,
  updates: readonly CounterUpdate[],
  now: Date,
): Promise<{ applied: number; repeated: number }> {
  const outcome = { applied: 0, repeated: 0 };
  for (let start = 0, chunk = 0; start < updates.length; start += COUNTERS_PER_TRANSACTION, chunk++) {
    const marker: TransactItem = {
      Put: {
        TableName: config.tableName,
        Item: {
          pk: partition(tenantId),
          sk: `batch#${batchId}#${chunk}`,
          ttl: epochSeconds(now) + BATCH_MARKER_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const writes = [marker, ...updates.slice(start, start + COUNTERS_PER_TRANSACTION).map(updateOf)];
    for (let attempt = 1; ; attempt++) {
      try {
        await commitWithEvents(writes, []);
        outcome.applied++;
        break;
      } catch (error) {
        if (error instanceof WriteConflict && error.failedIndexes.includes(0)) {
          outcome.repeated++;
          break;
        }
        // Two batches adding to the same counter at once: the loser tries again shortly.
        if (attempt < TRANSACTION_ATTEMPTS && isTransactionConflict(error)) {
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
          continue;
        }
        throw error;
      }
    }
  }
  return outcome;
}

/**
 * Moves the key's `lastUsedAt` forward to `at` (ISO 8601), never back: batches may be folded out of order.
 * A maximum is idempotent, so this needs no marker.
 */
export async function raiseLastUsed(tenantId: string, keyId: string, at: string): Promise<void> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keyTotalsKey(tenantId, keyId),
        UpdateExpression: 'SET lastUsedAt = :at',
        ConditionExpression: 'attribute_not_exists(lastUsedAt) OR lastUsedAt < :at',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Items by key, strongly consistent (counts just added are read back); missing ones are absent. */
export async function getItems(keys: readonly Key[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < keys.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(start, start + 100);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** Math.min(attempt, 5)));
      const result: BatchGetCommandOutput = await dynamo().send(
        new BatchGetCommand({
          RequestItems: { [config.tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      for (const item of result.Responses?.[config.tableName] ?? []) found.set(String(item.sk), item);
      pending = result.UnprocessedKeys?.[config.tableName]?.Keys;
    }
  }
  return found;
}

/** Every daily counter of the tenant from `fromDay` to `toDay` (inclusive, `YYYY-MM-DD`), by Query. */
export async function dailyCounters(
  tenantId: string,
  fromDay: string,
  toDay: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let position: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page: QueryCommandOutput = await dynamo().send(
      new QueryCommand({
        TableName: config.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': partition(tenantId),
          ':from': `day#${fromDay}#`,
          ':to': `day#${toDay}#\uffff`,
        },
        ExclusiveStartKey: position,
      }),
    );
    items.push(...(page.Items ?? []));
    position = page.LastEvaluatedKey;
  } while (position);
  return items;
}

/**
 * Records a quota warning with its event, once: the marker may not exist yet. Returns false when it
 * already did (the warning was sent before).
 */
export async function recordWarning(key: Key, event: DomainEvent, now: Date): Promise<boolean> {
  try {
    await commitWithEvents(
      [
        {
          Put: {
            TableName: config.tableName,
            Item: { ...key, eventId: event.id, at: now.toISOString() },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      [event],
    );
    return true;
  } catch (error) {
    if (error instanceof WriteConflict) return false;
    throw error;
  }
}
