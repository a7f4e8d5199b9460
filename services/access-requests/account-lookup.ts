import type { MatchedAccount } from '#services/access-requests/auto-approval';
import { accountEmailDomains, accountsWithEmailDomain } from '#services/accounts/public';

/**
 * The customer account whose `email_domains` include this domain (exactly), preferring one with a master
 * NDA when several do. The accounts service reads its own entity (services/accounts/public.ts).
 */
export async function accountOfDomain(tenantId: string, domain: string): Promise<MatchedAccount | null> {
  const matches = await accountsWithEmailDomain(tenantId, domain);
  return matches.find((account) => account.ndaStatus === 'master_nda') ?? matches[0] ?? null;
}

/** The account's email domains, or null when there is no such account. */
export const accountDomains = accountEmailDomains;
