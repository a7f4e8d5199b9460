import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
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

/** Every item of one partition, for tests that check what a write committed. */
export async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await table.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  return Items;
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
