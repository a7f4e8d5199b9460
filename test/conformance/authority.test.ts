import { beforeAll, describe, expect, inject, it } from 'vitest';
import { routes } from '#services/registry';
import { issueDevelopmentCredential } from '#shared/auth/development-credential';
import { KEY_TYPES, ROLES } from '#shared/auth/scopes';
import { routeKey } from '#shared/http/route';
import { newId } from '#shared/ids';
import { openTrustCenter, submitAccessRequest } from '../support/access-requests.ts';
import { type ApiResponse, type RequestOptions, request } from '../support/api.ts';
import { invitationTokenFor, uniqueEmail } from '../support/people.ts';
import { errorFormat } from './route-requests.ts';

/**
 * The kind behind the authority faults of the pen test: a caller never creates, rotates, reveals, assigns or
 * forwards authority or data beyond its own scopes. Every route that writes keys, people, invitations,
 * webhooks or notification rules is probed here by a principal that holds the route's scope but not the
 * authority the request would hand out; a route of those resources missing from the tables below fails
 * the suite until it is considered.
 */

const PASSWORD = 'A-strong-passw0rd!';
/** Resources whose writes grant authority or forward data. */
const GRANTING_SCOPES = [
  'api_keys:write',
  'users:write',
  'webhooks:write',
  'notifications:write',
  // Approving, auto-approving and sharing hand documents out.
  'access_requests:write',
  'accounts:write',
];

interface Fixtures {
  tenantId: string;
  adminKeyId: string;
  adminMemberId: string;
  viewerMemberId: string;
  adminInvitationId: string;
  allEventsWebhookId: string;
  allEventsDeliveryId: string;
  platformKeyId: string;
  accountId: string;
  documentId: string;
  accessRequestId: string;
}

type Caller = <T = unknown>(
  method: string,
  path: string,
  options?: Omit<RequestOptions, 'token'>,
) => Promise<ApiResponse<T>>;

function credential(tenantId: string, scopes: readonly string[], role = 'custom', operator = false): Caller {
  const token = issueDevelopmentCredential(
    { tenantId, principalId: newId('user'), role, scopes: [...scopes], operator },
    inject('developmentCredentialSecret'),
  );
  return (method, path, options = {}) => request(method, path, { ...options, token });
}

/** What each limited principal holds: the route's own scope, not what the request would hand out. */
const KEYS_ONLY = ['api_keys:read', 'api_keys:write'];
const USERS_ONLY = ['users:read', 'users:write'];
const ACCOUNT_MANAGER = [...ROLES.account_manager.scopes];
const WEBHOOK_KEY = [...KEY_TYPES.webhook.scopes];
/** Customers' writes without the documents they would hand out. */
const CUSTOMERS_ONLY = ['accounts:read', 'accounts:write', 'access_requests:read', 'access_requests:write'];

interface Probe {
  route: string;
  name: string;
  scopes: readonly string[];
  /** A platform principal (an operator's platform key) rather than a tenant's. */
  operator?: true;
  send(call: Caller, fixtures: Fixtures): Promise<ApiResponse>;
}

