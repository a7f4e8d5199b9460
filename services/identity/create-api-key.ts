import type { CreateApiKeyBody } from '#services/identity/api-key-schemas';
import { refuseIfPendingDeletion } from '#services/identity/organizations';
import { displayPrefix, newApiKeySecret, sha256 } from '#services/identity/secrets';
import { type ApiKeyItem, apiKeys, organizations } from '#services/identity/store';
import { createUsageKey, deleteUsageKey } from '#services/identity/usage-keys';
import { requireScopes } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { KEY_TYPES, type KeyType, ROLES, type Role, SCOPE_ALIASES } from '#shared/auth/scopes';
import { config } from '#shared/config';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The scopes a new key holds: its role's, its key type's, or the ones listed; read-only by default. */
function scopesFor(body: CreateApiKeyBody): string[] {
  if (body.role) return [...ROLES[body.role as Role].scopes];
  if (body.scopes)
    return [...new Set(body.scopes.flatMap((scope) => SCOPE_ALIASES[scope] ?? [scope]))].sort();
  return [...KEY_TYPES[(body.key_type ?? 'read_only') as KeyType].scopes];
}

/**
 * Mints an API key for a tenant. The secret is returned once and stored only as its SHA-256; a key
 * never holds a scope its creator lacks.
 * @throws PermissionError (a scope the creator lacks); ConflictError (the organization is pending deletion).
 */
export async function createApiKey(
  creator: Identity,
  tenantId: string,
  body: CreateApiKeyBody,
  now = new Date(),
): Promise<{ key: ApiKeyItem; secret: string }> {
  const scopes = scopesFor(body);
  await refuseIfPendingDeletion(tenantId, 'issue');
  requireScopes(creator, scopes, 'A key cannot hold scopes its creator lacks');
  const secret = newApiKeySecret();
  const keyId = newId('apiKey');
  // Every key is metered on its own against the tenant's plan. (Development tenants of the local
  // platform have no organization record and so no plan: their keys go unmetered.)
  const { data: organization } = await organizations.get({ orgId: tenantId }).go({ table: config.tableName });
  const usageKey = organization ? await createUsageKey(`${tenantId} ${keyId}`, organization.plan) : undefined;
  const key: ApiKeyItem = {
    tenantId,
    keyId,
    name: body.name,
    description: body.description,
    role: body.role,
    keyType: body.role || body.scopes ? undefined : (body.key_type ?? 'read_only'),
    scopes,
    prefix: displayPrefix(secret),
    secretHash: sha256(secret),
    ipAllowlist: body.ip_allowlist,
    expiresAt: body.expires_in_days
      ? new Date(now.getTime() + body.expires_in_days * DAY_MS).toISOString()
      : undefined,
    createdAt: now.toISOString(),
    createdBy: creator.principalId,
    usageKeyId: usageKey?.id,
    usageKeyValue: usageKey?.value,
  };
  const event = domainEvent(
    'api_key.created',
    { ...creator, tenantId },
    {
      api_key: {
        id: key.keyId,
        name: key.name,
        prefix: key.prefix,
        scopes,
        expires_at: key.expiresAt ?? null,
      },
    },
    now,
  );
  try {
    await commitWithEvents([asPut(apiKeys.create(key).params({ table: config.tableName }))], [event]);
  } catch (error) {
    if (usageKey) await deleteUsageKey(usageKey.id);
    throw error;
  }
  return { key, secret };
}
