import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '#shared/config';

/** SDK clients are created once per container; only the endpoint differs between AWS and the local platform. */
let documentClient: DynamoDBDocumentClient | undefined;
let s3Client: S3Client | undefined;

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: config.region, endpoint: config.endpoint('dynamodb') }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return documentClient;
}

export function s3(): S3Client {
  const endpoint = config.endpoint('s3');
  s3Client ??= new S3Client({
    region: config.region,
    endpoint,
    forcePathStyle: endpoint !== undefined,
    // s3rver stores aws-chunked framing verbatim unless checksums are only sent when required.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return s3Client;
}