const beyond: Probe[] = [
  {
    route: 'POST /api/v1/integrations/api-keys',
    name: 'mints an admin key',
    scopes: KEYS_ONLY,
    send: (call) => call('POST', '/api/v1/integrations/api-keys', { body: { name: 'x', role: 'admin' } }),
  },
  {
    route: 'POST /api/v1/integrations/api-keys/{id}/rotate',
    name: 'rotates an admin key and receives its new secret',
    scopes: KEYS_ONLY,
    send: (call, f) => call('POST', `/api/v1/integrations/api-keys/${f.adminKeyId}/rotate`),
  },
  {
    route: 'DELETE /api/v1/integrations/api-keys/{id}',
    name: 'revokes an admin key',
    scopes: KEYS_ONLY,
    send: (call, f) => call('DELETE', `/api/v1/integrations/api-keys/${f.adminKeyId}`),
  },
  {
    route: 'POST /api/v1/organizations/{org_id}/api-keys',
    name: 'mints a key with seed 3 admin scopes',
    scopes: KEYS_ONLY,
    send: (call, f) =>
      call('POST', `/api/v1/organizations/${f.tenantId}/api-keys`, {
        body: { name: 'x', scopes: ['admin:users'] },
      }),
  },
  {
    route: 'DELETE /api/v1/organizations/{org_id}/api-keys/{key_id}',
    name: 'revokes an admin key',
    scopes: KEYS_ONLY,
    send: (call, f) => call('DELETE', `/api/v1/organizations/${f.tenantId}/api-keys/${f.adminKeyId}`),
  },
  {
    route: 'PATCH /api/v1/access-requests/{id}',
    name: 'approves a request, handing out documents it may not read',
    scopes: CUSTOMERS_ONLY,
    send: (call, f) =>
      call('PATCH', `/api/v1/access-requests/${f.accessRequestId}`, { body: { review_status: 'approved' } }),
  },
  {
    route: 'PUT /api/v1/access-requests/auto-approval',
    name: 'sets rules that approve on its word',
    scopes: CUSTOMERS_ONLY,
    send: (call) =>
      call('PUT', '/api/v1/access-requests/auto-approval', {
        body: { allowed_domains: ['anyone.example'], approve_known_account_domains: true },
      }),
  },
  {
    route: 'PATCH /api/v1/accounts/{id}/documents',
    name: 'shares documents it may not read with an account',
    scopes: CUSTOMERS_ONLY,
    send: (call, f) =>
      call('PATCH', `/api/v1/accounts/${f.accountId}/documents`, {
        body: { document_ids: [f.documentId], access_level: 'restricted' },
      }),
  },
  {
    route: 'POST /api/v1/api-keys',
    name: 'mints a platform key with admin:orgs while holding admin:keys only',
    scopes: KEYS_ONLY,
    operator: true,
    send: (call) => call('POST', '/api/v1/api-keys', { body: { name: 'x', scopes: ['admin:orgs'] } }),
  },
  {
    route: 'DELETE /api/v1/api-keys/{id}',
    name: 'revokes a platform key holding more than it',
    scopes: KEYS_ONLY,
    operator: true,
    send: (call, f) => call('DELETE', `/api/v1/api-keys/${f.platformKeyId}`),
  },
  {
    route: 'POST /api/v1/users',
    name: 'invites an admin',
    scopes: USERS_ONLY,
    send: (call) =>
      call('POST', '/api/v1/users', {
        body: { email: uniqueEmail('authority', 'authority.example'), role: 'admin' },
      }),
  },
  {
    route: 'PATCH /api/v1/users/{id}',
    name: 'makes a viewer an admin',
    scopes: USERS_ONLY,
    send: (call, f) => call('PATCH', `/api/v1/users/${f.viewerMemberId}`, { body: { role: 'admin' } }),
  },
  {
    route: 'PATCH /api/v1/users/{id}',
    name: 'demotes an admin',
    scopes: USERS_ONLY,
    send: (call, f) => call('PATCH', `/api/v1/users/${f.adminMemberId}`, { body: { role: 'viewer' } }),
  },
  {
    route: 'DELETE /api/v1/users/{id}',
    name: 'removes an admin',
    scopes: USERS_ONLY,
    send: (call, f) => call('DELETE', `/api/v1/users/${f.adminMemberId}`),
  },
  {
    route: 'POST /api/v1/invitations/{id}/resend',
    name: 'resends an admin invitation (a new token for the admin role)',
    scopes: USERS_ONLY,
    send: (call, f) => call('POST', `/api/v1/invitations/${f.adminInvitationId}/resend`),
  },
  {
    route: 'DELETE /api/v1/invitations/{id}',
    name: 'revokes an admin invitation',
    scopes: USERS_ONLY,
    send: (call, f) => call('DELETE', `/api/v1/invitations/${f.adminInvitationId}`),
  },
  {
    route: 'POST /api/v1/organizations/{org_id}/members',
    name: 'adds an admin',
    scopes: USERS_ONLY,
    send: (call, f) =>
      call('POST', `/api/v1/organizations/${f.tenantId}/members`, {
        body: { email: uniqueEmail('authority', 'authority.example'), role: 'admin' },
      }),
  },
  {
    route: 'PATCH /api/v1/organizations/{org_id}/members/{user_id}',
    name: 'makes a viewer an admin',
    scopes: USERS_ONLY,
    send: (call, f) =>
      call('PATCH', `/api/v1/organizations/${f.tenantId}/members/${f.viewerMemberId}`, {
        body: { role: 'admin' },
      }),
  },
  {
    route: 'DELETE /api/v1/organizations/{org_id}/members/{user_id}',
    name: 'removes an admin',
    scopes: USERS_ONLY,
    send: (call, f) => call('DELETE', `/api/v1/organizations/${f.tenantId}/members/${f.adminMemberId}`),
  },
  {
    route: 'POST /api/v1/organizations/{org_id}/invitations/{invitation_id}/resend',
    name: 'resends an admin invitation',
    scopes: USERS_ONLY,
    send: (call, f) =>
      call('POST', `/api/v1/organizations/${f.tenantId}/invitations/${f.adminInvitationId}/resend`),
  },
  {
    route: 'DELETE /api/v1/organizations/{org_id}/invitations/{invitation_id}',
    name: 'revokes an admin invitation',
    scopes: USERS_ONLY,
    send: (call, f) =>
      call('DELETE', `/api/v1/organizations/${f.tenantId}/invitations/${f.adminInvitationId}`),
  },
  {
    route: 'PUT /api/v1/notifications/settings',
    name: 'forwards every event to its own address (rule `*`)',
    scopes: ACCOUNT_MANAGER,
    send: (call) =>
      call('PUT', '/api/v1/notifications/settings', {
        body: {
          channels: { email: { recipients: ['me@manager.example'] } },
          rules: [{ event: '*', channels: ['email'] }],
        },
      }),
  },
  {
    route: 'PUT /api/v1/notifications/settings',
    name: 'forwards API key events by their prefix',
    scopes: ACCOUNT_MANAGER,
    send: (call) =>
      call('PUT', '/api/v1/notifications/settings', {
        body: {
          channels: { email: { recipients: ['me@manager.example'] } },
          rules: [{ event: 'api_key.*', channels: ['email'] }],
        },
      }),
  },
  {
    route: 'POST /api/v1/webhooks',
    name: 'subscribes an endpoint to every event',
    scopes: WEBHOOK_KEY,
    send: (call) =>
      call('POST', '/api/v1/webhooks', { body: { url: 'http://127.0.0.1:9/hook', events: ['*'] } }),
  },
  {
    route: 'POST /api/v1/webhooks',
    name: 'subscribes an endpoint to invitations',
    scopes: WEBHOOK_KEY,
    send: (call) =>
      call('POST', '/api/v1/webhooks', {
        body: { url: 'http://127.0.0.1:9/hook', events: ['user.invited'] },
      }),
  },
  {
    route: 'PATCH /api/v1/webhooks/{id}',
    name: 'points an admin’s all-events endpoint at its own URL',
    scopes: WEBHOOK_KEY,
    send: (call, f) =>
      call('PATCH', `/api/v1/webhooks/${f.allEventsWebhookId}`, { body: { url: 'http://127.0.0.1:9/mine' } }),
  },
  {
    route: 'POST /api/v1/webhooks/{id}/rotate-secret',
    name: 'takes the signing secret of an all-events endpoint',
    scopes: WEBHOOK_KEY,
    send: (call, f) => call('POST', `/api/v1/webhooks/${f.allEventsWebhookId}/rotate-secret`),
  },
  {
    route: 'DELETE /api/v1/webhooks/{id}',
    name: 'deletes an all-events endpoint',
    scopes: WEBHOOK_KEY,
    send: (call, f) => call('DELETE', `/api/v1/webhooks/${f.allEventsWebhookId}`),
  },
  {
    route: 'POST /api/v1/webhooks/{id}/test',
    name: 'sends signed messages through an all-events endpoint',
    scopes: WEBHOOK_KEY,
    send: (call, f) => call('POST', `/api/v1/webhooks/${f.allEventsWebhookId}/test`),
  },
  {
    route: 'POST /api/v1/webhooks/{id}/deliveries/{delivery_id}/replay',
    name: 'replays a delivery of an all-events endpoint',
    scopes: WEBHOOK_KEY,
    send: (call, f) =>
      call('POST', `/api/v1/webhooks/${f.allEventsWebhookId}/deliveries/${f.allEventsDeliveryId}/replay`),
  },
];

