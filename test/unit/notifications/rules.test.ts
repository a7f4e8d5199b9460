import { describe, expect, it } from 'vitest';
import { channelsFor, ruleMatches } from '#services/notifications/rules';

describe('notification rules', () => {
  it('match an event type exactly, by resource prefix, or everything with *', () => {
    expect(ruleMatches('faq.created', 'faq.created')).toBe(true);
    expect(ruleMatches('faq.created', 'faq.updated')).toBe(false);
    expect(ruleMatches('faq.*', 'faq.deleted')).toBe(true);
    expect(ruleMatches('faq.*', 'faqs.deleted')).toBe(false);
    expect(ruleMatches('access_request.*', 'access.granted')).toBe(false);
    expect(ruleMatches('*', 'webhook.disabled')).toBe(true);
  });

  it('send an event to the union of the channels of every rule that names it, each once', () => {
    const rules = [
      { event: 'faq.*', channels: ['slack'] },
      { event: 'faq.created', channels: ['email', 'slack'] },
      { event: 'document.*', channels: ['teams'] },
    ];

    expect(channelsFor(rules, 'faq.created')).toEqual(['email', 'slack']);
    expect(channelsFor(rules, 'faq.deleted')).toEqual(['slack']);
    expect(channelsFor(rules, 'account.created')).toEqual([]);
  });
});
