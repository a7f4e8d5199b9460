import { beforeAll, describe, expect, it } from 'vitest';
import { operatorMayCall, type Route } from '#shared/http/route';
import { newTenant, request, type TestTenant } from '../support/api.ts';
import { allRoutes, fillPath, queryFields } from './route-requests.ts';

/**
 * Every list route that declares seed 4's `offset` (issue 10, item 2): paging by `limit`/`offset` ends,
 * sees every item exactly once in the order of the whole listing, and answers seed 4's `total`, `limit`,
 * `offset`, `has_more` ("GET /v1/organizations?limit=20&offset=40" → `{…, "total": 150, "limit": 20,
 * "offset": 40, "has_more": true}`); a cursor taken from an offset page carries the offset on.
 */
const offsetRoutes = allRoutes.filter(
  (route) => route.method === 'GET' && queryFields(route).includes('offset'),
);
const LIMIT = 2;

interface Page {
  total: number;
  limit: number;
  offset: number;
  has_more: boolean;
  next_cursor: string | null;
  [plural: string]: unknown;
}

let operator: TestTenant;
let member: TestTenant;
let orgId: string;
const createdOrganizations: string[] = [];

const unique = (label: string) =>
  `${label}-${Date.now()}-${Math.random().toString(36).slice(2)}@offset.example`;

async function createOrganization(): Promise<string> {
  const email = unique('owner');
  const response = await operator.call<{ id: string }>('POST', '/api/v1/organizations', {
    // Business: room for the members it invites (the free plan allows 3).
    body: { name: 'Offset Org', email, plan: 'business' },
  });
  expect(response.status, response.text).toBe(201);
  createdOrganizations.push(response.body.id);
  return response.body.id;
}

async function acceptInvitationOf(email: string): Promise<void> {
  const mail = await request<{ emails: unknown[] }>('GET', '/_local/mail');
  const message = mail.body.emails.filter((item) => JSON.stringify(item).includes(email)).at(-1);
  const token = JSON.stringify(message ?? {}).match(/token=([A-Za-z0-9%]+)/)?.[1] ?? '';
  const accepted = await request('POST', '/api/v1/invitations/accept', {
    body: { token: decodeURIComponent(token), password: 'A-strong-passw0rd!' },
  });
  expect(accepted.status, accepted.text).toBe(201);
}

/**
 * The operator for the platform-wide lists (operator routes, and tenant routes operators call without
 * naming an organization: `GET /organizations` lists every one to them), the organization's admin otherwise.
 */
const callerOf = (route: Route) =>
  operatorMayCall(route) && !route.path.includes('{org_id}') ? operator : member;
const pathOf = (route: Route) => fillPath(route, () => orgId);
/** The platform-wide list grows while other suites run: it is checked for termination, not exactness. */
const isShared = (route: Route) => !route.path.includes('{');

function itemsOf(page: Page): { id: string }[] {
  const plural = Object.keys(page).find((key) => Array.isArray(page[key]));
  return (plural ? page[plural] : []) as { id: string }[];
}

async function get(route: Route, query: string): Promise<Page> {
  const response = await callerOf(route).call<Page>('GET', `${pathOf(route)}?${query}`);
  expect(response.status, response.text.slice(0, 300)).toBe(200);
  return response.body;
}

beforeAll(async () => {
  operator = newTenant({ operator: true });
  orgId = await createOrganization();
  await createOrganization();
  await createOrganization();
  member = newTenant({ tenantOf: { tenantId: orgId } as TestTenant });
  // Five keys and five invitations, all accepted (five members), beside the owner's invitation.
  for (let n = 0; n < 5; n += 1) {
    await member.call('POST', '/api/v1/integrations/api-keys', {
      body: { name: `K${n}`, key_type: 'read_only' },
    });
    const email = unique(`member${n}`);
    const invited = await member.call('POST', `/api/v1/organizations/${orgId}/members`, {
      body: { email, role: 'viewer' },
    });
    expect(invited.status, invited.text).toBe(201);
    await acceptInvitationOf(email);
  }
  // Seven months of invoices: the monthly job, run for each month (it invoices every organization).
  for (let month = 1; month <= 7; month += 1) {
    const run = await request('POST', `/_local/jobs/monthly-invoices?now=2024-0${month}-01T00:30:00Z`);
    expect(run.status, run.text).toBe(200);
  }
});

describe.each(offsetRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_, route) => {
    it('pages by offset to the end, each item once, with seed 4 counts', async () => {
      const whole = await get(route, 'limit=100');
      const seen: string[] = [];
      let last: Page | undefined;

      for (let offset = 0, requests = 0; requests <= whole.total / LIMIT + 2; requests += 1) {
        last = await get(route, `limit=${LIMIT}&offset=${offset}`);
        expect(last).toMatchObject({ limit: LIMIT, offset, has_more: expect.any(Boolean) });
        expect(itemsOf(last).length).toBeLessThanOrEqual(LIMIT);
        seen.push(...itemsOf(last).map((item) => item.id));
        if (!last.has_more) break;
        offset += itemsOf(last).length;
      }

      expect(last?.has_more, 'offset paging did not end').toBe(false);
      expect(last?.next_cursor).toBeNull();
      if (isShared(route)) {
        expect(seen).toEqual(expect.arrayContaining(createdOrganizations));
      } else {
        expect(whole).toMatchObject({ total: itemsOf(whole).length, limit: 100, offset: 0, has_more: false });
        expect(whole.total).toBeGreaterThan(LIMIT * 2);
        expect(seen).toEqual(itemsOf(whole).map((item) => item.id));
      }
    });

    it('answers an empty page past the end, with has_more false', async () => {
      const whole = await get(route, 'limit=1');

      const past = await get(route, `limit=${LIMIT}&offset=${whole.total + 5}`);

      expect(itemsOf(past)).toEqual([]);
      expect(past).toMatchObject({ offset: whole.total + 5, has_more: false, next_cursor: null });
    });

    it('carries the offset on in the cursor of an offset page', async () => {
      const first = await get(route, `limit=${LIMIT}&offset=1`);

      const next = await get(route, `limit=${LIMIT}&cursor=${encodeURIComponent(first.next_cursor ?? '')}`);

      expect(next.offset).toBe(1 + LIMIT);
      if (!isShared(route)) {
        const whole = await get(route, 'limit=100');
        const expected = itemsOf(whole).slice(1 + LIMIT, 1 + 2 * LIMIT);
        expect(itemsOf(next).map((item) => item.id)).toEqual(expected.map((item) => item.id));
      }
    });

    it('refuses cursor and offset together, and an offset out of bounds, naming offset', async () => {
      const first = await get(route, `limit=${LIMIT}`);

      const both = await callerOf(route).call<{ error: { param?: string } }>(
        'GET',
        `${pathOf(route)}?offset=1&cursor=${encodeURIComponent(first.next_cursor ?? '')}`,
      );
      const negative = await callerOf(route).call<{ error: { param?: string } }>(
        'GET',
        `${pathOf(route)}?offset=-1`,
      );

      expect([both.status, negative.status]).toEqual([400, 400]);
      expect([both.body.error.param, negative.body.error.param]).toEqual(['offset', 'offset']);
    });
  },
);