/** Writes of granting resources that hand out nothing beyond what the caller already reaches. */
const grantsNothing: Record<string, string> = {
  'POST /api/v1/notifications/test': 'sends a fixed test message to the configured channels; no event data',
  'POST /api/v1/access-requests/{id}/revoke': 'takes access away',
  'POST /api/v1/ndas': 'publishes NDA text; grants nothing',
  ...Object.fromEntries(
    [
      'POST /api/v1/accounts',
      'POST /api/v1/accounts/bulk',
      'PATCH /api/v1/accounts/{id}',
      'DELETE /api/v1/accounts/{id}',
      'POST /api/v1/accounts/{id}/contacts',
      'PATCH /api/v1/accounts/{id}/contacts/{contact_id}',
      'DELETE /api/v1/accounts/{id}/contacts/{contact_id}',
    ].map((route) => [
      route,
      'customer records; an account’s domains and NDA matter only to auto-approval rules, which a caller holding documents:read set',
    ]),
  ),
};

/** The same principals stay useful within their own authority. */
const within: Probe[] = [
  {
    route: 'POST /api/v1/integrations/api-keys',
    name: 'mints a key with its own scopes',
    scopes: KEYS_ONLY,
    send: (call) =>
      call('POST', '/api/v1/integrations/api-keys', { body: { name: 'x', scopes: ['api_keys:read'] } }),
  },
  {
    route: 'PUT /api/v1/notifications/settings',
    name: 'forwards access requests and account events',
    scopes: ACCOUNT_MANAGER,
    send: (call) =>
      call('PUT', '/api/v1/notifications/settings', {
        body: {
          channels: { email: { recipients: ['me@manager.example'] } },
          rules: [
            { event: 'access_request.*', channels: ['email'] },
            { event: 'account.created', channels: ['email'] },
          ],
        },
      }),
  },
  {
    route: 'POST /api/v1/webhooks',
    name: 'subscribes an endpoint to account and document events',
    scopes: WEBHOOK_KEY,
    send: (call) =>
      call('POST', '/api/v1/webhooks', {
        body: { url: 'http://127.0.0.1:9/hook', events: ['account.created', 'document.uploaded'] },
      }),
  },
];

