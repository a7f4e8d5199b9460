import { describe, expect, inject, it } from 'vitest';
import { issueDevelopmentCredential } from '#shared/auth/development-credential';
import { newId } from '#shared/ids';
import { type ApiResponse, newTenant, type RequestOptions, request } from '../support/api.ts';
import { invitationTokenFor, uniqueEmail } from '../support/people.ts';
import { partition } from '../support/table.ts';

const operator = inject('operator');
const PASSWORD = 'A-strong-passw0rd!';

/** Anyone who calls the API with one credential: a test tenant's, or a signed-in person's. */
interface Caller {
  call<T = unknown>(
    method: string,
    path: string,
    options?: Omit<RequestOptions, 'token'>,
  ): Promise<ApiResponse<T>>;
}
interface Invitation {
  id: string;
  email: string;
  name: string | null;
  role: string;
  status: string;
  sent_at: string;
  expires_at: string;
}
interface Member {
  id: string;
  email: string;
  role: string;
  status: string;
}

function asPerson(token: string): Caller {
  return { call: (method, path, options = {}) => request(method, path, { ...options, token }) };
}

async function signIn(email: string, password = PASSWORD): Promise<string> {
  const response = await request<{ accessToken: string }>('POST', '/api/v1/login', {
    body: { email, password },
  });
  expect(response.status).toBe(200);
  return response.body.accessToken;
}

function accept(token: string) {
  return request<Member>('POST', '/api/v1/invitations/accept', { body: { token, password: PASSWORD } });
}

/** Invites a person, who accepts and signs in: their user id and a caller with their access token. */
async function join(inviter: Caller, role: string, path = '/api/v1/users') {
  const email = uniqueEmail(role);
  const invited = await inviter.call('POST', path, { body: { email, role } });
  expect(invited.status).toBe(201);
  const accepted = await accept(await invitationTokenFor(email));
  expect(accepted.status).toBe(201);
  return { id: accepted.body.id, email, person: asPerson(await signIn(email)) };
}

let operatorToken: Promise<string> | undefined;
const operatorSession = () => {
  operatorToken ??= signIn(operator.email, operator.password);
  return operatorToken;
};

async function createOrganization(ownerEmail: string): Promise<string> {
  const created = await request<{ id: string }>('POST', '/api/v1/organizations', {
    token: await operatorSession(),
    body: { name: 'People Test Org', email: ownerEmail, plan: 'free' },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

/**
 * A development credential of the given role for an organization that exists: the authorizer admits
 * signed-in people only to an existing organization.
 */
async function organizationTenant(role = 'admin'): Promise<Caller & { tenantId: string }> {
  const tenantId = await createOrganization(uniqueEmail('org-owner'));
  const token = issueDevelopmentCredential(
    { tenantId, principalId: newId('user'), role, scopes: ['*'] },
    inject('developmentCredentialSecret'),
  );
  return { tenantId, ...asPerson(token) };
}

/** An organization an operator created, whose owner accepted the invitation and signed in. */
async function newOrganization() {
  const ownerEmail = uniqueEmail('org-owner');
  const orgId = await createOrganization(ownerEmail);
  await accept(await invitationTokenFor(ownerEmail));
  return {
    orgId,
    ownerEmail,
    owner: asPerson(await signIn(ownerEmail)),
    operator: asPerson(await operatorSession()),
  };
}

describe('inviting users', () => {
  it('invites a person who accepts the emailed link, signs in, and then appears in the user list', async () => {
    const tenant = await organizationTenant();
    const email = uniqueEmail('ada');

    const invited = await tenant.call<Invitation>('POST', '/api/v1/users', {
      body: { email, name: 'Ada Lovelace', role: 'editor' },
    });
    const accepted = await accept(await invitationTokenFor(email));
    const me = await asPerson(await signIn(email)).call<Member>('GET', '/api/v1/users/me');
    const listed = await tenant.call<{ users: Member[] }>('GET', '/api/v1/users');

    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      id: expect.stringMatching(/^inv_/),
      email,
      name: 'Ada Lovelace',
      role: 'editor',
      status: 'pending',
    });
    expect(accepted.status).toBe(201);
    expect(me.body).toMatchObject({ id: accepted.body.id, email, role: 'editor' });
    expect(listed.body.users).toEqual([
      expect.objectContaining({ id: accepted.body.id, email, role: 'editor', status: 'active' }),
    ]);
  });

  it('refuses to invite an email that already belongs to a user of any organization, with 409', async () => {
    const first = newTenant();
    const { email } = await join(first, 'viewer');

    const response = await newTenant().call('POST', '/api/v1/users', { body: { email, role: 'viewer' } });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: { type: 'conflict', param: 'email' } });
  });

  it('refuses a second invitation to an email whose first is still pending, with 409', async () => {
    const tenant = newTenant();
    const email = uniqueEmail('twice');
    await tenant.call('POST', '/api/v1/users', { body: { email, role: 'viewer' } });

    const again = await tenant.call('POST', '/api/v1/users', { body: { email, role: 'editor' } });

    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { type: 'conflict', param: 'email' } });
  });

  it('lets only an owner invite an owner', async () => {
    const admin = newTenant({ role: 'admin' });

    const response = await admin.call('POST', '/api/v1/users', {
      body: { email: uniqueEmail('would-be-owner'), role: 'owner' },
    });

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: { type: 'permission_error' } });
  });
});

