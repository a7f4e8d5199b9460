import { describe, expect, inject, it } from 'vitest';
import { type ApiResponse, request } from '../support/api.ts';

const operator = inject('operator');
const admin = inject('admin');
const business = { burst: 40 };

/**
 * Usage plans through the local gateway, with the tiers of cdk.json: a key of an organization on the
 * `free` tier (2 requests/s, burst 5), called at twice its rate.
 */
describe('rate limits', () => {
  it('accepts at most rate + burst at twice the rate, and answers the rest 429 with Retry-After and X-RateLimit-*', async () => {
    const login = await request<{ accessToken: string }>('POST', '/api/v1/login', { body: operator });
    const operatorJwt = login.body.accessToken;
    const org = await request<{ id: string }>('POST', '/api/v1/organizations', {
      token: operatorJwt,
      body: { name: 'Free Tier Co', email: `free-${Date.now()}@example.com`, plan: 'free' },
    });
    const key = await request<{ token: string }>('POST', `/api/v1/organizations/${org.body.id}/api-keys`, {
      token: operatorJwt,
      body: { name: 'Load', key_type: 'read_only' },
    });
    const rate = 2;
    const burst = 5;
    const seconds = 3;

    const responses: ApiResponse[] = [];
    const started = Date.now();
    for (let i = 0; i < 2 * rate * seconds; i += 1) {
      // Paced at twice the plan's rate.
      const due = started + (i * 1000) / (2 * rate);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      responses.push(await request('GET', '/api/v1/accounts', { token: key.body.token }));
    }
    const elapsed = (Date.now() - started) / 1000;
    const accepted = responses.filter((response) => response.status === 200);
    const throttled = responses.filter((response) => response.status === 429);
    console.log(
      `rate limits: ${responses.length} requests in ${elapsed.toFixed(1)} s: ${accepted.length} accepted, ${throttled.length} throttled (rate ${rate}/s, burst ${burst})`,
    );

    expect(accepted.length + throttled.length).toBe(responses.length);
    expect(accepted.length).toBeGreaterThanOrEqual(burst);
    expect(accepted.length).toBeLessThanOrEqual(Math.ceil(rate * elapsed) + burst);
    expect(throttled.length).toBeGreaterThan(0);
    for (const response of throttled) {
      expect(response.body).toMatchObject({ error: { type: 'rate_limit_error' } });
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(response.headers.get('x-ratelimit-limit')).toBe(String(burst));
      expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 5);
    }
    expect(accepted[0]?.headers.get('x-ratelimit-limit')).toBe(String(burst));
  });

  it("meters a tenant's signed-in people on one key of the tenant's plan", async () => {
    const first = await request<{ accessToken: string }>('POST', '/api/v1/login', { body: admin });
    const second = await request<{ accessToken: string }>('POST', '/api/v1/login', { body: admin });

    const a = await request('GET', '/api/v1/accounts', { token: first.body.accessToken });
    const b = await request('GET', '/api/v1/accounts', { token: second.body.accessToken });

    // Two sessions, one bucket: the second request sees the first one's spending.
    expect(a.headers.get('x-ratelimit-limit')).toBe(String(business.burst));
    expect(Number(b.headers.get('x-ratelimit-remaining'))).toBeLessThan(business.burst);
  });
});
