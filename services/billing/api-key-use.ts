/**
 * How much each API key has been used, as the usage counters folded it from the access log (exact, and
 * never written on the request path): for the API key views of the identity service.
 */
import { getItems, keyTotalsKey } from '#services/billing/api-usage-store';

/** A key's requests since it was made (every status, throttled ones included) and its latest request. */
export interface ApiKeyUse {
  requestCount: number;
  /** ISO 8601, or null before its first request. */
  lastUsedAt: string | null;
}

/** Each key's use, by id; a key never used counts 0. One consistent BatchGet per 100 keys. */
export async function apiKeyUse(
  tenantId: string,
  keyIds: readonly string[],
): Promise<Map<string, ApiKeyUse>> {
  const items = await getItems(keyIds.map((keyId) => keyTotalsKey(tenantId, keyId)));
  return new Map(
    keyIds.map((keyId) => {
      const item = items.get(keyTotalsKey(tenantId, keyId).sk);
      return [
        keyId,
        {
          requestCount: Number(item?.requestCount ?? 0),
          lastUsedAt: typeof item?.lastUsedAt === 'string' ? item.lastUsedAt : null,
        },
      ];
    }),
  );
}