describe('changing roles', () => {
  it("gives a user the new role's scopes at once: the change flushes the authorizer cache", async () => {
    const tenant = await organizationTenant();
    const { id, person } = await join(tenant, 'viewer');
    const before = await person.call('GET', '/api/v1/users');

    const changed = await tenant.call<Member>('PATCH', `/api/v1/users/${id}`, { body: { role: 'admin' } });
    const after = await person.call('GET', '/api/v1/users');

    expect(before.status).toBe(403);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, role: 'admin' });
    expect(after.status).toBe(200);
  });

  it('refuses to let an admin make someone an owner', async () => {
    const admin = newTenant({ role: 'admin' });
    const { id } = await join(admin, 'editor');

    const response = await admin.call('PATCH', `/api/v1/users/${id}`, { body: { role: 'owner' } });

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: { type: 'permission_error' } });
  });

  it('refuses to let an admin remove an owner', async () => {
    const tenant = await organizationTenant('owner');
    const owner = await join(tenant, 'owner');
    const admin = await join(tenant, 'admin');

    const response = await admin.person.call('DELETE', `/api/v1/users/${owner.id}`);

    expect(response.status).toBe(403);
  });

  it('refuses to demote the last owner, with 409', async () => {
    const tenant = newTenant({ role: 'owner' });
    const { id } = await join(tenant, 'owner');

    const response = await tenant.call('PATCH', `/api/v1/users/${id}`, { body: { role: 'admin' } });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: { type: 'conflict', param: 'role' } });
  });

  it('lets an owner demote another owner while one remains', async () => {
    const tenant = await organizationTenant('owner');
    const first = await join(tenant, 'owner');
    const second = await join(tenant, 'owner');

    const response = await first.person.call<Member>('PATCH', `/api/v1/users/${second.id}`, {
      body: { role: 'admin' },
    });

    expect(response.status).toBe(200);
    expect(response.body.role).toBe('admin');
  });
});

describe('two owners demoting each other at once', () => {
  it('lets exactly one of them succeed, so the organization keeps an owner', async () => {
    const tenant = await organizationTenant('owner');
    const first = await join(tenant, 'owner');
    const second = await join(tenant, 'owner');

    const results = await Promise.all([
      first.person.call('PATCH', `/api/v1/users/${second.id}`, { body: { role: 'admin' } }),
      second.person.call('PATCH', `/api/v1/users/${first.id}`, { body: { role: 'admin' } }),
    ]);
    const listed = await tenant.call<{ users: Member[] }>('GET', '/api/v1/users');

    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    expect(listed.body.users.filter((user) => user.role === 'owner')).toHaveLength(1);
  });
});

