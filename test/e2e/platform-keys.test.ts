import { describe, expect, inject, it } from 'vitest';
import { request } from '../support/api.ts';
import { uniqueEmail } from '../support/people.ts';

const operator = inject('operator');

interface CreatedKey {
  id: string;
  token: string;
  scopes: string[];
}

async function operatorToken(): Promise<string> {
  const signedIn = await request<{ accessToken: string }>('POST', '/api/v1/login', { body: operator });
  expect(signedIn.status).toBe(200);
  return signedIn.body.accessToken;
}

async function platformKey(scopes: string[]): Promise<CreatedKey> {
  const created = await request<CreatedKey>('POST', '/api/v1/api-keys', {
    token: await operatorToken(),
    body: { name: 'Admin automation', scopes },
  });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

/**
 * Seed 3's admin API runs on an admin API key: an operator mints a platform key, and the seed's calls
 * (create an organization, create an API key for it, read its audit log) work with it as the seed shows.
 */
describe('platform keys (seed 3)', () => {
  it('run seed 3’s calls with an admin API key', async () => {
    // A key never grants what it lacks: to mint organization keys with accounts:read, it holds it too.
    const key = await platformKey(['admin:orgs', 'admin:keys', 'audit_logs:read', 'accounts:read']);

    const organization = await request<{ id: string }>('POST', '/api/v1/organizations', {
      token: key.token,
      body: { name: 'Acme Corporation', email: uniqueEmail('seed3', 'acme.example'), plan: 'enterprise' },
    });
    const orgKey = await request<CreatedKey>('POST', '/api/v1/api-keys', {
      token: key.token,
      body: { organization_id: organization.body.id, name: 'Production API Key', scopes: ['accounts:read'] },
    });
    const audit = await request('GET', `/api/v1/audit-logs?org_id=${organization.body.id}`, {
      token: key.token,
    });
    const accounts = await request('GET', '/api/v1/accounts', { token: orgKey.body.token });

    expect(organization.status, organization.text).toBe(201);
    expect(orgKey.status, orgKey.text).toBe(201);
    expect(orgKey.body.scopes).toEqual(['accounts:read']);
    expect(audit.status, audit.text).toBe(200);
    // The organization's key works on the organization's own routes.
    expect(accounts.status, accounts.text).toBe(200);
  });

  it('are limited to their scopes on operator routes', async () => {
    const keysOnly = await platformKey(['admin:keys']);

    const organization = await request('POST', '/api/v1/organizations', {
      token: keysOnly.token,
      body: { name: 'Not Allowed', email: uniqueEmail('seed3', 'acme.example'), plan: 'free' },
    });
    const broader = await request('POST', '/api/v1/api-keys', {
      token: keysOnly.token,
      body: { name: 'Escalation', scopes: ['admin:orgs'] },
    });
    const listed = await request('GET', '/api/v1/organizations', { token: keysOnly.token });

    expect(organization.status).toBe(403);
    expect(broader.status).toBe(403);
    expect(listed.status).toBe(403);
  });

  it('act on no tenant of their own: tenant routes without an organization id are refused', async () => {
    const key = await platformKey(['admin:orgs']);

    const accounts = await request('GET', '/api/v1/accounts', { token: key.token });

    expect(accounts.status).toBe(403);
  });

  it('are listed and revoked by an operator, and stop working at once', async () => {
    const key = await platformKey(['admin:orgs']);
    const token = await operatorToken();

    const listed = await request<{ api_keys: { id: string }[] }>('GET', '/api/v1/api-keys?limit=100', {
      token,
    });
    const revoked = await request('DELETE', `/api/v1/api-keys/${key.id}`, { token });
    const after = await request('GET', '/api/v1/organizations', { token: key.token });

    expect(listed.body.api_keys.map((item) => item.id)).toContain(key.id);
    expect(revoked.status).toBe(204);
    expect(after.status).toBe(401);
  });
});
