import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { CustomAttributeType, Entity, type EntityItem } from 'electrodb';
import type { AuditSummary } from '#services/audit/audit-entry';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

/**
 * The audit log: one immutable entry per domain event, in the tenant's `<tenant>#audit` partition, sorted
 * by `<occurred_at>#<event id>` so a Query reads it in time order. Nothing updates or deletes an entry;
 * only its TTL (the configured retention) ends it.
 */
export const auditEntries = new Entity(
  {
    model: { entity: 'auditEntry', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      eventId: { type: 'string', required: true, readOnly: true },
      occurredAt: { type: 'string', required: true, readOnly: true },
      action: { type: 'string', required: true, readOnly: true },
      actor: {
        type: 'map',
        required: true,
        readOnly: true,
        properties: {
          type: { type: 'string', required: true },
          id: { type: 'string', required: true },
          credential: { type: 'string' },
          ip: { type: 'string' },
          userAgent: { type: 'string' },
        },
      },
      target: {
        type: 'map',
        readOnly: true,
        properties: { type: { type: 'string', required: true }, id: { type: 'string', required: true } },
      },
      summary: { type: CustomAttributeType<AuditSummary>('any'), required: true, readOnly: true },
      /** Epoch seconds when the retention ends; DynamoDB Local never expires items, so reads filter on it. */
      ttl: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byTime: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#audit', casing: 'none' },
        sk: {
          field: 'sk',
          composite: ['occurredAt', 'eventId'],
          template: '${occurredAt}#${eventId}',
          casing: 'none',
        },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

export type AuditEntryItem = EntityItem<typeof auditEntries>;

/**
 * Writes an entry once: the put is conditional on the key (which holds the event id), so a redelivered
 * event finds its entry already there and changes nothing. Returns false for such a duplicate.
 */
export async function putAuditEntry(item: AuditEntryItem): Promise<boolean> {
  const params = auditEntries.create(item).params({ table: config.tableName }) as ConstructorParameters<
    typeof PutCommand
  >[0];
  try {
    await dynamo().send(new PutCommand(params));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export interface AuditFilter {
  actorId?: string;
  /** An exact event type, or a prefix ending in a dot (`account.`). */
  action?: { exact: string } | { prefix: string };
  targetId?: string;
  /** Inclusive bounds, ISO 8601 UTC as `toISOString()` writes them. */
  since?: string;
  until?: string;
}

/** Most entries one request reads before it answers, however few of them matched the filters. */
export const MAX_ENTRIES_READ_PER_REQUEST = 1000;
/** DynamoDB page size while filtering: big enough to find sparse matches in a few round trips. */
const FILTERED_PAGE_SIZE = 250;

/** The entry key after every `<iso>#<event id>` of the same millisecond (`~` sorts after any id character). */
const AFTER_IDS = '#~';

function keyCondition(tenantId: string, filter: AuditFilter) {
  const values: Record<string, unknown> = { ':pk': `${tenantId}#audit` };
  let expression = 'pk = :pk';
  if (filter.since !== undefined && filter.until !== undefined) {
    expression += ' AND sk BETWEEN :since AND :until';
    values[':since'] = filter.since;
    values[':until'] = `${filter.until}${AFTER_IDS}`;
  } else if (filter.since !== undefined) {
    expression += ' AND sk >= :since';
    values[':since'] = filter.since;
  } else if (filter.until !== undefined) {
    expression += ' AND sk <= :until';
    values[':until'] = `${filter.until}${AFTER_IDS}`;
  }
  return { expression, values };
}

function filterExpression(filter: AuditFilter, now: Date) {
  const names: Record<string, string> = { '#ttl': 'ttl' };
  const values: Record<string, unknown> = { ':now': Math.floor(now.getTime() / 1000) };
  const conditions = ['#ttl > :now'];
  if (filter.actorId !== undefined) {
    Object.assign(names, { '#actor': 'actor', '#id': 'id' });
    values[':actor'] = filter.actorId;
    conditions.push('#actor.#id = :actor');
  }
  if (filter.targetId !== undefined) {
    Object.assign(names, { '#target': 'target', '#id': 'id' });
    values[':target'] = filter.targetId;
    conditions.push('#target.#id = :target');
  }
  if (filter.action !== undefined) {
    names['#action'] = 'action';
    if ('exact' in filter.action) {
      values[':action'] = filter.action.exact;
      conditions.push('#action = :action');
    } else {
      values[':action'] = filter.action.prefix;
      conditions.push('begins_with(#action, :action)');
    }
  }
  return { expression: conditions.join(' AND '), names, values };
}

/**
 * Newest first. The time range is the key condition; actor, action and target are a FilterExpression, and
 * DynamoDB applies `Limit` before filtering, so one Query page may hold few matches. This reads on until the
 * page is full or the partition ends, but at most MAX_ENTRIES_READ_PER_REQUEST entries: past that it
 * answers a short (even empty) page with a position to go on from, so a sparse filter over a long log costs
 * several requests, never one unbounded one. The position is the sort key of the last entry read or returned.
 */
export async function listAuditEntries(
  tenantId: string,
  filter: AuditFilter,
  page: { limit: number; position: string | null },
  now = new Date(),
): Promise<{ items: AuditEntryItem[]; position: string | null }> {
  const key = keyCondition(tenantId, filter);
  const condition = filterExpression(filter, now);
  const selective =
    filter.actorId !== undefined || filter.targetId !== undefined || filter.action !== undefined;
  const found: Record<string, unknown>[] = [];
  let start = page.position;
  let read = 0;
  let exhausted = false;
  // One more than asked for tells whether another page exists.
  while (found.length <= page.limit && read < MAX_ENTRIES_READ_PER_REQUEST) {
    const wanted = page.limit + 1 - found.length;
    const input: QueryCommandInput = {
      TableName: config.tableName,
      KeyConditionExpression: key.expression,
      FilterExpression: condition.expression,
      ExpressionAttributeNames: condition.names,
      ExpressionAttributeValues: { ...key.values, ...condition.values },
      ScanIndexForward: false,
      Limit: Math.min(
        MAX_ENTRIES_READ_PER_REQUEST - read,
        selective ? Math.max(wanted, FILTERED_PAGE_SIZE) : wanted,
      ),
      ...(start === null ? {} : { ExclusiveStartKey: { pk: `${tenantId}#audit`, sk: start } }),
    };
    const result = await dynamo().send(new QueryCommand(input));
    read += result.ScannedCount ?? 0;
    found.push(...(result.Items ?? []));
    const last = result.LastEvaluatedKey?.sk;
    if (typeof last !== 'string') {
      exhausted = true;
      break;
    }
    start = last;
  }
  const { data } = auditEntries.parse({ Items: found.slice(0, page.limit) });
  let position: string | null;
  if (found.length > page.limit) position = String(found[page.limit - 1]?.sk);
  else position = exhausted ? null : start;
  return { items: data as AuditEntryItem[], position };
}

/** Whether a position (from a cursor) lies inside a listing's time range, where DynamoDB can start from it. */
export function positionWithin(position: string, filter: AuditFilter): boolean {
  if (filter.since !== undefined && position < filter.since) return false;
  if (filter.until !== undefined && position > `${filter.until}${AFTER_IDS}`) return false;
  return true;
}
