import { describe, expect, it } from 'vitest';
import { decide, NO_RULES } from '#services/access-requests/auto-approval';

const known = { accountId: 'acc_01JD3Q6V9Z8X7W6V5T4S3R2Q1P', ndaStatus: 'none' as const };
const masterNda = { ...known, ndaStatus: 'master_nda' as const };

describe('auto-approval rules', () => {
  it('leaves every request to a reviewer when no rule is set', () => {
    expect(decide(NO_RULES, 'ada@partner.example', masterNda)).toEqual({
      outcome: 'manual',
      rule: 'no_rule_matched',
    });
  });

  it('lets a denied domain win over every approving rule, subdomains included', () => {
    const rules = {
      ...NO_RULES,
      denied_domains: ['partner.example'],
      allowed_domains: ['partner.example'],
      approve_known_account_domains: true,
      approve_master_nda_accounts: true,
    };

    expect(decide(rules, 'ada@eu.partner.example', masterNda)).toEqual({
      outcome: 'rejected',
      rule: 'denied_domain',
    });
  });

  it('rejects a free-mail address before an allowed domain can approve it', () => {
    const rules = { ...NO_RULES, block_free_mail: true, allowed_domains: ['gmail.com'] };

    expect(decide(rules, 'ada@GMAIL.com', null)).toEqual({ outcome: 'rejected', rule: 'free_mail' });
  });

  it('approves a known account domain before looking at its NDA', () => {
    const rules = { ...NO_RULES, approve_known_account_domains: true, approve_master_nda_accounts: true };

    expect(decide(rules, 'ada@known.example', masterNda).rule).toBe('known_account_domain');
  });

  it('approves by master NDA only when the matched account has one', () => {
    const rules = { ...NO_RULES, approve_master_nda_accounts: true };

    expect(decide(rules, 'ada@known.example', masterNda)).toEqual({
      outcome: 'approved',
      rule: 'master_nda_account',
    });
    expect(decide(rules, 'ada@known.example', known).outcome).toBe('manual');
  });

  it('does not take a look-alike domain for an allowed one', () => {
    const rules = { ...NO_RULES, allowed_domains: ['partner.example'] };

    expect(decide(rules, 'ada@evilpartner.example', null).outcome).toBe('manual');
  });
});
