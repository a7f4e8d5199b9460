import { describe, expect, inject, it } from 'vitest';
import { issueDevelopmentCredential } from '#shared/auth/development-credential';
import { ROLES } from '#shared/auth/scopes';
import { newId } from '#shared/ids';
import { type ApiResponse, type RequestOptions, request } from '../support/api.ts';
import { invitationTokenFor, uniqueEmail } from '../support/people.ts';

/**
 * Seed 4's members as its clients use them (issue 10, item 8): the id the add-member call answers is the
 * member's, `pending_invite` until the invitation is accepted and the same id after; `member` is a role of
 * its own; a sign-in stamps `last_login`.
 */
const operator = inject('operator');
const PASSWORD = 'A-strong-passw0rd!';

type Call = <T = unknown>(
  method: string,
  path: string,
  options?: Omit<RequestOptions, 'token'>,
) => Promise<ApiResponse<T>>;

interface SeedMember {
  id: string;
  email: string;
  name: string | null;
  role: string;
  status: string;
  created_at: string;
  last_login: string | null;
  mfa_enabled: boolean;
}
interface MemberList {
  members: SeedMember[];
  total: number;
}

const as =
  (token: string): Call =>
  (method, path, options = {}) =>
    request(method, path, { ...options, token });

async function signIn(email: string, password = PASSWORD): Promise<string> {
  const response = await request<{ accessToken: string }>('POST', '/api/v1/login', {
    body: { email, password },
  });
  expect(response.status, response.text).toBe(200);
  return response.body.accessToken;
}

function accept(token: string) {
  return request<{ id: string; status: string }>('POST', '/api/v1/invitations/accept', {
    body: { token, password: PASSWORD },
  });
}

let operatorToken: Promise<string> | undefined;

/** An organization an operator created, whose owner accepted and signed in (seed 4's `Bearer` caller). */
async function newOrganization() {
  operatorToken ??= signIn(operator.email, operator.password);
  const ownerEmail = uniqueEmail('seed4-owner');
  const created = await request<{ id: string }>('POST', '/api/v1/organizations', {
    token: await operatorToken,
    body: { name: 'Seed 4 Org', email: ownerEmail, plan: 'enterprise' },
  });
  expect(created.status, created.text).toBe(201);
  expect((await accept(await invitationTokenFor(ownerEmail))).status).toBe(201);
  const orgId = created.body.id;
  return {
    orgId,
    ownerEmail,
    owner: as(await signIn(ownerEmail)),
    members: `/api/v1/organizations/${orgId}/members`,
  };
}

