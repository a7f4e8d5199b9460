import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery, paginateScan } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { localAws } from '#infra/local/emulators/index';

export const tableName = inject('tableName');

export const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: localAws.region,
    credentials: localAws.credentials,
    endpoint: inject('dynamodbEndpoint'),
  }),
);

/** Every item of one partition, for tests that check what a write committed (every page of the Query). */
export async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client: table },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}

/**
 * Every item of a tenant, found the way the purge and the export find them (partition key `<tenant>#…`).
 * A Scan, fine in a test; every page of it, since one page reads at most 1 MB of the shared table whatever
 * the filter keeps, so a first page alone misses items once other tests have filled the table.
 */
export async function tenantItems(tenantId: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const pages = paginateScan(
    { client: table },
    {
      TableName: tableName,
      FilterExpression: 'begins_with(pk, :prefix)',
      ExpressionAttributeValues: { ':prefix': `${tenantId}#` },
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}

/** Points this test process's service code (`#shared/...`) at the platform's table, for tests below the API. */
export function useTableFromThisProcess(): void {
  Object.assign(process.env, {
    AWS_REGION: localAws.region,
    AWS_ACCESS_KEY_ID: localAws.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localAws.credentials.secretAccessKey,
    TC_ENDPOINT_DYNAMODB: inject('dynamodbEndpoint'),
    TC_TABLE_NAME: tableName,
  });
}
