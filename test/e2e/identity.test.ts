import { describe, expect, inject, it } from 'vitest';
import { newTenant, request } from '../support/api.ts';
import { invitationTokenFor } from '../support/people.ts';

const admin = inject('admin');
const operator = inject('operator');

interface CreatedKey {
  success: boolean;
  data: { apiKey: { id: string; name: string; key: string; role: string }; warning: string };
}

async function signIn(email: string, password: string): Promise<string> {
  const response = await request<{ accessToken: string }>('POST', '/api/v1/login', {
    body: { email, password },
  });
  expect(response.status).toBe(200);
  return response.body.accessToken;
}

describe('signing in', () => {
  it("answers seed 1's login shape, plus a refresh token", async () => {
    const response = await request('POST', '/api/v1/login', {
      body: { email: admin.email, password: admin.password },
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: expect.any(Number),
      refreshToken: expect.any(String),
    });
  });

  it('refuses a wrong password and an unknown user alike with 401', async () => {
    const wrong = await request('POST', '/api/v1/login', {
      body: { email: admin.email, password: 'wrong-password' },
    });
    const unknown = await request('POST', '/api/v1/login', {
      body: { email: 'nobody@example.com', password: 'whatever' },
    });

    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('exchanges a refresh token for a working access token', async () => {
    const login = await request<{ refreshToken: string }>('POST', '/api/v1/login', {
      body: { email: admin.email, password: admin.password },
    });

    const refreshed = await request<{ accessToken: string }>('POST', '/api/v1/login/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    const accounts = await request('GET', '/api/v1/accounts', { token: refreshed.body.accessToken });

    expect(refreshed.status).toBe(200);
    expect(accounts.status).toBe(200);
  });
});

describe('API keys', () => {
  it('follows seed 1: create a key with its exact body, use it, revoke it, and it stops working', async () => {
    const jwt = await signIn(admin.email, admin.password);

    const created = await request<CreatedKey>('POST', '/api/v1/integrations/api-keys', {
      token: jwt,
      body: {
        name: 'Production Integration',
        description: 'API key for automated compliance workflows',
        role: 'account_manager',
        expires_in_days: 365,
      },
    });
    const key = created.body.data.apiKey.key;
    const listed = await request<{ accounts: unknown[] }>('GET', '/api/v1/accounts', { token: key });
    const revoked = await request('DELETE', `/api/v1/integrations/api-keys/${created.body.data.apiKey.id}`, {
      token: jwt,
    });
    const after = await request('GET', '/api/v1/accounts', { token: key });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      success: true,
      data: {
        apiKey: {
          id: expect.stringMatching(/^key_/),
          name: 'Production Integration',
          key: expect.stringMatching(/^sk_live_[A-Za-z0-9]{40}$/),
          role: 'account_manager',
        },
        warning: 'This is the only time the API key will be displayed. Store it securely.',
      },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.accounts.length).toBeGreaterThan(0);
    expect(revoked.status).toBe(204);
    expect(after.status).toBe(401);
  });

  it('lists keys by prefix, never their secrets', async () => {
    const tenant = newTenant();
    const created = await tenant.call<CreatedKey>('POST', '/api/v1/integrations/api-keys', {
      body: { name: 'CI', key_type: 'read_only' },
    });

    const listed = await tenant.call<{
      api_keys: { id: string; prefix: string; status: string; scopes: string[] }[];
    }>('GET', '/api/v1/integrations/api-keys');

    expect(listed.body.api_keys).toHaveLength(1);
    expect(listed.body.api_keys[0]).toMatchObject({
      id: created.body.data.apiKey.id,
      status: 'active',
      prefix: `${created.body.data.apiKey.key.slice(0, 12)}…`,
    });
    expect(listed.text).not.toContain(created.body.data.apiKey.key);
    expect(listed.body.api_keys[0]?.scopes.every((scope) => scope.endsWith(':read'))).toBe(true);
  });

  it('enforces a key’s scopes: a read-only key reads but cannot write', async () => {
    const tenant = newTenant();
    const created = await tenant.call<CreatedKey>('POST', '/api/v1/integrations/api-keys', {
      body: { name: 'RO', key_type: 'read_only' },
    });
    const key = created.body.data.apiKey.key;

    const read = await request('GET', '/api/v1/accounts', { token: key });
    const write = await request('POST', '/api/v1/accounts', { token: key, body: { title: 'Nope' } });

    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ error: { type: 'permission_error' } });
  });

  it('refuses to mint a key with more scopes than its creator holds', async () => {
    const editor = newTenant({ role: 'editor', scopes: ['api_keys:write', 'documents:read'] });

    const response = await editor.call('POST', '/api/v1/integrations/api-keys', {
      body: { name: 'Escalate', role: 'admin' },
    });

    expect(response.status).toBe(403);
  });

  it('keeps the old secret working through the rotation grace window, beside the new one', async () => {
    const tenant = newTenant();
    const created = await tenant.call<CreatedKey>('POST', '/api/v1/integrations/api-keys', {
      body: { name: 'Rotating', key_type: 'read_only' },
    });
    const oldKey = created.body.data.apiKey.key;

    const rotated = await tenant.call<{ key: string; previous_key_expires_at: string }>(
      'POST',
      `/api/v1/integrations/api-keys/${created.body.data.apiKey.id}/rotate`,
    );
    const withOld = await request('GET', '/api/v1/accounts', { token: oldKey });
    const withNew = await request('GET', '/api/v1/accounts', { token: rotated.body.key });

    expect(rotated.status).toBe(200);
    expect(rotated.body.key).not.toBe(oldKey);
    expect(new Date(rotated.body.previous_key_expires_at).getTime()).toBeGreaterThan(
      Date.now() + 23 * 3600 * 1000,
    );
    expect(withOld.status).toBe(200);
    expect(withNew.status).toBe(200);
  });

  it('refuses a key from outside its IP allowlist, and accepts it from inside', async () => {
    const tenant = newTenant();
    const outside = await tenant.call<CreatedKey>('POST', '/api/v1/integrations/api-keys', {
      body: { name: 'Office only', key_type: 'read_only', ip_allowlist: ['203.0.113.0/24'] },
    });
    const inside = await tenant.call<CreatedKey>('POST', '/api/v1/integrations/api-keys', {
      body: { name: 'Loopback', key_type: 'read_only', ip_allowlist: ['127.0.0.0/8', '::1/128'] },
    });

    // A genuine key from the wrong address is told so (403), not "invalid token" (401).
    expect((await request('GET', '/api/v1/accounts', { token: outside.body.data.apiKey.key })).status).toBe(
      403,
    );
    expect((await request('GET', '/api/v1/accounts', { token: inside.body.data.apiKey.key })).status).toBe(
      200,
    );
  });

  it('sets expires_at from expires_in_days', async () => {
    const tenant = newTenant();
    await tenant.call<CreatedKey>('POST', '/api/v1/integrations/api-keys', {
      body: { name: 'Short', key_type: 'read_only', expires_in_days: 1 },
    });

    const listed = await tenant.call<{ api_keys: { expires_at: string }[] }>(
      'GET',
      '/api/v1/integrations/api-keys',
    );

    const expiresAt = new Date(listed.body.api_keys[0]?.expires_at ?? 0).getTime();
    expect(expiresAt).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    expect(expiresAt).toBeLessThan(Date.now() + 25 * 3600 * 1000);
  });
});

