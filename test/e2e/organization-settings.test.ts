import { describe, expect, it } from 'vitest';
import { request } from '../support/api.ts';
import { callFrom } from '../support/from-address.ts';
import { as, newOrganization, operatorJwt } from '../support/organizations.ts';

interface OrganizationView {
  id: string;
  name: string;
  description: string | null;
  website: string | null;
  timezone: string;
  settings: {
    sso_enabled: boolean;
    sso_provider: string | null;
    ip_allowlist: string[];
    data_residency: string;
  };
}

async function orgKey(owner: Awaited<ReturnType<typeof newOrganization>>['owner'], keyType = 'read_only') {
  const key = await owner<{ data: { apiKey: { key: string } } }>('POST', '/api/v1/integrations/api-keys', {
    body: { name: `Key ${keyType}`, key_type: keyType },
  });
  expect(key.status, JSON.stringify(key.body)).toBe(201);
  return key.body.data.apiKey.key;
}

describe('organization details and settings (seed 4)', () => {
  it('takes seed 4’s PATCH and answers the details in seed 4’s shape', async () => {
    const org = await newOrganization('Acme Corp');

    // From seed 4, with the allowlist naming the address the test calls from (else it would lock us out).
    const updated = await org.owner<OrganizationView>('PATCH', `/api/v1/organizations/${org.orgId}`, {
      body: {
        name: 'Acme Corporation',
        timezone: 'America/Los_Angeles',
        description: 'Manufacturing company',
        website: 'https://acme.com',
        settings: { ip_allowlist: ['127.0.0.0/8', '2001:db8::/32'] },
      },
    });
    const read = await org.owner<OrganizationView>('GET', `/api/v1/organizations/${org.orgId}`);

    expect(updated.status, updated.text).toBe(200);
    expect(read.body).toMatchObject({
      id: org.orgId,
      name: 'Acme Corporation',
      description: 'Manufacturing company',
      website: 'https://acme.com',
      timezone: 'America/Los_Angeles',
      settings: {
        sso_enabled: false,
        sso_provider: null,
        ip_allowlist: ['127.0.0.0/8', '2001:db8::/32'],
        data_residency: expect.any(String),
      },
    });
    expect(read.headers.get('etag')).toBe(updated.headers.get('etag'));
  });

  it('refuses an unknown time zone, a malformed block and the read-only settings', async () => {
    const org = await newOrganization();
    const path = `/api/v1/organizations/${org.orgId}`;

    const zone = await org.owner<{ error: { param: string } }>('PATCH', path, {
      body: { timezone: 'Mars/Olympus' },
    });
    const block = await org.owner<{ error: { param: string } }>('PATCH', path, {
      body: { settings: { ip_allowlist: ['203.0.113.0/33'] } },
    });
    const residency = await org.owner('PATCH', path, { body: { settings: { data_residency: 'eu' } } });

    expect(zone.status).toBe(400);
    expect(zone.body.error.param).toBe('timezone');
    expect(block.status).toBe(400);
    expect(block.body.error.param).toMatch(/^settings\.ip_allowlist/);
    expect(residency.status).toBe(400);
  });

  it('refuses a stale If-Match with 412', async () => {
    const org = await newOrganization();
    const path = `/api/v1/organizations/${org.orgId}`;
    const read = await org.owner('GET', path);
    await org.owner('PATCH', path, { body: { timezone: 'Europe/Berlin' } });

    const stale = await org.owner('PATCH', path, {
      body: { timezone: 'Europe/Paris' },
      headers: { 'If-Match': read.headers.get('etag') ?? '' },
    });

    expect(stale.status).toBe(412);
  });
});

