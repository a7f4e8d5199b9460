import { describe, expect, it } from 'vitest';
import { request } from '../support/api.ts';

describe('the local platform', () => {
  it('reports every component healthy and provisioning finished at GET /health', async () => {
    const health = await request<{ status: string; components: Record<string, { ok: boolean }> }>(
      'GET',
      '/health',
    );

    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(Object.keys(health.body.components).sort()).toEqual(
      ['apiGateway', 'cognito', 'dynamodb', 'eventBus', 'gateway', 'provisioning', 's3', 'ses'].sort(),
    );
    expect(Object.values(health.body.components).every((component) => component.ok)).toBe(true);
    expect(health.headers.get('cache-control')).toBe('no-store');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