describe('organizations', () => {
  it('lets an operator create an organization whose owner accepts the emailed invitation and signs in', async () => {
    const operatorJwt = await signIn(operator.email, operator.password);
    const ownerEmail = `owner-${Date.now()}@acme.example`;

    const created = await request<{ id: string; name: string; plan: string }>(
      'POST',
      '/api/v1/organizations',
      {
        token: operatorJwt,
        body: { name: 'Acme Corporation', email: ownerEmail, plan: 'enterprise' },
      },
    );
    const token = await invitationTokenFor(ownerEmail);
    const accepted = await request('POST', '/api/v1/invitations/accept', {
      body: { token, password: 'A-strong-passw0rd!' },
    });
    const ownerJwt = await signIn(ownerEmail, 'A-strong-passw0rd!');
    const own = await request<{ id: string; members_count: number }>(
      'GET',
      `/api/v1/organizations/${created.body.id}`,
      { token: ownerJwt },
    );
    const replay = await request('POST', '/api/v1/invitations/accept', {
      body: { token, password: 'A-strong-passw0rd!' },
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^org_/),
      name: 'Acme Corporation',
      plan: 'enterprise',
    });
    expect(accepted.status).toBe(201);
    expect(own.body).toMatchObject({ id: created.body.id, members_count: 1 });
    expect(replay.status).toBe(404);
  });

  it('gives an operator-made key for a second organization none of the first tenant’s data', async () => {
    const operatorJwt = await signIn(operator.email, operator.password);
    const adminJwt = await signIn(admin.email, admin.password);
    const first = await request<{ accounts: { id: string }[] }>('GET', '/api/v1/accounts', {
      token: adminJwt,
    });
    const second = await request<{ id: string }>('POST', '/api/v1/organizations', {
      token: operatorJwt,
      body: { name: 'Second Org', email: `second-${Date.now()}@example.org`, plan: 'business' },
    });

    const key = await request<{ id: string; token: string }>(
      'POST',
      `/api/v1/organizations/${second.body.id}/api-keys`,
      {
        token: operatorJwt,
        body: { name: 'Production API Key', scopes: ['accounts:read', 'organization:read'] },
      },
    );
    const theirAccounts = await request<{ accounts: unknown[] }>('GET', '/api/v1/accounts', {
      token: key.body.token,
    });
    const probes = await Promise.all(
      (first.body.accounts ?? []).map((account) =>
        request('GET', `/api/v1/accounts/${account.id}`, { token: key.body.token }),
      ),
    );

    expect(key.status).toBe(201);
    expect(key.body.token).toMatch(/^sk_live_/);
    expect(first.body.accounts.length).toBeGreaterThan(0);
    expect(theirAccounts.body.accounts).toEqual([]);
    expect(probes.map((probe) => probe.status)).toEqual(probes.map(() => 404));
  });

  it('hides other organizations from members: 404, as for an id that does not exist', async () => {
    const adminJwt = await signIn(admin.email, admin.password);
    const stranger = newTenant();

    const response = await stranger.call('GET', `/api/v1/organizations/${newTenant().tenantId}`);
    const operatorOnly = await request('POST', '/api/v1/organizations', {
      token: adminJwt,
      body: { name: 'X', email: 'x@example.com', plan: 'free' },
    });

    expect(response.status).toBe(404);
    expect(operatorOnly.status).toBe(403);
  });

  it('refuses an unknown plan, naming it', async () => {
    const operatorJwt = await signIn(operator.email, operator.password);

    const response = await request('POST', '/api/v1/organizations', {
      token: operatorJwt,
      body: { name: 'X', email: 'x@example.com', plan: 'platinum' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'plan' } });
  });

  it("accepts seed 3's key body on the organization path, and refuses one naming another organization", async () => {
    const operatorJwt = await signIn(operator.email, operator.password);
    const org = await request<{ id: string }>('POST', '/api/v1/organizations', {
      token: operatorJwt,
      body: { name: 'Seed Three', email: `seed3-${Date.now()}@example.com`, plan: 'business' },
    });

    const matching = await request<{ scopes: string[] }>(
      'POST',
      `/api/v1/organizations/${org.body.id}/api-keys`,
      {
        token: operatorJwt,
        body: {
          organization_id: org.body.id,
          name: 'Production API Key',
          scopes: ['accounts:read', 'admin:keys'],
        },
      },
    );
    const mismatched = await request('POST', `/api/v1/organizations/${org.body.id}/api-keys`, {
      token: operatorJwt,
      body: { organization_id: 'org_00000000000000000000000000', name: 'Other', scopes: ['accounts:read'] },
    });

    expect(matching.status).toBe(201);
    expect(matching.body.scopes).toEqual(['accounts:read', 'api_keys:read', 'api_keys:write']);
    expect(mismatched.status).toBe(400);
    expect(mismatched.body).toMatchObject({ error: { param: 'organization_id' } });
  });

  it("answers GET /organizations/{org_id} in seed 4's shape", async () => {
    const operatorJwt = await signIn(operator.email, operator.password);
    const org = await request<{ id: string }>('POST', '/api/v1/organizations', {
      token: operatorJwt,
      body: { name: 'Acme Corp', email: `shape-${Date.now()}@example.com`, plan: 'enterprise' },
    });

    const found = await request('GET', `/api/v1/organizations/${org.body.id}`, { token: operatorJwt });

    expect(found.body).toEqual({
      id: org.body.id,
      name: 'Acme Corp',
      // Unique on the platform: another Acme Corp of this run may hold `acme-corp` already.
      slug: expect.stringMatching(/^acme-corp(-[0-9a-f]+)?$/),
      description: null,
      website: null,
      timezone: 'UTC',
      settings: {
        sso_enabled: false,
        sso_provider: null,
        ip_allowlist: [],
        data_residency: expect.any(String),
      },
      plan: 'enterprise',
      // The invited owner is a member `pending_invite`, counted as seed 4's invite flow counts them.
      members_count: 1,
      created_at: expect.any(String),
      status: 'active',
      purge_after: null,
    });
  });
});
