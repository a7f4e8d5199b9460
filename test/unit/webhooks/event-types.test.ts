import { describe, expect, it } from 'vitest';
import { isSubscribable, matchesFilter } from '#services/webhooks/event-types';

describe("the webhooks' event catalogue", () => {
  it('offers events to webhooks unless they are internal, and never broadcasts pings', () => {
    expect(isSubscribable('account.created')).toBe(true);
    expect(isSubscribable('auth.login_failed')).toBe(false);
    expect(matchesFilter(['*'], 'account.created')).toBe(true);
    expect(matchesFilter(['account.updated'], 'account.created')).toBe(false);
    expect(matchesFilter(['*'], 'auth.login_failed')).toBe(false);
    expect(matchesFilter(['*', 'webhook.ping'], 'webhook.ping')).toBe(false);
  });
});