describe('removing users', () => {
  it('refuses to remove the last owner, with 409', async () => {
    const tenant = newTenant({ role: 'owner' });
    const { id } = await join(tenant, 'owner');

    const response = await tenant.call('DELETE', `/api/v1/users/${id}`);

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: { type: 'conflict' } });
  });

  it('removes a user, whose token then stops working and who can no longer sign in', async () => {
    const tenant = await organizationTenant();
    const { id, email, person } = await join(tenant, 'viewer');

    const before = await person.call('GET', '/api/v1/users/me');

    const removed = await tenant.call('DELETE', `/api/v1/users/${id}`);
    const withOldToken = await person.call('GET', '/api/v1/users/me');
    const signIn = await request('POST', '/api/v1/login', { body: { email, password: PASSWORD } });
    const listed = await tenant.call<{ users: Member[] }>('GET', '/api/v1/users');

    expect(before.status).toBe(200);
    expect(removed.status).toBe(204);
    expect(withOldToken.status).toBe(401);
    expect(signIn.status).toBe(401);
    expect(listed.body.users).toEqual([]);
  });
});

describe('invitations', () => {
  it('lists invitations filtered by status', async () => {
    const tenant = newTenant();
    const kept = await tenant.call<Invitation>('POST', '/api/v1/users', {
      body: { email: uniqueEmail('kept'), role: 'viewer' },
    });
    const dropped = await tenant.call<Invitation>('POST', '/api/v1/users', {
      body: { email: uniqueEmail('dropped'), role: 'viewer' },
    });
    await tenant.call('DELETE', `/api/v1/invitations/${dropped.body.id}`);

    const pending = await tenant.call<{ invitations: Invitation[] }>(
      'GET',
      '/api/v1/invitations?status=pending',
    );
    const revoked = await tenant.call<{ invitations: Invitation[] }>(
      'GET',
      '/api/v1/invitations?status=revoked',
    );

    expect(pending.body.invitations.map((item) => item.id)).toEqual([kept.body.id]);
    expect(revoked.body.invitations.map((item) => item.id)).toEqual([dropped.body.id]);
  });

  it('resends an invitation with a new link, and the old link stops working', async () => {
    const tenant = newTenant();
    const email = uniqueEmail('resent');
    const invited = await tenant.call<Invitation>('POST', '/api/v1/users', {
      body: { email, role: 'viewer' },
    });
    const oldToken = await invitationTokenFor(email);

    const resent = await tenant.call<Invitation>('POST', `/api/v1/invitations/${invited.body.id}/resend`);
    const newToken = await invitationTokenFor(email);
    const withOld = await accept(oldToken);
    const withNew = await accept(newToken);

    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: invited.body.id, status: 'pending' });
    expect(newToken).not.toBe(oldToken);
    expect(withOld.status).toBe(404);
    expect(withNew.status).toBe(201);
  });

  it('revokes an invitation, whose link then stops working', async () => {
    const tenant = newTenant();
    const email = uniqueEmail('revoked');
    const invited = await tenant.call<Invitation>('POST', '/api/v1/users', {
      body: { email, role: 'viewer' },
    });
    const token = await invitationTokenFor(email);

    const revoked = await tenant.call('DELETE', `/api/v1/invitations/${invited.body.id}`);
    const accepted = await accept(token);

    expect(revoked.status).toBe(204);
    expect(accepted.status).toBe(404);
  });

  it('refuses to resend a revoked invitation, with 409', async () => {
    const tenant = newTenant();
    const invited = await tenant.call<Invitation>('POST', '/api/v1/users', {
      body: { email: uniqueEmail('gone'), role: 'viewer' },
    });
    await tenant.call('DELETE', `/api/v1/invitations/${invited.body.id}`);

    const response = await tenant.call('POST', `/api/v1/invitations/${invited.body.id}/resend`);

    expect(response.status).toBe(409);
  });
});

