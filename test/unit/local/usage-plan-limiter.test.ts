import { describe, expect, it } from 'vitest';
import { UsagePlanLimiter } from '#infra/local/usage-plan-limiter';

const tiers = { free: { rateLimit: 2, burstLimit: 5, monthlyQuota: 8 } };

function limiterAt(start: number) {
  const clock = { now: start };
  return { clock, limiter: new UsagePlanLimiter(tiers, () => clock.now) };
}

describe('the local usage-plan limiter', () => {
  it('accepts a burst, then refuses with the seconds until a token is back', () => {
    const { limiter } = limiterAt(Date.UTC(2026, 10, 23));

    const decisions = Array.from({ length: 6 }, () => limiter.take('key', 'free'));

    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, true, true, false]);
    expect(decisions[4]).toMatchObject({ limit: 5, remaining: 0 });
    expect(decisions[5]?.retryAfter).toBe(1);
  });

  it('refills at the plan rate', () => {
    const { clock, limiter } = limiterAt(Date.UTC(2026, 10, 23));
    for (let i = 0; i < 5; i += 1) limiter.take('key', 'free');

    clock.now += 1000;
    const refilled = [limiter.take('key', 'free'), limiter.take('key', 'free'), limiter.take('key', 'free')];

    expect(refilled.map((decision) => decision.allowed)).toEqual([true, true, false]);
  });

  it('throttles each key on its own', () => {
    const { limiter } = limiterAt(Date.UTC(2026, 10, 23));
    for (let i = 0; i < 5; i += 1) limiter.take('a', 'free');

    expect(limiter.take('b', 'free').allowed).toBe(true);
  });

  it('enforces the monthly quota until the month turns', () => {
    const { clock, limiter } = limiterAt(Date.UTC(2026, 10, 30, 23, 0));
    let accepted = 0;
    for (let i = 0; i < 20; i += 1) {
      clock.now += 1000;
      if (limiter.take('key', 'free').allowed) accepted += 1;
    }
    const refused = limiter.take('key', 'free');
    clock.now = Date.UTC(2026, 11, 1, 0, 0, 1);
    const nextMonth = limiter.take('key', 'free');

    expect(accepted).toBe(8);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfter).toBeGreaterThan(1000);
    expect(nextMonth.allowed).toBe(true);
  });

  it('reports when the bucket is full again', () => {
    const { limiter } = limiterAt(Date.UTC(2026, 10, 23));

    const decision = limiter.take('key', 'free');

    // One token spent at 2 per second: full again half a second later, rounded up to the second.
    expect(decision.reset).toBe(Date.UTC(2026, 10, 23) / 1000 + 1);
  });
});

describe("the local limiter's usage counts (what GetUsage reports)", () => {
  it('counts accepted requests per key and UTC day, and what the month leaves', () => {
    const { clock, limiter } = limiterAt(Date.UTC(2026, 10, 23, 23, 59, 59));
    limiter.take('key', 'free');
    limiter.take('key', 'free');
    clock.now += 2000;
    limiter.take('key', 'free');
    limiter.take('other', 'free');

    expect(limiter.usage('key', 'free', '2026-11-23')).toEqual([2, 5]);
    expect(limiter.usage('key', 'free', '2026-11-24')).toEqual([1, 5]);
    expect(limiter.usage('key', 'free', '2026-11-22')).toEqual([0, 5]);
  });

  it('leaves throttled requests out', () => {
    const { limiter } = limiterAt(Date.UTC(2026, 10, 23));
    for (let i = 0; i < 7; i += 1) limiter.take('key', 'free');

    expect(limiter.usage('key', 'free', '2026-11-23')[0]).toBe(5);
  });
});
