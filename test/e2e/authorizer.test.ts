import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant } from '../support/api.ts';
import { useTableFromThisProcess } from '../support/table.ts';

/** The authorizer's time-dependent decisions, with the clock injected (keys made through the API). */
type Resolve = (
  event: APIGatewayRequestAuthorizerEvent,
  now?: Date,
) => Promise<{ tenantId: string } | undefined>;
let resolveIdentity: Resolve;
const HOUR = 3600 * 1000;

function eventWith(token: string, sourceIp = '127.0.0.1'): APIGatewayRequestAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: 'arn:aws:execute-api:us-east-1:000000000000:local/local/GET/api/v1/accounts',
    headers: { Authorization: `Bearer ${token}` },
    requestContext: { identity: { sourceIp } },
  } as unknown as APIGatewayRequestAuthorizerEvent;
}

async function createKey(body: Record<string, unknown>) {
  const tenant = newTenant();
  const created = await tenant.call<{ data: { apiKey: { id: string; key: string } } }>(
    'POST',
    '/api/v1/integrations/api-keys',
    { body },
  );
  return { tenant, id: created.body.data.apiKey.id, key: created.body.data.apiKey.key };
}

beforeAll(async () => {
  useTableFromThisProcess();
  ({ resolveIdentity } = (await import('#services/identity/authorize')) as unknown as {
    resolveIdentity: Resolve;
  });
});

describe('the authorizer', () => {
  it('accepts a key until the moment it expires', async () => {
    const { tenant, key } = await createKey({ name: 'Day', key_type: 'read_only', expires_in_days: 1 });

    const before = await resolveIdentity(eventWith(key), new Date(Date.now() + 23 * HOUR));
    const after = await resolveIdentity(eventWith(key), new Date(Date.now() + 25 * HOUR));

    expect(before?.tenantId).toBe(tenant.tenantId);
    expect(after).toBeUndefined();
  });

  it('stops accepting a rotated key’s old secret when the grace window closes', async () => {
    const { tenant, id, key } = await createKey({ name: 'Rotating', key_type: 'read_only' });
    const rotated = await tenant.call<{ key: string }>('POST', `/api/v1/integrations/api-keys/${id}/rotate`);

    const oldInWindow = await resolveIdentity(eventWith(key), new Date(Date.now() + 23 * HOUR));
    const oldAfter = await resolveIdentity(eventWith(key), new Date(Date.now() + 25 * HOUR));
    const newAfter = await resolveIdentity(eventWith(rotated.body.key), new Date(Date.now() + 25 * HOUR));

    expect(oldInWindow?.tenantId).toBe(tenant.tenantId);
    expect(oldAfter).toBeUndefined();
    expect(newAfter?.tenantId).toBe(tenant.tenantId);
  });

  it('matches the IP allowlist by CIDR for IPv4 and IPv6', async () => {
    const { key } = await createKey({
      name: 'Net',
      key_type: 'read_only',
      ip_allowlist: ['198.51.100.0/24', '2001:db8::/32'],
    });

    expect(await resolveIdentity(eventWith(key, '198.51.100.7'))).toBeDefined();
    expect(await resolveIdentity(eventWith(key, '2001:db8::1'))).toBeDefined();
    expect(await resolveIdentity(eventWith(key, '198.51.101.7'))).toEqual({ refused: expect.any(String) });
  });

  it('refuses a key-shaped token that was never issued', async () => {
    expect(await resolveIdentity(eventWith(`sk_live_${'A'.repeat(40)}`))).toBeUndefined();
  });
});
