import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '#shared/config';
import { traced } from '#shared/observability/tracer';

// One module per SDK client, so a Lambda loads only the clients it uses (each costs hundreds of ms cold).
let client: DynamoDBDocumentClient | undefined;

/** Created once per container; only the endpoint differs between AWS and the local platform. */
export function dynamo(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(
    traced(new DynamoDBClient({ region: config.region, endpoint: config.endpoint('dynamodb') })),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return client;
}
