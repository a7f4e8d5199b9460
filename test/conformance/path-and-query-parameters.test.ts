import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { Route } from '#shared/http/route';
import { newTenant } from '../support/api.ts';
import { allRoutes, errorFormat, fillPath, pathParameterNames } from './route-requests.ts';

/**
 * Every route of the route table, about its parameters (issue 10, items 2 and 3):
 * - a path parameter names a resource, so an id of any other format (seed 1's `acc_123`, seed 4's
 *   `org-abc123`) names nothing: 404 (or 401/403 where authentication decides first), never a 400;
 * - a query parameter the route does not declare is a 400 `validation_error` naming it, never ignored.
 */
let sent = 0;

afterAll(() => {
  console.log(`conformance/path-and-query-parameters: ${sent} requests sent`);
});

/** A caller the route admits: an operator for operator routes, a tenant admin for the others. */
function callerOf(route: Route) {
  return newTenant({ operator: route.auth === 'operator' });
}

/** A body the pipeline reads before it checks parameters: `{}`, or one byte of a declared file type. */
function bodyOf(route: Route): { rawBody?: string; headers?: Record<string, string> } {
  const raw = route.request?.rawBody;
  if (raw) return { rawBody: 'x', headers: { 'Content-Type': raw.contentTypes[0] ?? 'application/pdf' } };
  if (route.request?.body) return { rawBody: '{}', headers: { 'Content-Type': 'application/json' } };
  return {};
}

/** A well-formed id of the kind a path parameter takes (read from its published pattern), naming nothing. */
function wellFormedId(route: Route, name: string, tenantId: string): string {
  const schema = route.request?.params;
  const json = schema
    ? (z.toJSONSchema(schema, { unrepresentable: 'any' }) as {
        properties?: Record<string, { pattern?: string }>;
      })
    : {};
  const prefix = json.properties?.[name]?.pattern?.match(/^\^([a-z]+)_/)?.[1];
  if (prefix === 'org') return tenantId;
  return prefix ? `${prefix}_${'0'.repeat(26)}` : 'x';
}

const routesWithPathParameters = allRoutes.filter((route) => pathParameterNames(route).length > 0);

describe.each(routesWithPathParameters.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s path parameters',
  (_, route) => {
    const caller = callerOf(route);

    it.each([
      ['seed 1', 'acc_123'],
      ['seed 4', 'org-abc123'],
      ['a short id of any kind', 'doc_1'],
      ['a lower-case ULID', 'acc_01hzy0000000000000000000ab'],
      ['a word', 'latest'],
    ])('answers 404 (never 400) to %s style ids: %s', async (_style, id) => {
      const response = await caller.call(
        route.method,
        fillPath(route, () => id),
        bodyOf(route),
      );
      sent += 1;

      expect(errorFormat.safeParse(response.body).success, response.text.slice(0, 300)).toBe(true);
      expect([404, 403, 401], `${response.status} ${response.text.slice(0, 300)}`).toContain(response.status);
      if (response.status === 404) expect(response.body).toMatchObject({ error: { type: 'not_found' } });
    });

    it('names the parameter that names nothing when only one of them is malformed', async () => {
      const names = pathParameterNames(route);
      const last = names.at(-1) ?? '';
      const path = fillPath(route, (name) =>
        name === last ? 'acc_123' : wellFormedId(route, name, caller.tenantId),
      );

      const response = await caller.call<{ error: { param?: string } }>(route.method, path, bodyOf(route));
      sent += 1;

      expect([404, 403, 401], response.text.slice(0, 300)).toContain(response.status);
      if (response.status === 404 && names.length > 1) expect(response.body.error.param).toBe(last);
    });
  },
);

describe.each(allRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s query',
  (_, route) => {
    const caller = callerOf(route);

    it('refuses an undeclared query parameter with 400, naming it', async () => {
      const path = fillPath(route, (name) => wellFormedId(route, name, caller.tenantId));

      const response = await caller.call<{ error: { type: string; param?: string } }>(
        route.method,
        `${path}?undeclared_parameter=1`,
        bodyOf(route),
      );
      sent += 1;

      expect(errorFormat.safeParse(response.body).success, response.text.slice(0, 300)).toBe(true);
      expect(response.status, response.text.slice(0, 300)).toBe(400);
      expect(response.body.error).toMatchObject({ type: 'validation_error', param: 'undeclared_parameter' });
    });
  },
);
