import { describe, expect, it } from 'vitest';
import { request } from '../support/api.ts';
import { newOrganization, operatorJwt } from '../support/organizations.ts';

/**
 * Seed 3's `POST /admin/v1/api-keys` at `/api/v1/api-keys`, beside `POST /api/v1/organizations/{org_id}/api-keys`.
 * The body's shape decides: with `organization_id` a key of that organization, without it a platform key.
 */
describe("seed 3's API key creation at its own path", () => {
  it('answers the seed’s verbatim call with a 400 naming the scope this platform does not have', async () => {
    // Verbatim from seed 3: its scopes belong to another product (workflows, transactions).
    const response = await request<{ error: { type: string; param: string } }>('POST', '/api/v1/api-keys', {
      token: await operatorJwt(),
      body: {
        organization_id: 'org_123',
        name: 'Production API Key',
        scopes: ['workflows:read', 'transactions:write'],
      },
    });

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ type: 'validation_error', param: 'scopes[0]' });
  });

  it('mints a key of the organization named in the body, which works on its routes only', async () => {
    const org = await newOrganization();

    const created = await request<{ id: string; token: string; scopes: string[] }>(
      'POST',
      '/api/v1/api-keys',
      {
        token: await operatorJwt(),
        body: {
          organization_id: org.orgId,
          name: 'Production API Key',
          scopes: ['accounts:read', 'admin:orgs'],
        },
      },
    );
    const accounts = await request('GET', '/api/v1/accounts', { token: created.body.token });
    const ownOrg = await request('GET', `/api/v1/organizations/${org.orgId}`, { token: created.body.token });
    const listedByOwner = await org.owner<{ api_keys: { id: string }[] }>(
      'GET',
      `/api/v1/organizations/${org.orgId}/api-keys`,
    );

    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(accounts.status).toBe(200);
    expect(ownOrg.status).toBe(200);
    expect(listedByOwner.body.api_keys.map((key) => key.id)).toContain(created.body.id);
  });

  it('refuses an organization that does not exist with 404 on organization_id', async () => {
    const response = await request<{ error: { param: string } }>('POST', '/api/v1/api-keys', {
      token: await operatorJwt(),
      body: { organization_id: 'org_00000000000000000000000000', name: 'Nowhere', scopes: ['accounts:read'] },
    });

    expect(response.status).toBe(404);
    expect(response.body.error.param).toBe('organization_id');
  });
});