async function member(owner: Caller, role: string): Promise<string> {
  const email = uniqueEmail('authority', 'authority.example');
  expect((await owner('POST', '/api/v1/users', { body: { email, role } })).status).toBe(201);
  const accepted = await request<{ id: string }>('POST', '/api/v1/invitations/accept', {
    body: { token: await invitationTokenFor(email), password: PASSWORD },
  });
  expect(accepted.status, accepted.text).toBe(201);
  return accepted.body.id;
}

/** A tenant holding things above the limited principals: an admin key, members, an invitation, an endpoint. */
async function fixtures(): Promise<Fixtures> {
  // A real organization, so the seed 4 routes under /organizations/{org_id} find it.
  const operator = issueDevelopmentCredential(
    {
      tenantId: 'platform',
      principalId: newId('user'),
      role: 'platform_operator',
      scopes: ['*'],
      operator: true,
    },
    inject('developmentCredentialSecret'),
  );
  const organization = await request<{ id: string }>('POST', '/api/v1/organizations', {
    token: operator,
    // Business: room for the members it invites (the free plan allows 3).
    body: { name: 'Authority Org', email: uniqueEmail('authority', 'authority.example'), plan: 'business' },
  });
  expect(organization.status, organization.text).toBe(201);
  const tenantId = organization.body.id;
  const platformKey = await request<{ id: string }>('POST', '/api/v1/api-keys', {
    token: operator,
    body: { name: 'Platform automation', scopes: ['admin:orgs', 'admin:keys'] },
  });
  expect(platformKey.status, platformKey.text).toBe(201);
  const owner = credential(tenantId, ['*'], 'owner');
  const key = await owner<{ data: { apiKey: { id: string } } }>('POST', '/api/v1/integrations/api-keys', {
    body: { name: 'Admin integration', role: 'admin' },
  });
  expect(key.status, key.text).toBe(201);
  const invitation = await owner<{ id: string }>('POST', '/api/v1/users', {
    body: { email: uniqueEmail('authority', 'authority.example'), role: 'admin' },
  });
  expect(invitation.status, invitation.text).toBe(201);
  const webhook = await owner<{ id: string }>('POST', '/api/v1/webhooks', {
    body: { url: 'http://127.0.0.1:9/all', events: ['*'] },
  });
  expect(webhook.status, webhook.text).toBe(201);
  const ping = await owner<{ id: string }>('POST', `/api/v1/webhooks/${webhook.body.id}/test`);
  expect(ping.status, ping.text).toBeLessThan(300);
  await openTrustCenter({ tenantId });
  const account = await owner<{ id: string }>('POST', '/api/v1/accounts', { body: { title: 'Customer' } });
  const document = await owner<{ id: string }>('POST', '/api/v1/documents', {
    body: { title: 'Pen test', access_level: 'restricted' },
  });
  const submitted = await submitAccessRequest(
    { tenantId },
    {
      name: 'Ada Visitor',
      email: uniqueEmail('visitor', 'visitor.example'),
      company: 'Visitor Ltd',
      document_ids: [document.body.id],
    },
  );
  expect(submitted.status, submitted.text).toBe(201);
  return {
    tenantId,
    accountId: account.body.id,
    documentId: document.body.id,
    accessRequestId: submitted.body.id,
    adminKeyId: key.body.data.apiKey.id,
    adminMemberId: await member(owner, 'admin'),
    viewerMemberId: await member(owner, 'viewer'),
    adminInvitationId: invitation.body.id,
    allEventsWebhookId: webhook.body.id,
    allEventsDeliveryId: ping.body.id,
    platformKeyId: platformKey.body.id,
  };
}

