import { apiKeyStatus } from '#services/identity/api-key-view';
import { flushAuthorizerCache } from '#services/identity/authorizer-cache';
import { refuseIfPendingDeletion } from '#services/identity/organizations';
import { displayPrefix, newApiKeySecret, sha256 } from '#services/identity/secrets';
import { type ApiKeyItem, apiKeys } from '#services/identity/store';
import { deleteUsageKey } from '#services/identity/usage-keys';
import { requireScopes } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate, commitWithEvents } from '#shared/data/outbox';
import { ConflictError, NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';

/** How long a rotated key's previous secret keeps working, so deployments can switch over. */
export const ROTATION_GRACE_HOURS = 24;

async function findKey(tenantId: string, keyId: string): Promise<ApiKeyItem> {
  const { data } = await apiKeys.get({ tenantId, keyId }).go({ table: config.tableName });
  if (!data) throw new NotFoundError('No such API key', 'id');
  return data;
}

export async function listApiKeys(tenantId: string, page: { limit: number; position: string | null }) {
  const { data, cursor } = await apiKeys.query
    .byTenant({ tenantId })
    .go({ table: config.tableName, limit: page.limit, cursor: page.position, order: 'desc' });
  return { items: data, position: cursor };
}

/** Revocation is immediate in the table; a cached authorizer decision may pass it for the cache TTL. */
export async function revokeApiKey(
  actor: Identity,
  tenantId: string,
  keyId: string,
  now = new Date(),
): Promise<void> {
  const key = await findKey(tenantId, keyId);
  requireScopes(actor, key.scopes, 'This API key cannot be revoked by this caller');
  if (key.revokedAt) return;
  const update = apiKeys
    .patch({ tenantId, keyId })
    .set({ revokedAt: now.toISOString() })
    .where(({ revokedAt }, { notExists }) => notExists(revokedAt))
    .params({ table: config.tableName });
  await commitWithEvents(
    [asUpdate(update)],
    [
      domainEvent(
        'api_key.revoked',
        { ...actor, tenantId },
        { api_key: { id: keyId, prefix: key.prefix } },
        now,
      ),
    ],
  );
  await flushAuthorizerCache();
  if (key.usageKeyId) await deleteUsageKey(key.usageKeyId);
}

/**
 * A new secret for the key; the old one works ROTATION_GRACE_HOURS more.
 * @throws NotFoundError, PermissionError, ConflictError (not active; the organization is pending deletion).
 */
export async function rotateApiKey(actor: Identity, tenantId: string, keyId: string, now = new Date()) {
  const key = await findKey(tenantId, keyId);
  await refuseIfPendingDeletion(tenantId, 'issue');
  // A rotation hands out a working secret of the key: the same authority as minting it.
  requireScopes(actor, key.scopes, 'This API key cannot be rotated by this caller');
  if (apiKeyStatus(key, now) !== 'active') throw new ConflictError('Only an active key can be rotated', 'id');
  const secret = newApiKeySecret();
  const previousExpiresAt = new Date(now.getTime() + ROTATION_GRACE_HOURS * 3600 * 1000).toISOString();
  const update = apiKeys
    .patch({ tenantId, keyId })
    .set({
      secretHash: sha256(secret),
      prefix: displayPrefix(secret),
      previousSecretHash: key.secretHash,
      previousSecretExpiresAt: previousExpiresAt,
    })
    .where(({ secretHash }, { eq }) => eq(secretHash, key.secretHash))
    .params({ table: config.tableName });
  await commitWithEvents(
    [asUpdate(update)],
    [
      domainEvent(
        'api_key.rotated',
        { ...actor, tenantId },
        { api_key: { id: keyId, prefix: displayPrefix(secret) } },
        now,
      ),
    ],
  );
  return { keyId, secret, previousExpiresAt };
}
