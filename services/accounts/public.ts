/**
 * What the accounts service offers other services (DESIGN.md, "Service boundaries"): reads only. Every
 * other module of services/accounts/ is private; `npm run check` refuses imports of them from elsewhere.
 */
import { accounts, findAccount } from '#services/accounts/store';
import { config } from '#shared/config';

/** An account's id and the state of its NDA, as access-requests' auto-approval weighs it. */
export interface AccountNdaStatus {
  accountId: string;
  ndaStatus: 'none' | 'click_through' | 'master_nda';
}

/**
 * The tenant's accounts whose `email_domains` include `domain` (exactly). Accounts have no index by
 * domain, so this reads the tenant's account partition with a filter and a projection (a Query, never a
 * Scan): fine for the hundreds of accounts a tenant has; a domain index kept by a consumer of account
 * events is the next step if tenants grow far beyond that.
 */
export async function accountsWithEmailDomain(tenantId: string, domain: string): Promise<AccountNdaStatus[]> {
  const { data } = await accounts.query
    .byId({ tenantId })
    .where(({ emailDomains }, { contains }) => contains(emailDomains, domain))
    .go({ table: config.tableName, pages: 'all', attributes: ['accountId', 'nda'] });
  return data.map((account) => ({ accountId: account.accountId, ndaStatus: account.nda?.status ?? 'none' }));
}

/** The account's email domains, or null when there is no such account. */
export async function accountEmailDomains(tenantId: string, accountId: string): Promise<string[] | null> {
  const account = await findAccount(tenantId, accountId);
  return account ? (account.emailDomains ?? []) : null;
}