let tenant: Promise<Fixtures> | undefined;
const shared = () => {
  tenant ??= fixtures();
  return tenant;
};

describe('authority: nothing beyond the caller’s own scopes', () => {
  beforeAll(async () => {
    await shared();
  }, 120_000);

  it('probes every write of keys, people, invitations, webhooks and notification rules', () => {
    const probed = new Set([...beyond.map((probe) => probe.route), ...Object.keys(grantsNothing)]);
    const granting = routes
      .filter((route) => route.scope !== undefined && GRANTING_SCOPES.includes(route.scope))
      .map(routeKey);
    expect(granting.filter((key) => !probed.has(key))).toEqual([]);
    for (const probe of [...beyond, ...within]) expect(granting).toContain(probe.route);
  });

  it.each(beyond.map((probe) => [`${probe.route}: ${probe.name}`, probe] as const))(
    'refuses %s',
    async (_, probe) => {
      const f = await shared();
      const caller = probe.operator
        ? credential('platform', probe.scopes, 'platform_operator', true)
        : credential(f.tenantId, probe.scopes);
      const response = await probe.send(caller, f);

      expect(response.status, response.text).toBe(403);
      expect(errorFormat.parse(response.body).error.type).toBe('permission_error');
    },
  );

  it.each(within.map((probe) => [`${probe.route}: ${probe.name}`, probe] as const))(
    'allows %s',
    async (_, probe) => {
      const f = await shared();
      const response = await probe.send(credential(f.tenantId, probe.scopes), f);

      expect(response.status, response.text).toBeLessThan(300);
    },
  );

  it('leaves what the refused requests aimed at as it was', async () => {
    const f = await shared();
    const owner = credential(f.tenantId, ['*'], 'owner');

    const keys = await owner<{ api_keys: { id: string; status: string }[] }>(
      'GET',
      '/api/v1/integrations/api-keys?limit=100',
    );
    expect(keys.body.api_keys.find((key) => key.id === f.adminKeyId)?.status).toBe('active');
    expect((await owner<{ role: string }>('GET', `/api/v1/users/${f.adminMemberId}`)).body.role).toBe(
      'admin',
    );
    expect((await owner<{ role: string }>('GET', `/api/v1/users/${f.viewerMemberId}`)).body.role).toBe(
      'viewer',
    );
    const webhook = await owner<{ url: string }>('GET', `/api/v1/webhooks/${f.allEventsWebhookId}`);
    expect(webhook.body.url).toBe('http://127.0.0.1:9/all');
    const accessRequest = await owner<{ review_status: string }>(
      'GET',
      `/api/v1/access-requests/${f.accessRequestId}`,
    );
    expect(accessRequest.body.review_status).toBe('to_review');
    const sharedDocuments = await owner<{ documents: unknown[] }>(
      'GET',
      `/api/v1/accounts/${f.accountId}/documents`,
    );
    expect(sharedDocuments.body.documents).toEqual([]);
  });
});
