import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { epochSeconds } from '#shared/data/table';
import { IdempotencyConflictError, ValidationError } from '#shared/http/errors';
import type { RouteResponse } from '#shared/http/route';

/**
 * `Idempotency-Key` on POST: the same key with the same request replays the first response; the same key
 * with another request is a 409. Hand-written rather than Powertools' idempotency utility because its
 * persistence layer cannot put the tenant id at the front of the partition key, which tenant isolation
 * (and later the `dynamodb:LeadingKeys` IAM condition) requires.
 */
const RETENTION_SECONDS = 24 * 60 * 60;
const LOCK_SECONDS = 60;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

interface StoredRecord {
  fingerprint: string;
  status: 'in_progress' | 'complete';
  response?: RouteResponse;
}

export function requestFingerprint(parts: readonly (string | Buffer | undefined)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part ?? '').update('\0');
  return hash.digest('hex');
}

export async function withIdempotency(
  scope: { tenantId: string; operationId: string },
  key: string,
  fingerprint: string,
  run: () => Promise<RouteResponse>,
): Promise<RouteResponse> {
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationError(
      'Idempotency-Key must be 1 to 255 printable ASCII characters',
      'Idempotency-Key',
    );
  }
  const itemKey = { pk: `${scope.tenantId}#idempotency`, sk: `${scope.operationId}#${key}` };
  const now = epochSeconds(new Date());
  try {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: {
          ...itemKey,
          fingerprint,
          status: 'in_progress',
          lockedUntil: now + LOCK_SECONDS,
          ttl: now + RETENTION_SECONDS,
        },
        ConditionExpression:
          'attribute_not_exists(pk) OR #ttl < :now OR (#status = :progress AND lockedUntil < :now)',
        ExpressionAttributeNames: { '#ttl': 'ttl', '#status': 'status' },
        ExpressionAttributeValues: { ':now': now, ':progress': 'in_progress' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return replay(itemKey, fingerprint);
  }

  let response: RouteResponse;
  try {
    response = await run();
  } catch (error) {
    await dynamo().send(new DeleteCommand({ TableName: config.tableName, Key: itemKey }));
    throw error;
  }
  await dynamo().send(
    new UpdateCommand({
      TableName: config.tableName,
      Key: itemKey,
      UpdateExpression: 'SET #status = :complete, #response = :response',
      ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
      ExpressionAttributeValues: { ':complete': 'complete', ':response': response },
    }),
  );
  return response;
}

async function replay(itemKey: { pk: string; sk: string }, fingerprint: string): Promise<RouteResponse> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: itemKey, ConsistentRead: true }),
  );
  const stored = Item as StoredRecord | undefined;
  if (!stored)
    throw new IdempotencyConflictError('A request with this Idempotency-Key just finished; retry it');
  if (stored.fingerprint !== fingerprint) {
    throw new IdempotencyConflictError('This Idempotency-Key was already used with a different request');
  }
  if (stored.status !== 'complete' || !stored.response) {
    throw new IdempotencyConflictError('A request with this Idempotency-Key is still in progress');
  }
  return {
    ...stored.response,
    headers: { ...stored.response.headers, 'Idempotent-Replayed': 'true' },
  };
}