describe("seed 4's member flow, as the seed shows it", () => {
  it('adds a member who is listed pending, changes their role, sees them join under the same id, and removes them', async () => {
    const { orgId, owner, members } = await newOrganization();
    const email = uniqueEmail('bob');

    // POST /v1/organizations/{org_id}/members {"email", "name", "role": "member"}
    const added = await owner<Record<string, unknown>>('POST', members, {
      body: { email, name: 'Bob Smith', role: 'member' },
    });
    const id = String(added.body.id);
    // Seed 4's complete user invite flow: pending invitations, then the updated member count.
    const invitations = await owner<{ invitations: { email: string; status: string; role: string }[] }>(
      'GET',
      `/api/v1/organizations/${orgId}/invitations`,
    );
    const organization = await owner<{ members_count: number }>('GET', `/api/v1/organizations/${orgId}`);
    const listedPending = await owner<MemberList>('GET', members);
    // PATCH /v1/organizations/{org_id}/members/{user_id} {"role": "editor"}
    const changed = await owner<SeedMember>('PATCH', `${members}/${id}`, { body: { role: 'editor' } });
    const accepted = await accept(await invitationTokenFor(email));
    const listedActive = await owner<MemberList>('GET', members);
    // DELETE /v1/organizations/{org_id}/members/{user_id}
    const removed = await owner('DELETE', `${members}/${id}`);
    const listedAfter = await owner<MemberList>('GET', members);

    expect(added.status, added.text).toBe(201);
    expect(added.body).toEqual({
      id: expect.stringMatching(/^usr_/),
      email,
      name: 'Bob Smith',
      role: 'member',
      status: 'pending_invite',
      invitation_sent_at: expect.any(String),
    });
    expect(invitations.body.invitations.filter((item) => item.status === 'pending')).toEqual([
      expect.objectContaining({ email, role: 'member' }),
    ]);
    expect(organization.body.members_count).toBe(2);
    expect(listedPending.body.total).toBe(2);
    expect(listedPending.body.members).toContainEqual({
      id,
      email,
      name: 'Bob Smith',
      role: 'member',
      status: 'pending_invite',
      created_at: expect.any(String),
      last_login: null,
      mfa_enabled: false,
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ id, role: 'editor', status: 'pending_invite' });
    expect(accepted.status, accepted.text).toBe(201);
    expect(accepted.body).toMatchObject({ id, status: 'active' });
    expect(listedActive.status, listedActive.text).toBe(200);
    expect(listedActive.body.members).toContainEqual(
      expect.objectContaining({ id, email, role: 'editor', status: 'active' }),
    );
    expect(removed.status, removed.text).toBe(204);
    expect(listedAfter.body.total).toBe(1);
    expect(listedAfter.body.members.map((member) => member.id)).not.toContain(id);
  });

  it('gives the invitation the role a pending member was given, so the person joins with it', async () => {
    const { owner, members } = await newOrganization();
    const email = uniqueEmail('carol');
    const added = await owner<{ id: string }>('POST', members, { body: { email, role: 'viewer' } });

    await owner('PATCH', `${members}/${added.body.id}`, { body: { role: 'member' } });
    const pending = await owner<{ invitations: { email: string; role: string }[] }>(
      'GET',
      `${members.replace('/members', '/invitations')}?status=pending`,
    );
    await accept(await invitationTokenFor(email));
    const me = await as(await signIn(email))<{ id: string; role: string }>('GET', '/api/v1/users/me');

    expect(pending.body.invitations).toEqual([expect.objectContaining({ email, role: 'member' })]);
    expect(me.body).toMatchObject({ id: added.body.id, role: 'member' });
  });

  it('revokes the invitation when a pending member is removed: the link stops working', async () => {
    const { owner, members } = await newOrganization();
    const email = uniqueEmail('dave');
    const added = await owner<{ id: string }>('POST', members, { body: { email, role: 'editor' } });
    const token = await invitationTokenFor(email);

    const removed = await owner('DELETE', `${members}/${added.body.id}`);
    const listed = await owner<MemberList>('GET', members);
    const invitations = await owner<{ invitations: { email: string; status: string }[] }>(
      'GET',
      members.replace('/members', '/invitations'),
    );
    const accepted = await accept(token);

    expect(removed.status, removed.text).toBe(204);
    expect(listed.body.total).toBe(1);
    expect(invitations.body.invitations).toEqual([
      expect.objectContaining({ email, status: 'revoked' }),
      expect.anything(), // the owner's, accepted
    ]);
    expect(accepted.status).toBe(404);
  });

  it('takes the pending member out of the members list when the invitation is revoked by its own id', async () => {
    const { orgId, owner, members } = await newOrganization();
    const email = uniqueEmail('erin');
    await owner('POST', members, { body: { email, role: 'viewer' } });
    const invitations = await owner<{ invitations: { id: string; email: string }[] }>(
      'GET',
      `/api/v1/organizations/${orgId}/invitations?status=pending`,
    );
    const invitationId = invitations.body.invitations.find((item) => item.email === email)?.id;

    const revoked = await owner('DELETE', `/api/v1/organizations/${orgId}/invitations/${invitationId}`);
    const listed = await owner<MemberList>('GET', members);

    expect(revoked.status, revoked.text).toBe(204);
    expect(listed.body.members.map((member) => member.email)).not.toContain(email);
  });

  it("refuses a pending member's role change or removal beyond the caller's own authority", async () => {
    const { orgId, owner, members } = await newOrganization();
    const added = await owner<{ id: string }>('POST', members, {
      body: { email: uniqueEmail('pending-admin'), role: 'admin' },
    });
    const limited = as(
      issueDevelopmentCredential(
        {
          tenantId: orgId,
          principalId: newId('user'),
          role: 'custom',
          scopes: ['users:read', 'users:write'],
        },
        inject('developmentCredentialSecret'),
      ),
    );

    const demoted = await limited('PATCH', `${members}/${added.body.id}`, { body: { role: 'viewer' } });
    const removed = await limited('DELETE', `${members}/${added.body.id}`);
    const listed = await owner<MemberList>('GET', members);

    expect(demoted.status, demoted.text).toBe(403);
    expect(removed.status, removed.text).toBe(403);
    expect(listed.body.members).toContainEqual(
      expect.objectContaining({ id: added.body.id, role: 'admin', status: 'pending_invite' }),
    );
  });

  it("keeps seed 1's users list to people who joined; the invited are its invitations", async () => {
    const { owner, members } = await newOrganization();
    const added = await owner<{ id: string }>('POST', members, {
      body: { email: uniqueEmail('frank'), role: 'viewer' },
    });

    const users = await owner<{ users: { id: string }[] }>('GET', '/api/v1/users');
    const user = await owner('GET', `/api/v1/users/${added.body.id}`);

    expect(users.body.users.map((item) => item.id)).not.toContain(added.body.id);
    expect(user.status).toBe(404);
  });
});

