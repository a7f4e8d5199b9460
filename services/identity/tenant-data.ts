import { DeleteObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { BatchWriteCommand, type BatchWriteCommandInput, paginateScan } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { s3 } from '#shared/aws/s3';
import { config } from '#shared/config';

/**
 * Everything a tenant stores, found for the purge (and counted by its tests). Every tenant item's
 * partition key begins with `<tenantId>#` (DESIGN.md; ids have a fixed format, so no tenant id is a prefix
 * of another), and every file sits under `tenants/<tenantId>/` in the documents bucket.
 *
 * Items: a Scan of the table with `begins_with(pk, "<tenantId>#")`. A decision, not an accident: a
 * tenant's items live in dozens of partitions (`#account`, `#document#<id>#upload`, `#rate-limit`…) that
 * no single key names, and a GSI keyed by tenant would add an attribute to every write of every service.
 * The purge runs once per deleted organization, 30 days after, in a background job: a paginated Scan
 * there costs one read of the table (≈ 0.5 RCU per 4 KB, eventually consistent) and touches no request.
 * No route ever scans; only the purge job's role holds `dynamodb:Scan`.
 */
export function tenantPrefix(tenantId: string): string {
  return `${tenantId}#`;
}

export interface ItemKey {
  pk: string;
  sk: string;
}

/** The keys of every item of the tenant (read page by page; only the keys are projected). */
export async function* tenantItemKeys(tenantId: string): AsyncGenerator<ItemKey> {
  const pages = paginateScan(
    { client: dynamo(), pageSize: 1000 },
    {
      TableName: config.tableName,
      FilterExpression: 'begins_with(#pk, :prefix)',
      ProjectionExpression: '#pk, #sk',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ExpressionAttributeValues: { ':prefix': tenantPrefix(tenantId) },
    },
  );
  for await (const page of pages) for (const item of page.Items ?? []) yield item as ItemKey;
}

const BATCH = 25;

/** Deletes items by key, 25 per BatchWriteItem, retrying what DynamoDB left unprocessed. */
export async function deleteItems(keys: readonly ItemKey[]): Promise<void> {
  for (let start = 0; start < keys.length; start += BATCH) {
    let requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string] = keys
      .slice(start, start + BATCH)
      .map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((done) => setTimeout(done, Math.min(1000, 50 * 2 ** attempt)));
      if (attempt > 8) throw new Error('DynamoDB kept leaving deletes unprocessed');
      const result = await dynamo().send(
        new BatchWriteCommand({ RequestItems: { [config.tableName]: requests } }),
      );
      requests = result.UnprocessedItems?.[config.tableName] ?? [];
    }
  }
}

/** The keys of every stored file of the tenant (a keyed prefix listing, not a scan). */
export async function* tenantObjectKeys(tenantId: string): AsyncGenerator<string> {
  const pages = paginateListObjectsV2(
    { client: s3() },
    { Bucket: config.documentsBucket, Prefix: `tenants/${tenantId}/` },
  );
  for await (const page of pages) for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
}

/** Deletes objects of the documents bucket, a few at a time. @throws the first failure. */
export async function deleteObjects(keys: readonly string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += 10) {
    await Promise.all(
      keys
        .slice(start, start + 10)
        .map((Key) => s3().send(new DeleteObjectCommand({ Bucket: config.documentsBucket, Key }))),
    );
  }
}
