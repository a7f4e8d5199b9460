import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { baseUrl, newTenant } from '../support/api.ts';

/** A GET sent from a chosen loopback address (Linux routes all of 127.0.0.0/8 to lo). */
function getFrom(
  localAddress: string,
  path: string,
  token: string,
): Promise<{
  status: number;
  body: { error?: { type: string; message: string } };
  headers: Record<string, unknown>;
}> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      new URL(path, baseUrl),
      { method: 'GET', localAddress, headers: { Authorization: `Bearer ${token}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
            headers: response.headers,
          }),
        );
      },
    );
    call.on('error', reject);
    call.end();
  });
}

describe('API key IP allowlists through the gateway', () => {
  it('decides per address, even while the first decision is cached', async () => {
    const tenant = newTenant();
    const created = await tenant.call<{ data: { apiKey: { key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      { body: { name: 'Allowlisted', key_type: 'read_only', ip_allowlist: ['127.0.0.2/32'] } },
    );
    expect(created.status, created.text).toBe(201);
    const key = created.body.data.apiKey.key;

    const refusedFirst = await getFrom('127.0.0.1', '/api/v1/accounts', key);
    const allowed = await getFrom('127.0.0.2', '/api/v1/accounts', key);
    // The allowed decision is cached now; it must not serve the other address.
    const refusedAfter = await getFrom('127.0.0.1', '/api/v1/accounts', key);
    const allowedAgain = await getFrom('127.0.0.2', '/api/v1/accounts', key);

    expect(refusedFirst.status).toBe(403);
    expect(allowed.status).toBe(200);
    expect(refusedAfter.status).toBe(403);
    expect(allowedAgain.status).toBe(200);
  });

  it('tells a refused address why, as a permission error rather than an invalid token', async () => {
    const tenant = newTenant();
    const created = await tenant.call<{ data: { apiKey: { key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      { body: { name: 'Elsewhere', key_type: 'read_only', ip_allowlist: ['198.51.100.0/24'] } },
    );

    const refused = await getFrom('127.0.0.1', '/api/v1/accounts', created.body.data.apiKey.key);

    expect(refused.status).toBe(403);
    expect(refused.body.error?.type).toBe('permission_error');
    expect(refused.body.error?.message).toMatch(/IP address/);
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});