describe('the member role', () => {
  async function joined(role: string) {
    const { owner, members } = await newOrganization();
    const email = uniqueEmail(role);
    await owner('POST', members, { body: { email, role } });
    await accept(await invitationTokenFor(email));
    return as(await signIn(email));
  }

  it('is listed by GET /roles beside viewer, with scopes of its own', async () => {
    const { owner } = await newOrganization();

    const response = await owner<{ roles: { name: string; scopes: string[] }[] }>('GET', '/api/v1/roles');
    const byName = new Map(response.body.roles.map((role) => [role.name, role.scopes]));

    expect([...byName.keys()]).toEqual(Object.keys(ROLES));
    expect(byName.get('member')).toEqual([...ROLES.member.scopes]);
    expect(byName.get('member')).not.toEqual(byName.get('viewer'));
  });

  it('is stored as member, not as viewer', async () => {
    const person = await joined('member');

    const me = await person<{ role: string }>('GET', '/api/v1/users/me');

    expect(me.body.role).toBe('member');
  });

  it('reads content, customer accounts and analytics, and changes none of them', async () => {
    const person = await joined('member');

    const documents = await person('GET', '/api/v1/documents');
    const accounts = await person('GET', '/api/v1/accounts');
    const createdDocument = await person('POST', '/api/v1/documents', {
      body: { title: 'Not mine to add', access_level: 'public' },
    });
    const invited = await person('POST', '/api/v1/users', {
      body: { email: uniqueEmail('nope'), role: 'viewer' },
    });

    expect(documents.status, documents.text).toBe(200);
    expect(accounts.status, accounts.text).toBe(200);
    expect(createdDocument.status).toBe(403);
    expect(invited.status).toBe(403);
  });

  it('manages its own settings, which a viewer (read-only) may not', async () => {
    const member = await joined('member');
    const viewer = await joined('viewer');

    const asMember = await member('PATCH', '/api/v1/users/me', { body: { language: 'de' } });
    const asViewer = await viewer('PATCH', '/api/v1/users/me', { body: { language: 'de' } });
    const viewerReads = await viewer('GET', '/api/v1/users/me');

    expect(asMember.status, asMember.text).toBe(200);
    expect(asViewer.status).toBe(403);
    expect(viewerReads.status).toBe(200);
  });
});

describe('last_login', () => {
  it('is stamped by each sign-in and shown in the member views of seed 1 and seed 4', async () => {
    const { owner, members } = await newOrganization();
    const email = uniqueEmail('grace');
    const added = await owner<{ id: string }>('POST', members, { body: { email, role: 'editor' } });
    await accept(await invitationTokenFor(email));
    const before = await owner<MemberList>('GET', members);
    const startedAt = new Date();

    const person = as(await signIn(email));
    const me = await person<{ last_login: string | null }>('GET', '/api/v1/users/me');
    const seed1 = await owner<{ last_login: string | null }>('GET', `/api/v1/users/${added.body.id}`);
    const seed4 = await owner<MemberList>('GET', members);

    expect(before.body.members.find((member) => member.id === added.body.id)?.last_login).toBeNull();
    expect(new Date(me.body.last_login ?? 0).getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1000);
    expect(seed1.body.last_login).toBe(me.body.last_login);
    expect(seed4.body.members.find((member) => member.id === added.body.id)?.last_login).toBe(
      me.body.last_login,
    );
  });
});
