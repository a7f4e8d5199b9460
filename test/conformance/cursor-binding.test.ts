import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { Route } from '#shared/http/route';
import { newTenant, type TestTenant } from '../support/api.ts';
import { allRoutes, errorFormat, fillPath, queryFields } from './route-requests.ts';

/**
 * Every list route of the route table, given valid cursors made by other lists (issue 10, item 1): a
 * documents cursor on `GET /accounts`, one account's contacts cursor on another account's contacts, an
 * unfiltered cursor on a filtered listing. Each answers 400 `validation_error` on `cursor` in the error
 * format, never 5xx and never a page. The only per-resource code is how to fill the lists below.
 */
const listRoutes = allRoutes.filter(
  (route) => route.method === 'GET' && queryFields(route).includes('cursor'),
);

interface Source {
  /** Where the cursor was made: method, path and query, as sent. */
  made: string;
  cursor: string;
}

let operator: TestTenant;
let member: TestTenant;
let orgId: string;
const ids: Record<string, string> = {};
const sources: Source[] = [];

async function created(tenant: TestTenant, path: string, body: unknown): Promise<string> {
  const response = await tenant.call<{ id: string }>('POST', path, { body });
  if (response.status !== 201) throw new Error(`POST ${path} → ${response.status} ${response.text}`);
  return response.body.id;
}

async function cursorOf(tenant: TestTenant, path: string): Promise<void> {
  const response = await tenant.call<{ next_cursor: string | null }>('GET', path);
  const cursor = response.body.next_cursor;
  if (!cursor)
    throw new Error(`GET ${path} gave no cursor: ${response.status} ${response.text.slice(0, 200)}`);
  sources.push({ made: `GET ${path}`, cursor });
}

/** The caller a route admits: the operator for operator routes, the organization's admin otherwise. */
const callerOf = (route: Route) => (route.auth === 'operator' ? operator : member);

/** The resource a path parameter names here, by the id kind of its published pattern. */
function parameterValue(route: Route, name: string): string {
  const json = z.toJSONSchema(route.request?.params ?? z.object({}), { unrepresentable: 'any' }) as {
    properties?: Record<string, { pattern?: string }>;
  };
  const prefix = json.properties?.[name]?.pattern?.match(/^\^([a-z]+)_/)?.[1] ?? '';
  const id = ids[prefix];
  if (!id) throw new Error(`No ${prefix}_ resource for ${route.path} {${name}}: add one in beforeAll`);
  return id;
}

beforeAll(async () => {
  operator = newTenant({ operator: true });
  const email = `cursor-owner-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  orgId = await created(operator, '/api/v1/organizations', { name: 'Cursor Org', email, plan: 'free' });
  await created(operator, '/api/v1/organizations', {
    name: 'Cursor Org 2',
    email: `2-${email}`,
    plan: 'free',
  });
  member = newTenant({ tenantOf: { tenantId: orgId } as TestTenant });
  ids.org = orgId;

  const contacts = (prefix: string) =>
    [1, 2].map((n) => ({ email: `${prefix}${n}@example.com`, first_name: 'C', last_name: String(n) }));
  ids.acc = await created(member, '/api/v1/accounts', { title: 'A', contacts: contacts('a') });
  const other = await created(member, '/api/v1/accounts', { title: 'B', contacts: contacts('b') });
  for (const level of ['public', 'requires_nda'])
    await created(member, '/api/v1/documents', { title: `Doc ${level}`, access_level: level });
  for (const n of [1, 2])
    await member.call('POST', '/api/v1/integrations/api-keys', {
      body: { name: `K${n}`, key_type: 'read_only' },
    });
  ids.whk = await created(member, '/api/v1/webhooks', {
    url: 'http://127.0.0.1:9/cursors',
    events: ['account.deleted'],
  });

  await cursorOf(member, '/api/v1/accounts?limit=1');
  await cursorOf(member, '/api/v1/documents?limit=1');
  await cursorOf(member, `/api/v1/accounts/${other}/contacts?limit=1`);
  await cursorOf(member, `/api/v1/organizations/${orgId}/api-keys?limit=1`);
  await cursorOf(operator, '/api/v1/organizations?limit=1');
  await cursorOf(operator, `/api/v1/organizations/${orgId}/api-keys?limit=1`);
});

describe.each(listRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_, route) => {
    it("refuses every other list's cursor with 400 on cursor, in the error format", async () => {
      const path = fillPath(route, (name) => parameterValue(route, name));
      const foreign = sources.filter((source) => !source.made.startsWith(`GET ${path}?`));

      const answers = await Promise.all(
        foreign.map(async (source) => ({
          source,
          response: await callerOf(route).call<{ error: { type: string; param?: string } }>(
            'GET',
            `${path}?cursor=${encodeURIComponent(source.cursor)}`,
          ),
        })),
      );

      expect(foreign.length).toBeGreaterThan(0);
      for (const { source, response } of answers) {
        const what = `${source.made} on ${path}: ${response.status} ${response.text.slice(0, 200)}`;
        expect(response.status, what).toBe(400);
        expect(errorFormat.safeParse(response.body).success, what).toBe(true);
        expect(response.body.error, what).toMatchObject({ type: 'validation_error', param: 'cursor' });
      }
    });
  },
);

describe('cursors of the same list', () => {
  it('open on the listing they were made for, whatever the page size', async () => {
    const own = sources.find((source) => source.made === 'GET /api/v1/accounts?limit=1');

    const response = await member.call('GET', `/api/v1/accounts?limit=5&cursor=${own?.cursor}`);

    expect(response.status, response.text.slice(0, 200)).toBe(200);
  });

  it('are refused under another filter', async () => {
    const own = sources.find((source) => source.made === 'GET /api/v1/documents?limit=1');

    const response = await member.call(
      'GET',
      `/api/v1/documents?access_level=public&cursor=${encodeURIComponent(own?.cursor ?? '')}`,
    );

    expect(response.status, response.text.slice(0, 200)).toBe(400);
  });

  it('are refused for another organization, even by the operator who made them', async () => {
    const own = sources.filter((source) => source.made.startsWith('GET /api/v1/organizations/')).at(-1);
    const others = await operator.call<{ organizations: { id: string }[] }>('GET', '/api/v1/organizations');
    const otherOrg = others.body.organizations.find((organization) => organization.id !== orgId)?.id;

    const response = await operator.call(
      'GET',
      `/api/v1/organizations/${otherOrg}/api-keys?cursor=${encodeURIComponent(own?.cursor ?? '')}`,
    );

    expect(response.status, response.text.slice(0, 200)).toBe(400);
  });
});
