import { describe, expect, it } from 'vitest';
import { routeMatcher } from '#infra/local/route-matcher';
import type { Route } from '#shared/http/route';

const route = (method: Route['method'], path: string) =>
  ({ method, path, operationId: `${method} ${path}` }) as Route;
const match = routeMatcher([
  route('GET', '/api/v1/accounts'),
  route('GET', '/api/v1/accounts/{id}'),
  route('GET', '/api/v1/accounts/search'),
  route('PATCH', '/api/v1/accounts/{id}'),
]);

describe('the local gateway route matcher', () => {
  it('extracts decoded path parameters', () => {
    expect(match('GET', '/api/v1/accounts/acc%201')).toMatchObject({
      kind: 'route',
      pathParameters: { id: 'acc 1' },
    });
  });

  it('prefers a literal segment over a parameter, as API Gateway does', () => {
    expect(match('GET', '/api/v1/accounts/search')).toMatchObject({
      kind: 'route',
      route: { path: '/api/v1/accounts/search' },
    });
  });

  it('reports the allowed methods of a known path', () => {
    expect(match('DELETE', '/api/v1/accounts/acc_1')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET', 'PATCH'],
    });
  });

  it('finds nothing for unknown or undecodable paths', () => {
    expect(match('GET', '/api/v1/nope')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/api/v1/accounts/%E0%A4%A')).toEqual({ kind: 'not-found' });
  });
});