describe('the organization’s IP allowlist', () => {
  it('binds every credential of the organization, people and keys alike, and lets the allowed address through', async () => {
    const org = await newOrganization();
    const key = await orgKey(org.owner);

    const saved = await callFrom('127.0.0.2', 'PATCH', `/api/v1/organizations/${org.orgId}`, org.ownerToken, {
      settings: { ip_allowlist: ['127.0.0.2/32'] },
    });
    const keyOutside = await callFrom('127.0.0.3', 'GET', '/api/v1/accounts', key);
    const keyInside = await callFrom('127.0.0.2', 'GET', '/api/v1/accounts', key);
    const ownerOutside = await callFrom(
      '127.0.0.3',
      'GET',
      `/api/v1/organizations/${org.orgId}`,
      org.ownerToken,
    );
    const ownerInside = await callFrom(
      '127.0.0.2',
      'GET',
      `/api/v1/organizations/${org.orgId}`,
      org.ownerToken,
    );

    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(keyOutside.status).toBe(403);
    expect(keyOutside.body.error).toMatchObject({
      type: 'permission_error',
      message: expect.stringMatching(/IP allowlist/),
    });
    expect(keyInside.status).toBe(200);
    expect(ownerOutside.status).toBe(403);
    expect(ownerInside.status).toBe(200);
  });

  it('refuses a list that would lock the caller out, unless the caller confirms it', async () => {
    const org = await newOrganization();
    const path = `/api/v1/organizations/${org.orgId}`;
    // Seed 4's PATCH body as it stands: its blocks do not include the test's 127.0.0.1.
    const seedBody = {
      name: 'Acme Corporation',
      timezone: 'America/Los_Angeles',
      settings: { ip_allowlist: ['203.0.113.0/24', '198.51.100.0/24'] },
    };

    const refused = await org.owner<{ error: { type: string; message: string; param: string } }>(
      'PATCH',
      path,
      {
        body: seedBody,
      },
    );
    const unchanged = await org.owner<OrganizationView>('GET', path);
    const confirmed = await org.owner('PATCH', path, { body: { ...seedBody, confirm_lockout: true } });
    const lockedOut = await org.owner('GET', path);

    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ param: 'settings.ip_allowlist' });
    expect(refused.body.error.message).toMatch(/lock you out/);
    expect(unchanged.body).toMatchObject({ name: 'Lifecycle Org', settings: { ip_allowlist: [] } });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(lockedOut.status).toBe(403);
  });

  it('does not bind platform operators, who can lift it', async () => {
    const org = await newOrganization();
    const path = `/api/v1/organizations/${org.orgId}`;
    await org.owner('PATCH', path, {
      body: { settings: { ip_allowlist: ['203.0.113.0/24'] }, confirm_lockout: true },
    });
    const operator = as(await operatorJwt());

    const seen = await operator<OrganizationView>('GET', path);
    const lifted = await operator('PATCH', path, { body: { settings: { ip_allowlist: [] } } });
    const ownerAgain = await org.owner('GET', path);

    expect(seen.status).toBe(200);
    expect(seen.body.settings.ip_allowlist).toEqual(['203.0.113.0/24']);
    expect(lifted.status, lifted.text).toBe(200);
    expect(ownerAgain.status).toBe(200);
  });
});

describe("seed 4's organization list, for a tenant's own credential", () => {
  it('lists the organizations the caller belongs to, with total, limit, offset and has_more', async () => {
    const org = await newOrganization();

    // GET /v1/organizations, then seed 4's pagination example ?limit=20&offset=40.
    const listed = await org.owner<{ organizations: { id: string; members_count: number }[]; total: number }>(
      'GET',
      '/api/v1/organizations',
    );
    const paged = await org.owner('GET', '/api/v1/organizations?limit=20&offset=40');

    expect(listed.status, listed.text).toBe(200);
    expect(listed.body).toMatchObject({ total: 1, limit: 20, offset: 0, has_more: false });
    expect(listed.body.organizations.map((item) => item.id)).toEqual([org.orgId]);
    expect(paged.body).toMatchObject({ organizations: [], total: 1, limit: 20, offset: 40, has_more: false });
  });

  it('runs seed 4’s complete user invite flow with an API key of the organization', async () => {
    const org = await newOrganization();
    // Seed 4: "Settings → API Keys → Create new key"; one that may manage members.
    const apiKey = await orgKey(org.owner, 'admin');
    const orgId = org.orgId;
    const headers = { Authorization: `Bearer ${apiKey}` };
    const base = '/api/v1';

    // # 1. Invite user
    const invited = await request<{ id: string }>('POST', `${base}/organizations/${orgId}/members`, {
      body: { email: 'newuser@company.com', name: 'New User', role: 'editor' },
      headers,
    });
    // # 2. List pending invitations
    const invitations = await request<{ invitations: { status: string }[] }>(
      'GET',
      `${base}/organizations/${orgId}/invitations`,
      { headers },
    );
    const pending = invitations.body.invitations.filter((i) => i.status === 'pending');
    // # 3. Get updated member count
    const organization = await request<{ members_count: number }>('GET', `${base}/organizations/${orgId}`, {
      headers,
    });

    expect(invited.status, invited.text).toBe(201);
    expect(invited.body.id).toMatch(/^usr_/);
    expect(pending).toHaveLength(1);
    // The owner and the invited user.
    expect(organization.body.members_count).toBe(2);
  });
});
