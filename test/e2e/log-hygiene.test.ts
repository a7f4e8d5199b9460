import { describe, expect, inject, it } from 'vitest';
import { newTenant, request } from '../support/api.ts';

const admin = inject('admin');
const operator = inject('operator');

/**
 * Credentials pass through sign-in, key creation, rotation, invitations and failed attempts; the
 * platform's logs (captured at DEBUG in the test setup) must contain none of them.
 */
describe('log hygiene', () => {
  it('logs no password, token, API key or invitation token, while logging the requests that carried them', async () => {
    const secrets: string[] = [admin.password, operator.password];
    const tenant = newTenant();
    secrets.push(tenant.token);

    const login = await request<{ accessToken: string; refreshToken: string }>('POST', '/api/v1/login', {
      body: admin,
    });
    secrets.push(login.body.accessToken, login.body.refreshToken);
    const refreshed = await request<{ accessToken: string }>('POST', '/api/v1/login/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    secrets.push(refreshed.body.accessToken);
    const wrongPassword = 'Wrong-password-123456';
    secrets.push(wrongPassword);
    await request('POST', '/api/v1/login', { body: { email: admin.email, password: wrongPassword } });

    const created = await request<{ data: { apiKey: { id: string; key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      {
        token: login.body.accessToken,
        body: { name: 'Hygiene', key_type: 'read_only' },
      },
    );
    secrets.push(created.body.data.apiKey.key);
    await request('GET', '/api/v1/accounts', { token: created.body.data.apiKey.key });
    const rotated = await request<{ key: string }>(
      'POST',
      `/api/v1/integrations/api-keys/${created.body.data.apiKey.id}/rotate`,
      {
        token: login.body.accessToken,
      },
    );
    secrets.push(rotated.body.key);
    const forged = `sk_live_${'Z'.repeat(40)}`;
    secrets.push(forged);
    await request('GET', '/api/v1/accounts', { token: forged });

    const operatorLogin = await request<{ accessToken: string }>('POST', '/api/v1/login', { body: operator });
    secrets.push(operatorLogin.body.accessToken);
    const ownerEmail = `hygiene-${Date.now()}@example.com`;
    await request('POST', '/api/v1/organizations', {
      token: operatorLogin.body.accessToken,
      body: { name: 'Hygiene Org', email: ownerEmail, plan: 'free' },
    });
    const mail = await request<{ emails: unknown[] }>('GET', '/_local/mail');
    const invitationToken = JSON.stringify(
      mail.body.emails.filter((item) => JSON.stringify(item).includes(ownerEmail)),
    ).match(/token=([A-Za-z0-9]+)/)?.[1];
    secrets.push(invitationToken ?? 'missing-invitation-token');
    const ownerPassword = 'Hygiene-passw0rd-42';
    secrets.push(ownerPassword);
    await request('POST', '/api/v1/invitations/accept', {
      body: { token: invitationToken, password: ownerPassword },
    });
    await tenant.call('GET', '/api/v1/accounts');

    const logs = await request<{ lines: string[] }>('GET', '/_local/logs');
    const handled = logs.body.lines.filter((line) => line.includes('"Request handled"'));
    const leaks = secrets.filter((secret) => logs.body.lines.some((line) => line.includes(secret)));
    console.log(
      `log hygiene: ${logs.body.lines.length} log lines searched for ${secrets.length} secrets, ${leaks.length} found`,
    );

    expect(invitationToken).toBeDefined();
    expect(handled.length).toBeGreaterThan(5);
    expect(leaks).toEqual([]);
  });
});
