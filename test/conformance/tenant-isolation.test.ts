import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { Route } from '#shared/http/route';
import { ID_PREFIXES, type IdKind } from '#shared/ids';
import { makeAccessRequest } from '../support/access-requests.ts';
import { newTenant, type TestTenant } from '../support/api.ts';
import { giveOrganization, uniqueSlug } from '../support/brand.ts';
import { makeSubprocessorSubscription } from '../support/subprocessor-subscriptions.ts';
import { requestOnHost, trustCenterHost } from '../support/trust-center.ts';
import { allRoutes, fillPath, pathParameterNames, queryFields, visitorRoutes } from './route-requests.ts';

/**
 * Every route of the route table, called with a second tenant's credential against the first tenant's
 * ids and cursors: never data, never a change. The only per-resource code is how to make one resource
 * of each id kind (below); which routes take which ids is read from their parameter schemas.
 */
let sent = 0;
let owner: TestTenant;
let stranger: TestTenant;
const ownerIds = new Map<string, string>();

/** How the first tenant makes one resource of each kind; a new resource kind adds one line here. */
const makers: Partial<Record<IdKind | 'domain', (tenant: TestTenant) => Promise<string>>> = {
  account: async (tenant) =>
    (await tenant.call<{ id: string }>('POST', '/api/v1/accounts', { body: { title: 'Isolated' } })).body.id,
  // A contact lives in its own account; contact routes take that account's id too, from `account` above.
  contact: async (tenant) =>
    (
      await tenant.call<{ contacts: { id: string }[] }>('POST', '/api/v1/accounts', {
        body: {
          title: 'Isolated',
          contacts: [{ email: 'isolated@example.com', first_name: 'Iso', last_name: 'Lated' }],
        },
      })
    ).body.contacts[0]?.id ?? '',
  apiKey: async (tenant) =>
    (
      await tenant.call<{ data: { apiKey: { id: string } } }>('POST', '/api/v1/integrations/api-keys', {
        body: { name: 'Isolated', key_type: 'read_only' },
      })
    ).body.data.apiKey.id,
  user: async (tenant) => {
    const email = `isolated-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
    await tenant.call('POST', '/api/v1/users', { body: { email, role: 'viewer' } });
    const mail = await tenant.call<{ emails: unknown[] }>('GET', '/_local/mail');
    const message = mail.body.emails.filter((item) => JSON.stringify(item).includes(email)).at(-1);
    const token = JSON.stringify(message ?? {}).match(/token=([A-Za-z0-9%]+)/)?.[1] ?? '';
    const accepted = await tenant.call<{ id: string }>('POST', '/api/v1/invitations/accept', {
      body: { token: decodeURIComponent(token), password: 'A-strong-passw0rd!' },
    });
    return accepted.body.id;
  },
  certification: async (tenant) =>
    (
      await tenant.call<{ id: string }>('POST', '/api/v1/certifications', {
        body: {
          framework: 'ISO 27001',
          issuer: 'Isolated',
          issued_at: '2025-01-01',
          expires_at: '2028-01-01',
        },
      })
    ).body.id,
  document: async (tenant) =>
    (
      await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
        body: { title: 'Isolated', access_level: 'requires_nda' },
      })
    ).body.id,
  // An upload lives in its own document; upload routes take that document's id too, from `document` above.
  upload: async (tenant) => {
    const document = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
      body: { title: 'Isolated upload', access_level: 'requires_nda' },
    });
    return (
      await tenant.call<{ upload_id: string }>('POST', `/api/v1/documents/${document.body.id}/upload-url`, {
        body: { content_type: 'application/pdf', size_bytes: 1024 },
      })
    ).body.upload_id;
  },
  faq: async (tenant) =>
    (
      await tenant.call<{ id: string }>('POST', '/api/v1/faqs', {
        body: { question: 'Isolated?', answer: 'Yes.' },
      })
    ).body.id,
  subprocessor: async (tenant) =>
    (
      await tenant.call<{ id: string }>('POST', '/api/v1/subprocessors', {
        body: { name: 'Isolated', purpose: 'Hosting', data_categories: ['Contact data'], location: 'DE' },
      })
    ).body.id,
  invitation: async (tenant) =>
    (
      await tenant.call<{ id: string }>('POST', '/api/v1/users', {
        body: {
          email: `isolated-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`,
          role: 'viewer',
        },
      })
    ).body.id,
  // Submitted through the public form (with a solved proof of work); also publishes and accepts an NDA.
  accessRequest: makeAccessRequest,
  // The monthly job invoices real organizations only: one on a paid plan, invoiced for a past month.
  invoice: async () => {
    const operator = newTenant({ operator: true });
    const organization = await operator.call<{ id: string }>('POST', '/api/v1/organizations', {
      body: {
        name: 'Isolated',
        email: `isolated-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`,
        plan: 'business',
      },
    });
    await operator.call('POST', '/_local/jobs/monthly-invoices?now=2024-01-01T00:30:00Z');
    const listed = await operator.call<{ invoices: { id: string }[] }>(
      'GET',
      `/api/v1/organizations/${organization.body.id}/invoices`,
    );
    return listed.body.invoices[0]?.id ?? '';
  },
  subprocessorSubscription: makeSubprocessorSubscription,
  knowledgeBase: async (tenant) =>
    (
      await tenant.call<{ id: string }>('POST', '/api/v1/knowledge-base', {
        body: { question: 'Isolated?', answer: 'Yes.' },
      })
    ).body.id,
  // A custom domain of the brand, named by its host (custom domains need a paid plan's organization).
  domain: async (tenant) => {
    await giveOrganization(tenant, { plan: 'business' });
    const host = `${uniqueSlug('iso')}.example.com`;
    await tenant.call('POST', '/api/v1/brand/domains', { body: { host } });
    return host;
  },
  // An export of the tenant's organization, asked by an operator (development credentials are never owners).
  organizationExport: async (tenant) => {
    await giveOrganization(tenant, { plan: 'business' });
    const operator = newTenant({ operator: true });
    const path = `/api/v1/organizations/${tenant.tenantId}/export`;
    return (await operator.call<{ id: string }>('POST', path)).body.id;
  },
  // Nothing listens on port 9: the endpoint exists, its deliveries fail fast.
  webhook: async (tenant) =>
    (
      await tenant.call<{ id: string }>('POST', '/api/v1/webhooks', {
        body: { url: 'http://127.0.0.1:9/isolated', events: ['account.deleted'] },
      })
    ).body.id,
  // A delivery lives in its own endpoint; delivery routes take that endpoint's id too, from `webhook` above.
  webhookDelivery: async (tenant) => {
    const endpoint = await tenant.call<{ id: string }>('POST', '/api/v1/webhooks', {
      body: { url: 'http://127.0.0.1:9/isolated', events: ['account.deleted'] },
    });
    return (await tenant.call<{ id: string }>('POST', `/api/v1/webhooks/${endpoint.body.id}/test`)).body.id;
  },
};

/** The id kind a path parameter takes, read from the `^prefix_` pattern of its schema; `host` is a domain. */
function kindOf(route: Route, parameter: string): IdKind | 'organization' | 'domain' | undefined {
  if (parameter === 'host') return 'domain';
  const schema = route.request?.params;
  if (!schema) return undefined;
  const json = z.toJSONSchema(schema, { unrepresentable: 'any' }) as {
    properties?: Record<string, { pattern?: string }>;
  };
  const prefix = json.properties?.[parameter]?.pattern?.match(/^\^([a-z]+)_/)?.[1];
  return (
    (Object.entries(ID_PREFIXES).find(([, value]) => value === prefix)?.[0] as IdKind | undefined) ??
    undefined
  );
}

beforeAll(async () => {
  owner = newTenant();
  stranger = newTenant();
  for (const [kind, make] of Object.entries(makers)) {
    ownerIds.set(kind, await make(owner));
    await make(owner); // a second one, so every owner list has a next page and a cursor
  }
  // The owner's organization id is its tenant id; it addresses the owner's org routes.
  ownerIds.set('organization', owner.tenantId);
  // Lists fed by events (the audit log) hold the owner's items only once every event is handled.
  await owner.call('POST', '/_local/events/settle');
});

afterAll(() => {
  console.log(`conformance/tenant-isolation: ${sent} requests sent`);
});

/** Lists a tenant sees at most one item of (its own organization): no page of theirs has a cursor to reuse. */
const ONE_ITEM_LISTS = new Set(['listOrganizations']);
const isPagedList = (route: Route) =>
  route.method === 'GET' && pathParameterNames(route).length === 0 && queryFields(route).includes('cursor');
// Routes that take neither an id nor a cursor (creates, the role list) address nothing of another tenant.
const tenantRoutes = allRoutes.filter(
  (route) => route.auth === 'tenant' && (pathParameterNames(route).length > 0 || isPagedList(route)),
);

describe.each(tenantRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_, route) => {
    const parameters = pathParameterNames(route);

    if (parameters.length > 0) {
      it("answers 404 to another tenant's ids, and changes nothing", async () => {
        const path = fillPath(route, (name) => {
          const kind = kindOf(route, name);
          const id = kind ? ownerIds.get(kind) : undefined;
          if (!id) throw new Error(`No maker for the id kind of ${route.path} {${name}}: add one to makers`);
          return id;
        });

        const response = await stranger.call(route.method, path, {
          body: route.request?.body ? { name: 'x', title: 'x' } : undefined,
        });
        sent += 1;

        expect([404, 400], response.text).toContain(response.status);
        for (const id of ownerIds.values()) expect(response.text).not.toContain(id);
      });
    }

    if (isPagedList(route) && ONE_ITEM_LISTS.has(route.operationId)) {
      it("lists none of another tenant's items", async () => {
        const plain = await stranger.call('GET', route.path);
        sent += 1;

        expect(plain.status).toBe(200);
        for (const id of ownerIds.values()) expect(plain.text).not.toContain(id);
      });
    }

    if (isPagedList(route) && !ONE_ITEM_LISTS.has(route.operationId)) {
      it("refuses another tenant's cursor with 400 and lists none of its items", async () => {
        const ownerPage = await owner.call<{ next_cursor: string | null }>('GET', `${route.path}?limit=1`);
        const cursor = ownerPage.body.next_cursor;

        const withCursor = await stranger.call(
          'GET',
          `${route.path}?limit=1&cursor=${encodeURIComponent(cursor ?? '')}`,
        );
        const plain = await stranger.call('GET', route.path);
        sent += 2;

        expect(cursor, `${route.path} gave the owner no cursor`).toEqual(expect.any(String));
        expect(withCursor.status).toBe(400);
        expect(plain.status).toBe(200);
        for (const id of ownerIds.values()) expect(plain.text).not.toContain(id);
      });
    }
  },
);

// Visitor routes take no credential: the host names the tenant. On another tenant's host they show
// nothing of this one. Which query and body they need is read from their schemas (a search term, a
// JSON-RPC call for the MCP server).

function visitorRequest(route: Route): { path: string; body?: string; headers: Record<string, string> } {
  const query = queryFields(route).includes('q') ? '?q=isolated' : '';
  if (route.method !== 'POST') return { path: `${route.path}${query}`, headers: {} };
  return {
    path: route.path,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'list_subprocessors', arguments: {} },
    }),
  };
}

describe.each(visitorRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s on a host',
  (_, route) => {
    it("shows nothing of a tenant on another tenant's host", async () => {
      const { path, ...options } = visitorRequest(route);

      const response = await requestOnHost(route.method, await trustCenterHost(stranger), path, options);
      sent += 1;

      expect(response.status, response.text).toBeLessThan(500);
      for (const id of ownerIds.values()) expect(response.text).not.toContain(id);
    });
  },
);

describe("visitor routes on the owner's host", () => {
  it('show its content, so the isolation checks above can fail', async () => {
    const host = await trustCenterHost(owner);
    const answers = await Promise.all(
      visitorRoutes.map((route) => {
        const { path, ...options } = visitorRequest(route);
        return requestOnHost(route.method, host, path, options);
      }),
    );
    sent += answers.length;

    const shown = [...ownerIds.values()].filter((id) => answers.some((answer) => answer.text.includes(id)));
    expect(shown).toEqual(
      expect.arrayContaining([
        ownerIds.get('certification'),
        ownerIds.get('subprocessor'),
        ownerIds.get('knowledgeBase'),
      ]),
    );
  });
});
