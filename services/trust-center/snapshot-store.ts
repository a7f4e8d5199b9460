/**
 * Adapter: the one DynamoDB item per tenant that holds its published snapshot (snapshot.ts). Raw items, not an
 * ElectroDB entity: the snapshot is derived data the platform keeps for itself (the organization export
 * leaves it out, as it does outbox and counter items; the purge removes it with the tenant's other items).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

/** The item's key: under the tenant's prefix, so LeadingKeys conditions and the purge cover it. */
export function snapshotKey(tenantId: string): { pk: string; sk: string } {
  return { pk: `${tenantId}#trust-center`, sk: 'snapshot' };
}

/**
 * What the item holds: `body` (gzip of the snapshot's JSON) or, for a snapshot too large to store, only
 * `oversized` (readers then read live, without trying to store it again). `builtAt` orders builds.
 */
export type StoredSnapshot =
  | { builtAt: string; format: number; body: Uint8Array }
  | { builtAt: string; format: number; oversized: true };

/** The tenant's stored snapshot, or null before the first one. One GetItem, eventually consistent. */
export async function readStoredSnapshot(tenantId: string): Promise<StoredSnapshot | null> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: snapshotKey(tenantId) }),
  );
  if (!Item || typeof Item.built_at !== 'string' || typeof Item.format !== 'number') return null;
  if (Item.body instanceof Uint8Array)
    return { builtAt: Item.built_at, format: Item.format, body: Item.body };
  return Item.oversized === true ? { builtAt: Item.built_at, format: Item.format, oversized: true } : null;
}

/** A build older than the one stored never replaces it (two builds race; a slow one may finish last). */
const noSnapshotYet = 'attribute_not_exists(pk)';
const storedIsOlder = 'built_at < :builtAt';

/**
 * Stores a snapshot unless the one stored was built later (ISO 8601 UTC instants compare as strings).
 * `newer-kept`: a later build was there already, and stays.
 */
export async function storeSnapshot(
  tenantId: string,
  stored: StoredSnapshot,
): Promise<'stored' | 'newer-kept'> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: {
          ...snapshotKey(tenantId),
          kind: 'trust_center_snapshot',
          built_at: stored.builtAt,
          format: stored.format,
          ...('body' in stored ? { body: stored.body } : { oversized: true }),
        },
        ConditionExpression: `${noSnapshotYet} OR ${storedIsOlder}`,
        ExpressionAttributeValues: { ':builtAt': stored.builtAt },
      }),
    );
    return 'stored';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'newer-kept';
    throw error;
  }
}