describe('the signed-in user', () => {
  it('shows a signed-in person their own profile', async () => {
    const { id, email, person } = await join(await organizationTenant(), 'editor');

    const response = await person.call('GET', '/api/v1/users/me');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id,
      email,
      name: null,
      role: 'editor',
      status: 'active',
      language: null,
      created_at: expect.any(String),
      // `join` signed the person in: the sign-in is stamped.
      last_login: expect.any(String),
    });
  });

  it('lets a signed-in person change their name and language', async () => {
    const { person } = await join(await organizationTenant(), 'member');

    const changed = await person.call('PATCH', '/api/v1/users/me', {
      body: { name: 'Grace Hopper', language: 'de' },
    });
    const read = await person.call('GET', '/api/v1/users/me');

    expect(changed.status).toBe(200);
    expect(read.body).toMatchObject({ name: 'Grace Hopper', language: 'de' });
  });

  it('refuses a language it does not offer, naming it', async () => {
    const { person } = await join(await organizationTenant(), 'member');

    const response = await person.call('PATCH', '/api/v1/users/me', { body: { language: 'es' } });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'language' } });
  });

  it('answers an API key 403, because a key is not a person', async () => {
    const tenant = newTenant();
    const created = await tenant.call<{ data: { apiKey: { key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      { body: { name: 'Robot', key_type: 'read_only' } },
    );

    const response = await request('GET', '/api/v1/users/me', { token: created.body.data.apiKey.key });

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      error: { type: 'permission_error', message: expect.stringContaining('API key') },
    });
  });
});

