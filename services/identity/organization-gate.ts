import { ipAllowed } from '#services/identity/ip-allowlist';
import { organizations } from '#services/identity/store';
import { config } from '#shared/config';

/**
 * A genuine credential of an organization whose IP allowlist does not cover the caller's address: told
 * so (403), not "invalid token" (401). The message names no address and no list.
 */
export const ORGANIZATION_IP_NOT_ALLOWED =
  'Your organization does not allow access from your IP address (its IP allowlist does not include it)';

/** What the organization says about one of its credentials: let through, gone (401), or refused (403). */
export type OrganizationVerdict = { kind: 'allowed'; plan?: string } | { kind: 'gone' } | { kind: 'refused' };

/**
 * The organization's own rules over every credential of it, people, API keys and development credentials
 * alike (the authorizer applies them; operators are never bound): an organization pending deletion
 * admits nobody (401, as if the credential did not exist), and its `ip_allowlist` admits only the
 * addresses it covers. A tenant with no organization item (development credentials of test tenants) has
 * no rules. One GetItem; API Gateway caches the decision per credential and source address, and every
 * change of these rules flushes that cache.
 */
export async function organizationVerdict(tenantId: string, address: string): Promise<OrganizationVerdict> {
  const { data } = await organizations
    .get({ orgId: tenantId })
    .go({ table: config.tableName, attributes: ['status', 'ipAllowlist', 'plan'] });
  if (!data) return { kind: 'allowed' };
  if (data.status === 'pending_deletion') return { kind: 'gone' };
  if (!ipAllowed(data.ipAllowlist, address)) return { kind: 'refused' };
  return { kind: 'allowed', plan: data.plan };
}
