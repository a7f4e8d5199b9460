/**
 * The organization's stored bytes, kept as one counter item beside its billing items
 * (`<tenantId>#billing` / `usage`). The services that store files add to it in the same DynamoDB
 * transaction that records the file (and subtract in the one that forgets it), so it never drifts from
 * what their items say is stored.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import type { TransactItem } from '#shared/data/outbox';

const usageKey = (tenantId: string) => ({ pk: `${tenantId}#billing`, sk: 'usage' });

/**
 * The transaction item that adds `deltaBytes` (negative to subtract) to the tenant's stored bytes; the
 * caller puts it in the transaction that records or forgets the file. Creates the counter on first use.
 */
export function storageUsageChange(tenantId: string, deltaBytes: number): TransactItem {
  return {
    Update: {
      TableName: config.tableName,
      Key: usageKey(tenantId),
      UpdateExpression: 'ADD storageBytes :delta SET tenantId = :tenant',
      ExpressionAttributeValues: { ':delta': deltaBytes, ':tenant': tenantId },
    },
  };
}

/** The tenant's stored bytes (documents' versions and certificate files), 0 before the first file. */
export async function storedBytes(tenantId: string): Promise<number> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: usageKey(tenantId), ConsistentRead: true }),
  );
  return typeof Item?.storageBytes === 'number' ? Math.max(0, Item.storageBytes) : 0;
}