describe("seed 4's organization paths", () => {
  it("invites a member with seed 4's body and answers its pending_invite shape", async () => {
    const { orgId, owner } = await newOrganization();
    const email = uniqueEmail('bob');

    const response = await owner.call('POST', `/api/v1/organizations/${orgId}/members`, {
      body: { email, name: 'Bob Smith', role: 'member' },
    });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^usr_/),
      email,
      name: 'Bob Smith',
      role: 'member',
      status: 'pending_invite',
      invitation_sent_at: expect.any(String),
    });
  });

  it("lists members in seed 4's shape with a total", async () => {
    const { orgId, owner, ownerEmail } = await newOrganization();

    const response = await owner.call('GET', `/api/v1/organizations/${orgId}/members`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      members: [
        {
          id: expect.stringMatching(/^usr_/),
          email: ownerEmail,
          name: null,
          role: 'owner',
          status: 'active',
          created_at: expect.any(String),
          // `newOrganization` signed the owner in.
          last_login: expect.any(String),
          mfa_enabled: false,
        },
      ],
      total: 1,
      limit: 20,
      offset: 0,
      has_more: false,
      next_cursor: null,
    });
  });

  it("lists pending invitations in seed 4's shape with a total", async () => {
    const { orgId, owner } = await newOrganization();
    const email = uniqueEmail('charlie');
    await owner.call('POST', `/api/v1/organizations/${orgId}/members`, { body: { email, role: 'editor' } });

    const response = await owner.call('GET', `/api/v1/organizations/${orgId}/invitations?status=pending`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      invitations: [
        {
          id: expect.stringMatching(/^inv_/),
          email,
          role: 'editor',
          sent_at: expect.any(String),
          expires_at: expect.any(String),
          status: 'pending',
        },
      ],
      total: 1,
      limit: 20,
      offset: 0,
      has_more: false,
      next_cursor: null,
    });
  });

  it("changes a member's role through the organization path", async () => {
    const { orgId, owner } = await newOrganization();
    const { id } = await join(owner, 'viewer', `/api/v1/organizations/${orgId}/members`);

    const response = await owner.call('PATCH', `/api/v1/organizations/${orgId}/members/${id}`, {
      body: { role: 'editor' },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id, role: 'editor', mfa_enabled: false });
  });

  it('removes a member through the organization path', async () => {
    const { orgId, owner } = await newOrganization();
    const { id } = await join(owner, 'viewer', `/api/v1/organizations/${orgId}/members`);

    const removed = await owner.call('DELETE', `/api/v1/organizations/${orgId}/members/${id}`);
    const listed = await owner.call<{ total: number }>('GET', `/api/v1/organizations/${orgId}/members`);

    expect(removed.status).toBe(204);
    expect(listed.body.total).toBe(1);
  });

  it('resends and then revokes an invitation through the organization path', async () => {
    const { orgId, owner } = await newOrganization();
    const email = uniqueEmail('dana');
    await owner.call('POST', `/api/v1/organizations/${orgId}/members`, { body: { email, role: 'viewer' } });
    // The add-member answer names the member (`usr_…`); the invitation has its own id in the invitations list.
    const pending = await owner.call<{ invitations: { id: string; email: string }[] }>(
      'GET',
      `/api/v1/organizations/${orgId}/invitations?status=pending`,
    );
    const invited = { body: { id: pending.body.invitations.find((item) => item.email === email)?.id } };

    const resent = await owner.call(
      'POST',
      `/api/v1/organizations/${orgId}/invitations/${invited.body.id}/resend`,
    );
    const revoked = await owner.call(
      'DELETE',
      `/api/v1/organizations/${orgId}/invitations/${invited.body.id}`,
    );

    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: invited.body.id, status: 'pending' });
    expect(revoked.status).toBe(204);
  });

  it("answers 404 for another organization's id, as for one that does not exist", async () => {
    const { orgId } = await newOrganization();
    const stranger = newTenant();

    const members = await stranger.call('GET', `/api/v1/organizations/${orgId}/members`);
    const invite = await stranger.call('POST', `/api/v1/organizations/${orgId}/members`, {
      body: { email: uniqueEmail('intruder'), role: 'admin' },
    });

    expect(members.status).toBe(404);
    expect(invite.status).toBe(404);
  });

  it("lets a platform operator list any organization's members", async () => {
    const { orgId, operator: platformOperator } = await newOrganization();

    const response = await platformOperator.call<{ total: number }>(
      'GET',
      `/api/v1/organizations/${orgId}/members`,
    );

    expect(response.status).toBe(200);
    expect(response.body.total).toBe(1);
  });
});

describe('events', () => {
  it('records every change to people as a domain event in the outbox', async () => {
    const tenant = await organizationTenant();
    const { id, person } = await join(tenant, 'member');
    const invited = await tenant.call<Invitation>('POST', '/api/v1/users', {
      body: { email: uniqueEmail('evented'), role: 'viewer' },
    });

    await tenant.call('PATCH', `/api/v1/users/${id}`, { body: { role: 'editor' } });
    await person.call('PATCH', '/api/v1/users/me', { body: { language: 'fr' } });
    await tenant.call('POST', `/api/v1/invitations/${invited.body.id}/resend`);
    await tenant.call('DELETE', `/api/v1/invitations/${invited.body.id}`);
    await tenant.call('DELETE', `/api/v1/users/${id}`);
    const outbox = await partition(`${tenant.tenantId}#outbox`);

    expect(outbox.map((item) => (item.event as { type: string }).type).sort()).toEqual([
      'auth.login_succeeded', // the person signing in, for the audit log
      'invitation.resent',
      'invitation.revoked',
      'organization.created',
      'user.invited', // the organization's owner
      'user.invited',
      'user.invited',
      'user.joined',
      'user.removed',
      'user.role_changed',
      'user.updated',
    ]);
  });
});
