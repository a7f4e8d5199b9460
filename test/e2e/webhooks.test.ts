import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant, request, type TestTenant } from '../support/api.ts';

/**
 * Webhooks against a receiver in the test process (http://127.0.0.1 is allowed by the local platform). Its path
 * says how it answers: `/ok/…` 200, `/fail/…` 500, `/flaky-<n>/…` 500 for the first n requests on that path.
 * Retries run on the backoff schedule scaled by TC_WEBHOOK_RETRY_SCALE (test/setup/platform.ts).
 */

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Delivery {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: 'pending' | 'succeeded' | 'failed' | 'dead';
  attempts: number;
  last_response_code: number | null;
  latency_ms: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  replay_of: string | null;
}

let server: Server;
let base: string;
const received: Received[] = [];
const seen = new Map<string, number>();

beforeAll(async () => {
  server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const path = incoming.url ?? '/';
      received.push({ path, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') });
      const count = (seen.get(path) ?? 0) + 1;
      seen.set(path, count);
      const flaky = path.match(/^\/flaky-(\d+)\//);
      const fail = path.startsWith('/fail/') || (flaky !== null && count <= Number(flaky[1]));
      response.writeHead(fail ? 500 : 200, { 'content-type': 'text/plain' }).end(fail ? 'no' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Waits for the bus; the webhook events keep to the catalogue and the dispatcher never fails. */
const settle = async () => {
  const settled = await request<{ violations: string[]; failures: { rule: string; error: string }[] }>(
    'POST',
    '/_local/events/settle',
  );
  expect(settled.status).toBe(200);
  expect(settled.body.violations.filter((line) => line.startsWith('webhook.'))).toEqual([]);
  expect(settled.body.failures.filter((failure) => failure.rule.includes('webhook'))).toEqual([]);
};

const receivedAt = (path: string) => received.filter((item) => item.path === path);

async function createEndpoint(
  tenant: TestTenant,
  path: string,
  events: string[],
): Promise<{ id: string; secret: string; url: string }> {
  const url = `${base}${path}`;
  const created = await tenant.call<{ id: string; secret: string }>('POST', '/api/v1/webhooks', {
    body: { url, events, description: 'Test receiver' },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id, secret: created.body.secret, url };
}

async function createAccount(tenant: TestTenant, title = 'Acme Corporation'): Promise<string> {
  const created = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', { body: { title } });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function deliveries(tenant: TestTenant, webhookId: string): Promise<Delivery[]> {
  const list = await tenant.call<{ deliveries: Delivery[] }>(
    'GET',
    `/api/v1/webhooks/${webhookId}/deliveries`,
  );
  expect(list.status).toBe(200);
  return list.body.deliveries;
}

/** Polls the delivery log until its only delivery is no longer pending (retries run on timers). */
async function finalDelivery(tenant: TestTenant, webhookId: string, timeoutMs = 45_000): Promise<Delivery> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [latest] = await deliveries(tenant, webhookId);
    if (latest && latest.status !== 'pending') return latest;
    if (Date.now() > deadline) throw new Error(`Delivery still pending: ${JSON.stringify(latest)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;

describe('webhooks', () => {
  it('delivers a subscribed event once, signed per Standard Webhooks and with seed 2 fields', async () => {
    const tenant = newTenant();
    const path = `/ok/${unique()}`;
    const endpoint = await createEndpoint(tenant, path, ['account.created']);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{40,}={0,2}$/);

    const accountId = await createAccount(tenant);
    await settle();

    const [delivery, ...others] = receivedAt(path);
    expect(others).toHaveLength(0);
    const body = delivery?.body ?? '';
    expect(() =>
      new Webhook(endpoint.secret).verify(body, delivery?.headers as Record<string, string>),
    ).not.toThrow();
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({
      type: 'account.created',
      event: 'account.created',
      tenant_id: tenant.tenantId,
      data: { account: { id: accountId, title: 'Acme Corporation' } },
    });
    expect(payload.id).toMatch(/^evt_/);
    expect(payload.timestamp).toBe(payload.occurred_at);
    expect(Object.keys(payload.actor).sort()).toEqual(['id', 'type']);
    expect(delivery?.headers['webhook-id']).toBe(payload.id);
    // Seed 2's signature: HMAC-SHA256 of the body as received without its trailing signature member.
    const unsigned = `${body.slice(0, body.lastIndexOf(',"signature":'))}}`;
    const key = Buffer.from(endpoint.secret.slice('whsec_'.length), 'base64');
    expect(payload.signature).toBe(`sha256=${createHmac('sha256', key).update(unsigned).digest('hex')}`);

    const [logged, ...more] = await deliveries(tenant, endpoint.id);
    expect(more).toHaveLength(0);
    expect(logged).toMatchObject({
      webhook_id: endpoint.id,
      event_id: payload.id,
      event_type: 'account.created',
      status: 'succeeded',
      attempts: 1,
      last_response_code: 200,
      next_attempt_at: null,
    });
    expect(logged?.latency_ms).toEqual(expect.any(Number));
    const one = await tenant.call<Delivery>(
      'GET',
      `/api/v1/webhooks/${endpoint.id}/deliveries/${logged?.id}`,
    );
    expect(one.status).toBe(200);
    expect(one.body).toEqual(logged);
  });

  it('does not deliver event types the endpoint did not subscribe to', async () => {
    const tenant = newTenant();
    const path = `/ok/${unique()}`;
    await createEndpoint(tenant, path, ['account.deleted']);

    const accountId = await createAccount(tenant);
    await tenant.call('PATCH', `/api/v1/accounts/${accountId}`, { body: { title: 'Renamed' } });
    await settle();
    expect(receivedAt(path)).toHaveLength(0);

    await tenant.call('DELETE', `/api/v1/accounts/${accountId}`);
    await settle();
    expect(receivedAt(path).map((item) => JSON.parse(item.body).type)).toEqual(['account.deleted']);
  });

  it("never delivers another tenant's events", async () => {
    const tenant = newTenant();
    const stranger = newTenant();
    const path = `/ok/${unique()}`;
    await createEndpoint(tenant, path, ['*']);

    await createAccount(stranger, 'Not yours');
    await createAccount(tenant, 'Yours');
    await settle();

    const tenants = receivedAt(path).map((item) => JSON.parse(item.body).tenant_id);
    expect(tenants.length).toBeGreaterThan(0);
    expect(new Set(tenants)).toEqual(new Set([tenant.tenantId]));
  });

  it('retries a failing endpoint with backoff until it succeeds', async () => {
    const tenant = newTenant();
    const path = `/flaky-2/${unique()}`;
    const endpoint = await createEndpoint(tenant, path, ['account.created']);

    await createAccount(tenant);
    await settle();
    const delivery = await finalDelivery(tenant, endpoint.id);

    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, last_response_code: 200 });
    const attempts = receivedAt(path);
    expect(attempts).toHaveLength(3);
    // The same message each time: same id and body, re-signed for each attempt.
    expect(new Set(attempts.map((item) => item.headers['webhook-id'])).size).toBe(1);
    expect(new Set(attempts.map((item) => item.body)).size).toBe(1);
    for (const attempt of attempts)
      expect(() =>
        new Webhook(endpoint.secret).verify(attempt.body, attempt.headers as Record<string, string>),
      ).not.toThrow();
    const health = await tenant.call<{ consecutive_failures: number; enabled: boolean }>(
      'GET',
      `/api/v1/webhooks/${endpoint.id}`,
    );
    expect(health.body).toMatchObject({ consecutive_failures: 0, enabled: true });
  });

  it('marks a delivery dead once every retry failed', async () => {
    const tenant = newTenant();
    const path = `/fail/${unique()}`;
    const endpoint = await createEndpoint(tenant, path, ['account.created']);

    await createAccount(tenant);
    await settle();
    const delivery = await finalDelivery(tenant, endpoint.id, 90_000);

    expect(delivery).toMatchObject({
      status: 'dead',
      attempts: 8,
      last_response_code: 500,
      last_error: 'HTTP 500',
    });
    expect(receivedAt(path)).toHaveLength(8);
    const dead = await tenant.call<{ deliveries: Delivery[] }>(
      'GET',
      `/api/v1/webhooks/${endpoint.id}/deliveries?status=dead`,
    );
    expect(dead.body.deliveries.map((item) => item.id)).toEqual([delivery.id]);
    const health = await tenant.call<{ consecutive_failures: number; failing_since: string | null }>(
      'GET',
      `/api/v1/webhooks/${endpoint.id}`,
    );
    expect(health.body.consecutive_failures).toBe(8);
    expect(health.body.failing_since).not.toBeNull();
  }, 120_000);

  it('turns off an endpoint that kept failing for long enough, and says so with webhook.disabled', async () => {
    const tenant = newTenant();
    const failPath = `/fail/${unique()}`;
    const watchPath = `/ok/${unique()}`;
    const failing = await createEndpoint(tenant, failPath, ['account.created']);
    await createEndpoint(tenant, watchPath, ['webhook.disabled']);
    // Three events: 24 failed attempts in a row, more than the 20 needed, over about the (scaled) day.
    for (const title of ['One', 'Two', 'Three']) await createAccount(tenant, title);
    await settle();
    const deadline = Date.now() + 90_000;
    let settledDeliveries: Delivery[] = [];
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      settledDeliveries = (await deliveries(tenant, failing.id)).filter((item) => item.status !== 'pending');
      if (settledDeliveries.length === 3) break;
    }
    // Each ends dead, or failed if the endpoint was turned off before its last retry.
    expect(settledDeliveries.map((item) => item.status).sort()).toEqual(expect.arrayContaining(['dead']));
    expect(settledDeliveries).toHaveLength(3);
    const health = await tenant.call<{ failing_since: string | null; enabled: boolean }>(
      'GET',
      `/api/v1/webhooks/${failing.id}`,
    );
    if (health.body.enabled) {
      // The scaled day (TC_WEBHOOK_RETRY_SCALE = 0.0001) is 8.64 s: let it pass, then fail once more.
      const wait = new Date(health.body.failing_since ?? 0).getTime() + 9_000 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await tenant.call('POST', `/api/v1/webhooks/${failing.id}/test`);
    }
    await settle();

    const disabled = await tenant.call<{
      enabled: boolean;
      disabled_reason: string;
      consecutive_failures: number;
    }>('GET', `/api/v1/webhooks/${failing.id}`);
    expect(disabled.body).toMatchObject({ enabled: false, disabled_reason: 'failing' });
    expect(disabled.body.consecutive_failures).toBeGreaterThanOrEqual(20);
    const notices = receivedAt(watchPath).map((item) => JSON.parse(item.body));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      type: 'webhook.disabled',
      actor: { type: 'system' },
      data: { webhook: { id: failing.id, enabled: false }, reason: 'failing' },
    });

    const reenabled = await tenant.call<{ enabled: boolean; consecutive_failures: number }>(
      'PATCH',
      `/api/v1/webhooks/${failing.id}`,
      { body: { enabled: true } },
    );
    expect(reenabled.body).toMatchObject({ enabled: true, consecutive_failures: 0 });
  }, 150_000);

  it('replays a delivery as a new delivery of the same event', async () => {
    const tenant = newTenant();
    const path = `/ok/${unique()}`;
    const endpoint = await createEndpoint(tenant, path, ['account.created']);
    await createAccount(tenant);
    await settle();
    const [original] = await deliveries(tenant, endpoint.id);

    const replayed = await tenant.call<Delivery>(
      'POST',
      `/api/v1/webhooks/${endpoint.id}/deliveries/${original?.id}/replay`,
    );

    expect(replayed.status).toBe(201);
    expect(replayed.body).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      replay_of: original?.id,
      event_id: original?.event_id,
    });
    expect(replayed.body.id).not.toBe(original?.id);
    const [first, second] = receivedAt(path);
    expect(second?.body).toBe(first?.body);
    expect(second?.headers['webhook-id']).toBe(original?.event_id);
    expect((await deliveries(tenant, endpoint.id)).map((item) => item.id).sort()).toEqual(
      [original?.id, replayed.body.id].sort(),
    );
  });

  it('sends a test ping to one endpoint only and reports how it went', async () => {
    const tenant = newTenant();
    const okPath = `/ok/${unique()}`;
    const failPath = `/fail/${unique()}`;
    const ok = await createEndpoint(tenant, okPath, ['*']);
    const failing = await createEndpoint(tenant, failPath, ['*']);
    await settle();
    const before = receivedAt(okPath).length;

    const pinged = await tenant.call<Delivery>('POST', `/api/v1/webhooks/${ok.id}/test`);
    const pingedFailing = await tenant.call<Delivery>('POST', `/api/v1/webhooks/${failing.id}/test`);
    await settle();

    expect(pinged.status).toBe(200);
    expect(pinged.body).toMatchObject({
      event_type: 'webhook.ping',
      status: 'succeeded',
      attempts: 1,
      last_response_code: 200,
    });
    expect(pingedFailing.body).toMatchObject({ status: 'failed', attempts: 1, last_response_code: 500 });
    const pings = receivedAt(okPath).slice(before);
    expect(pings).toHaveLength(1);
    const ping = pings[0];
    expect(JSON.parse(ping?.body ?? '{}')).toMatchObject({
      type: 'webhook.ping',
      data: { webhook_id: ok.id },
    });
    expect(() =>
      new Webhook(ok.secret).verify(ping?.body ?? '', ping?.headers as Record<string, string>),
    ).not.toThrow();
  });

  it('never returns the secret after creation, and rotating it changes the signing key', async () => {
    const tenant = newTenant();
    const path = `/ok/${unique()}`;
    const endpoint = await createEndpoint(tenant, path, ['account.created']);

    const one = await tenant.call('GET', `/api/v1/webhooks/${endpoint.id}`);
    const list = await tenant.call('GET', '/api/v1/webhooks');
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('secret');
    expect(one.text).not.toContain(endpoint.secret.slice('whsec_'.length, 20));
    expect(list.text).not.toContain(endpoint.secret.slice('whsec_'.length, 20));

    const rotated = await tenant.call<{ secret: string }>(
      'POST',
      `/api/v1/webhooks/${endpoint.id}/rotate-secret`,
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    await tenant.call('POST', `/api/v1/webhooks/${endpoint.id}/test`);
    const ping = receivedAt(path).at(-1);
    const headers = ping?.headers as Record<string, string>;
    expect(() => new Webhook(rotated.body.secret).verify(ping?.body ?? '', headers)).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(ping?.body ?? '', headers)).toThrow();
  });

  it('updates, disables and deletes an endpoint', async () => {
    const tenant = newTenant();
    const path = `/ok/${unique()}`;
    const endpoint = await createEndpoint(tenant, path, ['account.created']);

    const disabled = await tenant.call<{ enabled: boolean; disabled_reason: string; events: string[] }>(
      'PATCH',
      `/api/v1/webhooks/${endpoint.id}`,
      { body: { enabled: false, events: ['account.created', 'account.updated'] } },
    );
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({
      enabled: false,
      disabled_reason: 'manual',
      events: ['account.created', 'account.updated'],
    });
    await createAccount(tenant);
    await settle();
    expect(receivedAt(path)).toHaveLength(0);

    const deleted = await tenant.call('DELETE', `/api/v1/webhooks/${endpoint.id}`);
    expect(deleted.status).toBe(204);
    expect((await tenant.call('GET', `/api/v1/webhooks/${endpoint.id}`)).status).toBe(404);
  });

  it('refuses unknown event types, internal-only event types and non-http(s) URLs', async () => {
    const tenant = newTenant();
    const attempts = [
      { url: `${base}/ok/x`, events: ['account.exploded'] },
      { url: `${base}/ok/x`, events: ['not an event'] },
      { url: `${base}/ok/x`, events: ['auth.login_failed'] },
      { url: `${base}/ok/x`, events: [] },
      { url: 'ftp://example.com/hook', events: ['*'] },
      { url: 'https://user:pass@example.com/hook', events: ['*'] },
    ];
    for (const body of attempts) {
      const response = await tenant.call<{ error: { type: string } }>('POST', '/api/v1/webhooks', { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.type).toBe('validation_error');
    }
  });
});
