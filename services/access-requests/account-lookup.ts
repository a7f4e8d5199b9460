import type { MatchedAccount } from '#services/access-requests/auto-approval';
import { accounts, findAccount } from '#services/accounts/store';
import { config } from '#shared/config';

/**
 * The customer account whose `email_domains` include this domain (exactly), preferring one with a master
 * NDA when several do. Accounts have no index by domain, so this reads the tenant's account partition with
 * a filter and a projection (a Query, never a Scan): fine for the hundreds of accounts a tenant has; a
 * domain index kept by a consumer of account events is the next step if tenants grow far beyond that.
 */
export async function accountOfDomain(tenantId: string, domain: string): Promise<MatchedAccount | null> {
  const { data } = await accounts.query
    .byId({ tenantId })
    .where(({ emailDomains }, { contains }) => contains(emailDomains, domain))
    .go({ table: config.tableName, pages: 'all', attributes: ['accountId', 'nda'] });
  const matches = data.map((account) => ({
    accountId: account.accountId,
    ndaStatus: account.nda?.status ?? 'none',
  }));
  return matches.find((account) => account.ndaStatus === 'master_nda') ?? matches[0] ?? null;
}

/** The account's email domains, or null when there is no such account. */
export async function accountDomains(tenantId: string, accountId: string): Promise<string[] | null> {
  const account = await findAccount(tenantId, accountId);
  return account ? (account.emailDomains ?? []) : null;
}
