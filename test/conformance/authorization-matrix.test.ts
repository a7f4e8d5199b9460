import { afterAll, describe, expect, it } from 'vitest';
import { hasScope } from '#shared/auth/identity';
import { KEY_TYPES, ROLES } from '#shared/auth/scopes';
import { operatorMayCall, type Route } from '#shared/http/route';
import { newTenant } from '../support/api.ts';
import { errorFormat, fillPath, protectedRoutes } from './route-requests.ts';

/**
 * Every protected route × every role and key type: a credential is refused with 403 exactly when the
 * route table says its scopes do not cover the route (or the route is for operators only, or acts on the
 * caller's own tenant and the caller is an operator, who has none), and is let
 * through otherwise (whatever the request then answers, it is not a 403).
 */
let sent = 0;
const principals = [
  ...Object.entries(ROLES).map(([name, role]) => ({
    name: `role ${name}`,
    scopes: [...role.scopes],
    operator: false,
  })),
  ...Object.entries(KEY_TYPES).map(([name, type]) => ({
    name: `key type ${name}`,
    scopes: [...type.scopes],
    operator: false,
  })),
  { name: 'platform operator', scopes: ['*'], operator: true },
];

function allowed(route: Route, principal: (typeof principals)[number]): boolean {
  // Operators have no tenant of their own: only routes that name an organization (or need none) take them.
  if (principal.operator) return operatorMayCall(route);
  if (route.auth === 'operator') return false;
  return route.scope === undefined || hasScope(principal.scopes, route.scope);
}

afterAll(() => {
  console.log(
    `conformance/authorization-matrix: ${sent} requests sent (${protectedRoutes.length} routes × ${principals.length} principals)`,
  );
});

describe.each(protectedRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_, route) => {
    it.each(principals.map((principal) => [principal.name, principal] as const))(
      'as %s',
      async (_name, principal) => {
        const caller = newTenant({
          role: principal.name,
          scopes: principal.scopes,
          operator: principal.operator,
        });
        // Ids that exist nowhere: an allowed request gets as far as validation or lookup, never further.
        const path = fillPath(route, (name) =>
          name.includes('org') ? caller.tenantId : 'acc_00000000000000000000000000',
        );

        const response = await caller.call(route.method, path, {
          body: route.request?.body ? {} : undefined,
        });
        sent += 1;

        if (allowed(route, principal)) {
          expect(response.status, response.text).not.toBe(403);
          expect(response.status, response.text).toBeLessThan(500);
        } else {
          expect(response.status, response.text).toBe(403);
          expect(errorFormat.parse(response.body).error.type).toBe('permission_error');
        }
      },
    );
  },
);
