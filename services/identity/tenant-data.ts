import { DeleteObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { s3 } from '#shared/aws/s3';
import { config } from '#shared/config';
import { batchWriteItems } from '#shared/data/batch-write';

/**
 * Everything a tenant stores, found for the purge and the export (and counted by their tests). Every tenant item's
 * partition key begins with `<tenantId>#` (DESIGN.md; ids have a fixed format, so no tenant id is a prefix
 * of another), and every file sits under `tenants/<tenantId>/` in the documents bucket.
 *
 * Items: a Scan of the table with `begins_with(pk, "<tenantId>#")` (or gsi1pk: custom domain claims). A decision, not an accident: a
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

/**
 * Every item of the tenant, whole, page by page: the purge's enumeration, which the export reads too
 * (organization-export-archive.ts), so there is one way to find "everything of a tenant".
 * `projection` names the attributes to read (all when omitted).
 */
export async function* tenantItems(
  tenantId: string,
  projection?: readonly string[],
): AsyncGenerator<Record<string, unknown>> {
  const names = projection?.map((name, index) => [`#a${index}`, name] as const);
  const pages = paginateScan(
    { client: dynamo(), pageSize: 1000 },
    {
      TableName: config.tableName,
      // A custom domain's claim is keyed by its host (`DOMAIN#<host>`, one owner per host) and is the
      // tenant's through gsi1 (`<tenantId>#domain`): the one kind of tenant item outside the prefix, beside
      // the slug claim the purge removes by its key.
      FilterExpression: 'begins_with(#pk, :prefix) OR begins_with(#gsi1pk, :prefix)',
      ...(names ? { ProjectionExpression: names.map(([alias]) => alias).join(', ') } : {}),
      ExpressionAttributeNames: { '#pk': 'pk', '#gsi1pk': 'gsi1pk', ...Object.fromEntries(names ?? []) },
      ExpressionAttributeValues: { ':prefix': tenantPrefix(tenantId) },
    },
  );
  for await (const page of pages) for (const item of page.Items ?? []) yield item;
}

/** The keys of every item of the tenant (only the keys are projected). */
export async function* tenantItemKeys(tenantId: string): AsyncGenerator<ItemKey> {
  for await (const item of tenantItems(tenantId, ['pk', 'sk'])) yield item as unknown as ItemKey;
}

/** Deletes items by key, 25 per BatchWriteItem, retrying what DynamoDB left unprocessed. */
export async function deleteItems(keys: readonly ItemKey[]): Promise<void> {
  await batchWriteItems(keys.map((Key) => ({ DeleteRequest: { Key } })));
}

/** One stored file of a tenant: its key in the documents bucket and its size in bytes. */
export interface TenantObject {
  key: string;
  size: number;
}

/** Every stored file of the tenant (a keyed prefix listing, not a scan). */
export async function* tenantObjects(tenantId: string): AsyncGenerator<TenantObject> {
  const pages = paginateListObjectsV2(
    { client: s3() },
    { Bucket: config.documentsBucket, Prefix: tenantObjectPrefix(tenantId) },
  );
  for await (const page of pages)
    for (const object of page.Contents ?? [])
      if (object.Key) yield { key: object.Key, size: object.Size ?? 0 };
}

/** Where a tenant's files live in the documents bucket: `tenants/<tenantId>/`. */
export function tenantObjectPrefix(tenantId: string): string {
  return `tenants/${tenantId}/`;
}

/** The keys of every stored file of the tenant. */
export async function* tenantObjectKeys(tenantId: string): AsyncGenerator<string> {
  for await (const object of tenantObjects(tenantId)) yield object.key;
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
