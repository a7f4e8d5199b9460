import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { newTenant, request } from '../support/api.ts';
import { allRoutes, errorFormat, fillPath } from './route-requests.ts';

/** Paths the route table does not declare → 404; declared paths with undeclared methods → 405 with Allow. */
let sent = 0;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const tenant = newTenant();

afterAll(() => {
  console.log(`conformance/unknown-routes: ${sent} requests sent`);
});

describe('undeclared methods', () => {
  const byPath = new Map<string, Set<string>>();
  for (const route of allRoutes)
    byPath.set(route.path, (byPath.get(route.path) ?? new Set()).add(route.method));
  const cases = [...byPath].flatMap(([path, declared]) =>
    METHODS.filter((method) => !declared.has(method)).map((method) => [method, path, [...declared]] as const),
  );

  it.each(cases)('%s %s answers 405 with the allowed methods', async (method, path, declared) => {
    const concrete = fillPath({ path }, () => 'acc_00000000000000000000000000');

    const response = await tenant.call(method, concrete);
    sent += 1;

    expect(response.status).toBe(405);
    expect(errorFormat.parse(response.body).error.type).toBe('method_not_allowed');
    expect(response.headers.get('allow')?.split(', ').sort()).toEqual([...declared].sort());
  });
});

describe('undeclared paths', () => {
  // Outside /api/ the trust-center site answers (CloudFront's default behaviour): test/web covers it.
  it('answers 404 in the error format to generated paths under /api/, with or without a credential', async () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...METHODS),
        fc.boolean(),
        async (segments, method, withCredential) => {
          // fetch resolves dot segments, which would take the path out of /api/.
          fc.pre(segments.every((segment) => segment !== '.' && segment !== '..'));
          const path = `/api/${segments.join('/')}`;
          fc.pre(
            !allRoutes.some((route) =>
              new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
            ),
          );

          const response = withCredential ? await tenant.call(method, path) : await request(method, path);
          sent += 1;

          expect(response.status).toBe(404);
          expect(errorFormat.parse(response.body).error.type).toBe('not_found');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('answers 404 to a path that is not valid percent-encoding', async () => {
    const response = await tenant.call('GET', '/api/v1/accounts/%E0%A4%A');
    sent += 1;

    expect(response.status).toBe(404);
    expect(errorFormat.parse(response.body).error.type).toBe('not_found');
  });

  it('answers 404 for a known prefix with an extra segment', async () => {
    const response = await tenant.call('GET', '/api/v1/accounts/acc_00000000000000000000000000/nope');
    sent += 1;

    expect(response.status).toBe(404);
  });
});
