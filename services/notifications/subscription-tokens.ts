import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex as sha256 } from '#shared/crypto/sha256-hex';
import { cursorSigningKey } from '#shared/secrets';

export { sha256 };

/** The double opt-in token: random, mailed once, stored only as its SHA-256. */
export function newConfirmToken(): { token: string; hash: string } {
  const token = `spc_${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256(token) };
}

/**
 * Unsubscribe tokens ride in every notice, so they cannot be random-and-hashed (the notice would need the
 * plain value): they are the subscription's address, MACed with a key derived from the platform's signing
 * secret. A new subscription after an unsubscribe gets a new id, so old tokens stop working.
 */
const PREFIX = 'spu1';

async function unsubscribeKey(): Promise<Buffer> {
  return createHmac('sha256', await cursorSigningKey())
    .update('subprocessor-unsubscribe')
    .digest();
}

export async function unsubscribeToken(tenantId: string, emailHash: string, subscriptionId: string) {
  const payload = `${tenantId}.${emailHash}.${subscriptionId}`;
  const mac = createHmac('sha256', await unsubscribeKey())
    .update(payload)
    .digest('base64url');
  return `${PREFIX}.${payload}.${mac}`;
}

/** The subscription an unsubscribe token names, or null for a malformed or forged token. */
export async function openUnsubscribeToken(
  token: string,
): Promise<{ tenantId: string; emailHash: string; subscriptionId: string } | null> {
  const [prefix, tenantId, emailHash, subscriptionId, mac, ...rest] = token.split('.');
  if (prefix !== PREFIX || !tenantId || !emailHash || !subscriptionId || !mac || rest.length > 0) return null;
  const expected = createHmac('sha256', await unsubscribeKey())
    .update(`${tenantId}.${emailHash}.${subscriptionId}`)
    .digest();
  const actual = Buffer.from(mac, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { tenantId, emailHash, subscriptionId };
}
