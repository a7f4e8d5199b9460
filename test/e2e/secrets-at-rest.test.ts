import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { newTenant } from '../support/api.ts';
import { table, tableName } from '../support/table.ts';

/** Every item of the table that belongs to a tenant (partition keys start with its id). */
async function itemsOf(tenantId: string): Promise<string> {
  const items: unknown[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    // A Scan is fine in a test: this looks at everything at rest, the way an attacker with a backup would.
    const page = await table.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []).filter((item) => JSON.stringify(item).includes(tenantId)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return JSON.stringify(items);
}

describe('one-time secrets at rest', () => {
  it('keeps no API key or webhook secret in the table, idempotency records and events included', async () => {
    const tenant = newTenant();
    const key = await tenant.call<{ data: { apiKey: { id: string; key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      { body: { name: 'Kept?', key_type: 'read_only' }, headers: { 'Idempotency-Key': 'key-create-1' } },
    );
    const rotated = await tenant.call<{ key: string }>(
      'POST',
      `/api/v1/integrations/api-keys/${key.body.data.apiKey.id}/rotate`,
      { headers: { 'Idempotency-Key': 'key-rotate-1' } },
    );
    const webhook = await tenant.call<{ id: string; secret: string }>('POST', '/api/v1/webhooks', {
      body: { url: 'http://127.0.0.1:9/hook', events: ['account.created'] },
      headers: { 'Idempotency-Key': 'webhook-create-1' },
    });
    const rekeyed = await tenant.call<{ secret: string }>(
      'POST',
      `/api/v1/webhooks/${webhook.body.id}/rotate-secret`,
      { headers: { 'Idempotency-Key': 'webhook-rotate-1' } },
    );
    expect([key.status, rotated.status, webhook.status, rekeyed.status]).toEqual([201, 200, 201, 200]);

    const atRest = await itemsOf(tenant.tenantId);

    for (const secret of [
      key.body.data.apiKey.key,
      rotated.body.key,
      webhook.body.secret,
      rekeyed.body.secret,
    ]) {
      expect(secret.length).toBeGreaterThan(20);
      expect(atRest).not.toContain(secret);
    }
    // The Idempotency-Key itself is not kept either: it opens the sealed answer.
    expect(atRest).not.toContain('key-create-1');
  });

  it('replays a create to the principal that made it, and to no other principal of the tenant', async () => {
    const tenant = newTenant();
    const colleague = newTenant({ tenantOf: tenant });
    const body = { name: 'Replayed', key_type: 'read_only' };
    const headers = { 'Idempotency-Key': 'shared-key-1' };

    const first = await tenant.call<{ data: { apiKey: { id: string; key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      { body, headers },
    );
    const replayed = await tenant.call<{ data: { apiKey: { id: string; key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      { body, headers },
    );
    const other = await colleague.call<{ data: { apiKey: { id: string; key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      { body, headers },
    );

    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body.data.apiKey.key).toBe(first.body.data.apiKey.key);
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.body.data.apiKey.id).not.toBe(first.body.data.apiKey.id);
    expect(other.body.data.apiKey.key).not.toBe(first.body.data.apiKey.key);
  });

  it('answers secrets with Cache-Control: no-store and every answer with nosniff and HSTS', async () => {
    const tenant = newTenant();

    const created = await tenant.call('POST', '/api/v1/integrations/api-keys', {
      body: { name: 'Headers', key_type: 'read_only' },
    });
    const missing = await tenant.call('GET', '/api/v1/accounts/acc_00000000000000000000000000');
    const unauthenticated = await newTenant().call('GET', '/api/v1/nowhere');

    for (const response of [created, missing, unauthenticated]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    }
  });
});
