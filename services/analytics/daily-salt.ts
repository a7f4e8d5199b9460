/**
 * The visitor's daily pseudonym (cookieless unique visitors). Adapter: one item per UTC day holds a random
 * nonce, created by the first page view of the day (a conditional put, so concurrent first views agree) and
 * expiring with a TTL right after the day. The salt is HMAC(platform secret, nonce): the table alone does not
 * give it, and once the nonce is gone nobody, the operator included, can recompute a past day's pseudonyms.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { cursorSigningKey } from '#shared/secrets';

/** A platform item (no tenant's): one per day, sort key the day. */
const SALT_PK = 'platform#visitor-salt';
/** The nonce outlives its day by an hour, for clocks a little behind; TTL deletes it within a day or two. */
const SALT_GRACE_SECONDS = 60 * 60;

let cached: { day: string; salt: Buffer } | undefined;

function endOfDaySeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000 + 24 * 60 * 60;
}

async function storedNonce(day: string): Promise<string> {
  const key = { pk: SALT_PK, sk: day };
  const found = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: key, ConsistentRead: true }),
  );
  if (typeof found.Item?.nonce === 'string') return found.Item.nonce;
  const nonce = randomBytes(32).toString('base64url');
  try {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...key, kind: 'visitor_salt', nonce, ttl: endOfDaySeconds(day) + SALT_GRACE_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return nonce;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return storedNonce(day);
  }
}

/** The salt of one UTC day (cached for the day in this container). */
export async function dailySalt(day: string): Promise<Buffer> {
  if (cached?.day === day) return cached.salt;
  const nonce = await storedNonce(day);
  const salt = createHmac('sha256', await cursorSigningKey())
    .update(`visitor-salt:${nonce}`)
    .digest();
  cached = { day, salt };
  return salt;
}

/**
 * The visitor's pseudonym for one day on one trust center: HMAC-SHA256(day's salt, tenant, address, user
 * agent), 128 bits in hex. The same person on another day, or on another trust center, gets another one.
 */
export function visitorPseudonym(salt: Buffer, tenantId: string, address: string, userAgent: string): string {
  return createHmac('sha256', salt)
    .update([tenantId, address, userAgent].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
