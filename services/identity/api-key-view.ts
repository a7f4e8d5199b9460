import type * as z from 'zod';
import { type ApiKeyUse, apiKeyUse } from '#services/billing/public';
import type { apiKeySummary, createdOrgApiKey } from '#services/identity/api-key-schemas';
import type { ApiKeyItem } from '#services/identity/store';

export function apiKeyStatus(key: ApiKeyItem, now = new Date()): 'active' | 'expired' | 'revoked' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt) <= now) return 'expired';
  return 'active';
}

/**
 * A key as the API shows it. `request_count` and `last_used_at` (seed 4's `last_used`) come from the usage
 * counters, which count every request the key sent, off the request path (services/billing/).
 */
export function toApiKeyView(key: ApiKeyItem, use: ApiKeyUse): z.output<typeof apiKeySummary> {
  return {
    id: key.keyId,
    name: key.name,
    description: key.description ?? null,
    prefix: key.prefix,
    role: key.role ?? null,
    key_type: key.keyType ?? null,
    scopes: key.scopes,
    ip_allowlist: key.ipAllowlist ?? [],
    created_at: key.createdAt,
    last_used: use.lastUsedAt,
    last_used_at: use.lastUsedAt,
    expires_at: key.expiresAt ?? null,
    revoked_at: key.revokedAt ?? null,
    request_count: use.requestCount,
    status: apiKeyStatus(key),
  };
}

/** The views of a page of one tenant's keys, with their use read in one batch. */
export async function toApiKeyViews(
  tenantId: string,
  keys: readonly ApiKeyItem[],
): Promise<z.output<typeof apiKeySummary>[]> {
  const use = await apiKeyUse(
    tenantId,
    keys.map((key) => key.keyId),
  );
  return keys.map((key) => toApiKeyView(key, use.get(key.keyId) ?? { requestCount: 0, lastUsedAt: null }));
}

/** Seed 3's and seed 4's answer to a new key: its `token` is shown this once. */
export function toCreatedOrgApiKey(key: ApiKeyItem, secret: string): z.output<typeof createdOrgApiKey> {
  return {
    id: key.keyId,
    name: key.name,
    token: secret,
    scopes: key.scopes,
    expires_at: key.expiresAt ?? null,
  };
}
