import { describe, expect, it } from 'vitest';
import type { Identity } from '#shared/auth/identity';
import type { RouteRequest } from '#shared/http/route';
import { invoke, member, operator, route } from './invoke.ts';

/** A route whose handler answers with the identity it was given. */
function echoingIdentity(overrides: Parameters<typeof route>[0]) {
  return route({
    ...overrides,
    handler: async (request: RouteRequest<unknown, unknown, unknown>) => ({
      status: 200,
      body: { identity: request.identity ?? null },
    }),
  });
}

describe('the pipeline authorizes before the handler runs', () => {
  it('lets anyone call a public route, and gives its handler no identity', async () => {
    const answer = await invoke(echoingIdentity({ auth: 'public' }));

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ identity: null });
  });

  it('answers 401 on a tenant route when the authorizer passed no identity', async () => {
    const answer = await invoke(route({ auth: 'tenant' }));

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      error: { type: 'authentication_error', message: 'Missing or invalid authentication token' },
    });
  });

  it('answers 401 when the authorizer context names no known kind of principal', async () => {
    const answer = await invoke(route({ auth: 'tenant' }), {
      authorizer: { tenantId: member.tenantId, principalId: 'x', principalType: 'root', role: 'admin' },
    });

    expect(answer.status).toBe(401);
  });

  it('hands the caller to the handler, with where the request came from', async () => {
    const answer = await invoke(echoingIdentity({ auth: 'tenant' }), {
      identity: member,
      headers: { 'User-Agent': 'a'.repeat(600) },
      sourceIp: '198.51.100.4',
    });

    const { identity } = answer.body as { identity: Identity };
    expect(identity).toMatchObject({ tenantId: member.tenantId, principalId: member.principalId });
    expect(identity.source).toEqual({ ip: '198.51.100.4', userAgent: 'a'.repeat(512) });
  });

  it('answers 403 on an operator route to a tenant credential', async () => {
    const answer = await invoke(route({ auth: 'operator' }), { identity: { ...member, scopes: ['*'] } });

    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: { type: 'permission_error' } });
  });

  it('lets a platform operator call an operator route', async () => {
    const answer = await invoke(route({ auth: 'operator' }), { identity: operator });

    expect(answer.status).toBe(200);
  });

  it('answers 403 to an operator on a tenant route that names no organization', async () => {
    const answer = await invoke(route({ auth: 'tenant', path: '/api/v1/accounts' }), { identity: operator });

    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      error: { type: 'permission_error', message: expect.stringContaining('a platform operator has none') },
    });
  });

  it.each([
    ['with {org_id} in its path', { path: '/api/v1/organizations/{org_id}/usage' }],
    ['declared open to operators', { path: '/api/v1/roles', operators: true as const }],
  ])('lets an operator call a tenant route %s', async (_, overrides) => {
    const answer = await invoke(route({ auth: 'tenant', ...overrides }), { identity: operator });

    expect(answer.status).toBe(200);
  });

  it('answers 403 naming the scope when the credential lacks it', async () => {
    const answer = await invoke(route({ auth: 'tenant', scope: 'documents:write' }), { identity: member });

    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      error: { type: 'permission_error', message: 'This operation requires the scope documents:write' },
    });
  });

  it.each([
    ['the scope itself', ['documents:write']],
    ['every action on the resource', ['documents:*']],
    ['every scope', ['*']],
  ])('lets a credential holding %s call a scoped route', async (_, scopes) => {
    const answer = await invoke(route({ auth: 'tenant', scope: 'documents:write' }), {
      identity: { ...member, scopes },
    });

    expect(answer.status).toBe(200);
  });

  it('never runs the handler of a refused request', async () => {
    let ran = false;
    const guarded = route({
      auth: 'tenant',
      scope: 'documents:write',
      handler: async () => {
        ran = true;
        return { status: 200 };
      },
    });

    await invoke(guarded, { identity: member });

    expect(ran).toBe(false);
  });
});
