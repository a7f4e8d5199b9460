/**
 * The analytics counters in the table (adapter). All of a tenant's counters share one partition,
 * `<tenant>#analytics`, sorted by kind then day (`total#2026-11-30`, `ref#2026-11-30#example.com`, …; see
 * fold.ts), so a period of one kind is one Query (a BETWEEN on the sort key), never a Scan. Each item expires
 * (`ttl`) the plan's `analytics_retention_days` after its day; readers skip expired items, since DynamoDB
 * deletes them only eventually (and DynamoDB Local never).
 *
 * Exactly once: an event's counters are added in one transaction with the event's marker, written on the
 * condition that it does not exist, so a redelivered event adds nothing. A first sighting (a visitor's first
 * page of the day, an access request's first download) is its own transaction with its marker, so it counts
 * once however many events see it.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { CounterUpdate, FirstSighting, Fold } from '#services/analytics/fold';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { epochSeconds } from '#shared/data/table';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const DAY_SECONDS = 24 * 60 * 60;
/** Event markers outlive EventBridge's retries (24 h) and the outbox's retention (7 days). */
const EVENT_MARKER_SECONDS = 8 * DAY_SECONDS;
/** A visitor's marker is needed for its day only. */
const VISITOR_MARKER_SECONDS = 2 * DAY_SECONDS;
/** An access request's first download can come as late as its grant allows (at most 365 days). */
const FIRST_DOWNLOAD_MARKER_SECONDS = 400 * DAY_SECONDS;

const markerDoesNotExist = 'attribute_not_exists(pk)';

export const countersPartition = (tenantId: string) => `${tenantId}#analytics`;

/** What the table's writes consumed, for the cost figures (README, "Analytics"). */
export interface WriteCapacity {
  writeUnits: number;
}

function endOfDaySeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000 + DAY_SECONDS;
}

function updateItem(tenantId: string, counter: CounterUpdate, ttl: number): TransactItem {
  const names: Record<string, string> = { '#ttl': 'ttl' };
  const values: Record<string, unknown> = { ':ttl': ttl };
  const adds = Object.entries(counter.add).map(([attribute, amount], index) => {
    names[`#a${index}`] = attribute;
    values[`:a${index}`] = amount;
    return `#a${index} :a${index}`;
  });
  const sets = ['#ttl = :ttl'];
  if (counter.append && counter.append.length > 0) {
    names['#seconds'] = 'seconds';
    values[':seconds'] = counter.append;
    values[':empty'] = [];
    sets.push('#seconds = list_append(if_not_exists(#seconds, :empty), :seconds)');
  }
  return {
    Update: {
      TableName: config.tableName,
      Key: { pk: countersPartition(tenantId), sk: counter.sk },
      UpdateExpression: `SET ${sets.join(', ')}${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

function markerPut(pk: string, sk: string, ttl: number): TransactItem {
  return {
    Put: {
      TableName: config.tableName,
      Item: { pk, sk, kind: 'analytics_marker', ttl },
      ConditionExpression: markerDoesNotExist,
    },
  };
}

/** Commits the marker and the counters together; false when the marker existed (already counted). */
async function onceWithMarker(
  marker: TransactItem,
  counters: TransactItem[],
  used: WriteCapacity,
): Promise<boolean> {
  try {
    const result = await dynamo().send(
      new TransactWriteCommand({ TransactItems: [marker, ...counters], ReturnConsumedCapacity: 'TOTAL' }),
    );
    used.writeUnits += (result.ConsumedCapacity ?? []).reduce(
      (sum, item) => sum + (item.CapacityUnits ?? 0),
      0,
    );
    return true;
  } catch (error) {
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/**
 * Applies one event's fold exactly once (see the module's comment). `retentionDays` sets the counters' TTL.
 * Returns the write capacity the transactions consumed.
 */
export async function applyFold(
  tenantId: string,
  eventId: string,
  fold: Fold,
  retentionDays: number,
  now: Date,
): Promise<WriteCapacity> {
  const used: WriteCapacity = { writeUnits: 0 };
  const counterTtl = endOfDaySeconds(fold.day) + retentionDays * DAY_SECONDS;
  const eventMarker = markerPut(
    `${tenantId}#analytics-events`,
    eventId,
    epochSeconds(now) + EVENT_MARKER_SECONDS,
  );
  await onceWithMarker(
    eventMarker,
    fold.counters.map((counter) => updateItem(tenantId, counter, counterTtl)),
    used,
  );
  for (const sighting of fold.firstSightings) {
    const marker = sightingMarker(tenantId, sighting, fold.day, now);
    // Most sightings are repeats (a visitor's second page): an eventually consistent read (half a read
    // unit) skips them, where a cancelled transaction would still bill its writes. A marker written a moment
    // ago and not yet read here only cancels the transaction below, which is as exact.
    if (await markerExists(marker)) continue;
    await onceWithMarker(
      marker,
      sighting.counters.map((counter) => updateItem(tenantId, counter, counterTtl)),
      used,
    );
  }
  return used;
}

async function markerExists(marker: TransactItem): Promise<boolean> {
  const item = marker.Put?.Item as { pk: string; sk: string };
  const found = await dynamo().send(
    new GetCommand({
      TableName: config.tableName,
      Key: { pk: item.pk, sk: item.sk },
      ProjectionExpression: 'pk',
    }),
  );
  return found.Item !== undefined;
}

function sightingMarker(tenantId: string, sighting: FirstSighting, day: string, now: Date): TransactItem {
  const ttl =
    sighting.marker.kind === 'visitor'
      ? endOfDaySeconds(day) + VISITOR_MARKER_SECONDS - DAY_SECONDS
      : epochSeconds(now) + FIRST_DOWNLOAD_MARKER_SECONDS;
  return markerPut(`${tenantId}#analytics-${sighting.marker.kind}`, sighting.marker.sk, ttl);
}

/** One counter item as read: its sort key and its numeric attributes (and `seconds` on decision items). */
export interface CounterItem {
  sk: string;
  values: Record<string, number>;
  seconds: number[];
}

/**
 * Every live counter item of one kind (`total`, `ref`, `doc`, `acct`, `dec`) whose day lies in
 * [from, to]: one Query, paged, on the tenant's partition. Expired items are skipped.
 */
export async function countersOf(
  tenantId: string,
  kind: 'total' | 'ref' | 'doc' | 'acct' | 'dec',
  from: string,
  to: string,
  now = new Date(),
): Promise<CounterItem[]> {
  const items: CounterItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: config.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': countersPartition(tenantId),
          ':from': `${kind}#${from}`,
          // `#` sorts before every character of a key part, `~` after them: the last day's items included.
          ':to': `${kind}#${to}~`,
        },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (typeof item.ttl === 'number' && item.ttl <= epochSeconds(now)) continue;
      const values: Record<string, number> = {};
      for (const [name, value] of Object.entries(item)) {
        if (typeof value === 'number' && name !== 'ttl') values[name] = value;
      }
      const seconds = Array.isArray(item.seconds)
        ? item.seconds.filter((n): n is number => typeof n === 'number')
        : [];
      items.push({ sk: String(item.sk), values, seconds });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
