import { isFreeMailDomain } from '#services/access-requests/free-mail';
import type { AutoApprovalRules, Decision } from '#services/access-requests/schemas';

/** The customer account whose email domains include the visitor's, as far as the rules need it. */
export interface MatchedAccount {
  accountId: string;
  ndaStatus: 'none' | 'click_through' | 'master_nda';
}

/** Rules of a tenant that never set any: every request waits for a reviewer. */
export const NO_RULES: AutoApprovalRules = {
  allowed_domains: [],
  denied_domains: [],
  block_free_mail: false,
  approve_known_account_domains: false,
  approve_master_nda_accounts: false,
  grant_days: 30,
};

export function emailDomainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** `sub.example.com` is covered by a rule for `example.com`. */
function covers(domains: readonly string[], domain: string): boolean {
  return domains.some((rule) => domain === rule || domain.endsWith(`.${rule}`));
}

/**
 * Decides a submission by the tenant's rules, in a fixed order so that a denial always wins:
 * denied domain, free-mail provider, allowed domain, known customer account, account with a master NDA.
 * The first rule that applies decides; none leaves the request to a reviewer.
 */
export function decide(rules: AutoApprovalRules, email: string, account: MatchedAccount | null): Decision {
  const domain = emailDomainOf(email);
  if (covers(rules.denied_domains, domain)) return { outcome: 'rejected', rule: 'denied_domain' };
  if (rules.block_free_mail && isFreeMailDomain(domain)) return { outcome: 'rejected', rule: 'free_mail' };
  if (covers(rules.allowed_domains, domain)) return { outcome: 'approved', rule: 'allowed_domain' };
  if (rules.approve_known_account_domains && account) {
    return { outcome: 'approved', rule: 'known_account_domain' };
  }
  if (rules.approve_master_nda_accounts && account?.ndaStatus === 'master_nda') {
    return { outcome: 'approved', rule: 'master_nda_account' };
  }
  return { outcome: 'manual', rule: 'no_rule_matched' };
}
