import { request as httpRequest } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { DEFAULT_PUBLIC_LIMITS } from '#shared/http/rate-limit';
import { baseUrl, request } from '../support/api.ts';

const admin = inject('admin');

/** A sign-in sent from a chosen loopback address, so this test has a source of its own. */
function signInFrom(localAddress: string, email: string, password: string) {
  return new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
    const body = JSON.stringify({ email, password });
    const call = httpRequest(
      new URL('/api/v1/login', baseUrl),
      {
        method: 'POST',
        localAddress,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            retryAfter: response.headers['retry-after'] as string | undefined,
          }),
        );
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

/**
 * Failed sign-ins are limited per address and per source: each failure is audited and may be mailed to a
 * tenant's admins, and a limit is what stops guessing. Past a limit the password is not tried at all.
 */
describe('sign-in limits', () => {
  it('refuses an address after its failed attempts, even with the right password, and not the others', async () => {
    const limit = DEFAULT_PUBLIC_LIMITS['sign_in.recipient'].limit;
    const victim = `victim-${Date.now().toString(36)}@limits.example`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < limit; attempt += 1) {
      statuses.push((await signInFrom('127.0.0.21', victim, `Wrong-passw0rd-${attempt}`)).status);
    }
    // The same mailbox spelt otherwise counts as the same address.
    const refused = await signInFrom('127.0.0.21', victim.toUpperCase(), 'Wrong-passw0rd-x');
    const admins = await request('POST', '/api/v1/login', { body: admin });

    expect(statuses).toEqual(Array(limit).fill(401));
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(admins.status).toBe(200);
  });

  it('refuses a source after its failed attempts across addresses', async () => {
    const limit = DEFAULT_PUBLIC_LIMITS['sign_in.source'].limit;
    const run = Date.now().toString(36);
    const statuses = new Set<number>();
    for (let attempt = 0; attempt < limit; attempt += 1) {
      statuses.add(
        (await signInFrom('127.0.0.22', `guess-${run}-${attempt}@limits.example`, 'Wrong-1')).status,
      );
    }

    const refused = await signInFrom('127.0.0.22', admin.email, admin.password);
    const elsewhere = await signInFrom('127.0.0.23', admin.email, admin.password);

    expect([...statuses]).toEqual([401]);
    expect(refused.status).toBe(429);
    expect(elsewhere.status).toBe(200);
  });
});
