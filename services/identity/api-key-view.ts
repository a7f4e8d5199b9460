import type * as z from 'zod';
import type { apiKeySummary, createdOrgApiKey } from '#services/identity/schemas';
import type { ApiKeyItem } from '#services/identity/store';

export function apiKeyStatus(key: ApiKeyItem, now = new Date()): 'active' | 'expired' | 'revoked' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt) <= now) return 'expired';
  return 'active';
}

export function toApiKeyView(key: ApiKeyItem): z.output<typeof apiKeySummary> {
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
    last_used: key.lastUsedAt ?? null,
    expires_at: key.expiresAt ?? null,
    revoked_at: key.revokedAt ?? null,
    request_count: key.requestCount,
    status: apiKeyStatus(key),
  };
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
