import { randomBytes } from 'node:crypto';
import { sha256Hex } from '#shared/crypto/sha256-hex';
import { idPattern } from '#shared/ids';

/** The prefix of a visitor session's bearer token, so it is never mistaken for an API key or a JWT. */
export const SESSION_TOKEN_PREFIX = 'vs_';

/**
 * A bearer secret that names its tenant: `<tenantId>.<32 random bytes, base64url>`. Public routes have no
 * credential to take the tenant from, and keeping the tenant in the token keeps every lookup inside the
 * tenant's partitions. Only the SHA-256 of the whole token is stored.
 */
function tenantToken(tenantId: string): string {
  return `${tenantId}.${randomBytes(32).toString('base64url')}`;
}

export function newMagicLinkToken(tenantId: string): string {
  return tenantToken(tenantId);
}

export function newSessionToken(tenantId: string): string {
  return `${SESSION_TOKEN_PREFIX}${tenantToken(tenantId)}`;
}

const organization = idPattern('organization');
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The tenant a token names and the hash it is stored under, or null when it is not one of ours. */
export function openTenantToken(token: string, prefix = ''): { tenantId: string; hash: string } | null {
  if (!token.startsWith(prefix)) return null;
  const [tenantId, secret, ...rest] = token.slice(prefix.length).split('.');
  if (!tenantId || !secret || rest.length > 0) return null;
  if (!organization.test(tenantId) || !SECRET.test(secret)) return null;
  return { tenantId, hash: sha256Hex(token) };
}
