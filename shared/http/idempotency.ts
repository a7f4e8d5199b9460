import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { epochSeconds } from '#shared/data/table';
import { IdempotencyConflictError, ValidationError } from '#shared/errors';
import type { RouteResponse } from '#shared/http/route';
import { cursorSigningKey } from '#shared/secrets';

/**
 * `Idempotency-Key` on POST: the same key with the same request replays the first response; the same key
 * with another request is a 409. Hand-written rather than Powertools' idempotency utility because its
 * persistence layer cannot put the tenant id at the front of the partition key, which tenant isolation
 * (and later the `dynamodb:LeadingKeys` IAM condition) requires.
 *
 * A record belongs to one principal: another credential of the tenant sending the same key runs its own
 * request, never receives the first one's answer. Answers can carry one-time secrets (a new API key, a
 * webhook signing secret), so a record keeps the answer only sealed (AES-256-GCM) under a key derived from
 * the platform secret and the Idempotency-Key itself, and names the Idempotency-Key only by its SHA-256:
 * what is at rest opens only for a request that presents the key again.
 */
const RETENTION_SECONDS = 24 * 60 * 60;
const LOCK_SECONDS = 60;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

interface StoredRecord {
  fingerprint: string;
  status: 'in_progress' | 'complete';
  /** The answer, sealed: `<iv>.<ciphertext>.<tag>`, base64url. */
  sealedResponse?: string;
}

/** Who may replay a record: the tenant and the one principal that made it. */
export interface IdempotencyScope {
  tenantId: string;
  principalId: string;
  operationId: string;
}

/** The AES key of one record: HMAC-SHA256 of the scope and the Idempotency-Key under the platform secret. */
async function recordKey(scope: IdempotencyScope, key: string): Promise<Buffer> {
  return createHmac('sha256', await cursorSigningKey())
    .update(['idempotency-response-v1', scope.tenantId, scope.principalId, scope.operationId, key].join('\0'))
    .digest();
}

function seal(response: RouteResponse, key: Buffer, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(response), 'utf8'), cipher.final()]);
  return [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

function open(sealed: string, key: Buffer, associatedData: string): RouteResponse {
  const [iv, ciphertext, tag] = sealed.split('.');
  if (!iv || !ciphertext || !tag) throw new Error('Not a sealed idempotency record');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8')) as RouteResponse;
}

export function requestFingerprint(parts: readonly (string | Buffer | undefined)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part ?? '').update('\0');
  return hash.digest('hex');
}

/**
 * Runs `run` once per (scope, key): a retry with the same fingerprint replays the first answer (with
 * `Idempotent-Replayed: true`) for 24 h.
 * @throws ValidationError (400) for a malformed key; IdempotencyConflictError (409) for the key with another
 * request, or while the first request is still running.
 */
export async function withIdempotency(
  scope: IdempotencyScope,
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
  const keyHash = createHash('sha256').update(`${scope.principalId}\0${key}`).digest('base64url');
  const itemKey = { pk: `${scope.tenantId}#idempotency`, sk: `${scope.operationId}#${keyHash}` };
  const associatedData = `${itemKey.pk}\0${itemKey.sk}`;
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
    return replay(itemKey, fingerprint, await recordKey(scope, key), associatedData);
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
      UpdateExpression: 'SET #status = :complete, sealedResponse = :sealed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':complete': 'complete',
        ':sealed': seal(response, await recordKey(scope, key), associatedData),
      },
    }),
  );
  return response;
}

async function replay(
  itemKey: { pk: string; sk: string },
  fingerprint: string,
  key: Buffer,
  associatedData: string,
): Promise<RouteResponse> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: itemKey, ConsistentRead: true }),
  );
  const stored = Item as StoredRecord | undefined;
  if (!stored)
    throw new IdempotencyConflictError('A request with this Idempotency-Key just finished; retry it');
  if (stored.fingerprint !== fingerprint) {
    throw new IdempotencyConflictError('This Idempotency-Key was already used with a different request');
  }
  if (stored.status !== 'complete' || !stored.sealedResponse) {
    throw new IdempotencyConflictError('A request with this Idempotency-Key is still in progress');
  }
  const response = open(stored.sealedResponse, key, associatedData);
  return { ...response, headers: { ...response.headers, 'Idempotent-Replayed': 'true' } };
}
