import { describe, expect, it } from 'vitest';
import type { ApiResponse, TestTenant } from '../support/api.ts';
import { uniqueSlug } from '../support/brand.ts';
import { organizationOn } from '../support/organizations.ts';
import { uniqueEmail } from '../support/people.ts';

interface Meter {
  limit: number;
  used: number;
}

interface Usage {
  members: Meter;
  documents: Meter;
  storage_bytes: Meter;
  custom_domains: Meter;
}

/** How many creations race at once: more than the room the plan leaves, so some must lose. */
const RACERS = 6;
const MiB = 1024 * 1024;

/**
 * Fires every creation at once and sorts the answers: each is a success (`created` status) or a
 * 403 quota_exceeded; anything else fails the test with its body.
 */
async function race(creations: (() => Promise<ApiResponse>)[], created: number) {
  const answers = await Promise.all(creations.map((create) => create()));
  for (const answer of answers) {
    if (answer.status === created) continue;
    expect(answer.status, answer.text).toBe(403);
    expect((answer.body as { error: { type: string } }).error.type).toBe('quota_exceeded');
  }
  return answers.filter((answer) => answer.status === created).length;
}

async function usageOf(admin: TestTenant, orgId: string): Promise<Usage> {
  const usage = await admin.call<Usage>('GET', `/api/v1/organizations/${orgId}/usage`);
  expect(usage.status, usage.text).toBe(200);
  return usage.body;
}

describe('quotas hold when creations race (every meter)', () => {
  it('lets exactly the members the plan has room for in when invitations race', async () => {
    // Free: 3 members; the owner's invitation is one, so 2 fit.
    const { orgId, admin } = await organizationOn('free');

    const succeeded = await race(
      Array.from(
        { length: RACERS },
        (_, i) => () =>
          admin.call('POST', `/api/v1/organizations/${orgId}/members`, {
            body: { email: uniqueEmail(`racer-${i}`), name: `Racer ${i}`, role: 'editor' },
          }),
      ),
      201,
    );

    expect(succeeded).toBe(2);
    expect((await usageOf(admin, orgId)).members).toEqual({ limit: 3, used: 3 });
  });

  it('lets exactly the documents the plan has room for in when creations race', async () => {
    // Free: 25 documents; 22 made first leave room for 3.
    const { orgId, admin } = await organizationOn('free');
    const filled = await admin.call('POST', '/api/v1/documents/bulk', {
      body: {
        all_or_nothing: true,
        operations: Array.from({ length: 22 }, (_, i) => ({
          op: 'create',
          data: { title: `Policy ${i}`, access_level: 'public' },
        })),
      },
    });
    expect(filled.status, filled.text).toBe(200);

    const succeeded = await race(
      Array.from(
        { length: RACERS },
        (_, i) => () =>
          admin.call('POST', '/api/v1/documents', { body: { title: `Racer ${i}`, access_level: 'public' } }),
      ),
      201,
    );

    expect(succeeded).toBe(3);
    expect((await usageOf(admin, orgId)).documents).toEqual({ limit: 25, used: 25 });
  });

  it('stores exactly the files the plan has room for when uploads race', async () => {
    // Free: 10 MiB; files of 3 MiB each, to documents of their own, so 3 fit.
    const { orgId, admin } = await organizationOn('free');
    const ids: string[] = [];
    for (let i = 0; i < RACERS; i += 1) {
      const created = await admin.call<{ id: string }>('POST', '/api/v1/documents', {
        body: { title: `File ${i}`, access_level: 'public' },
      });
      expect(created.status, created.text).toBe(201);
      ids.push(created.body.id);
    }
    const file = new Uint8Array(3 * MiB).fill(0x61);

    const succeeded = await race(
      ids.map(
        (id) => () =>
          admin.call('PUT', `/api/v1/documents/${id}/file`, {
            rawBody: file,
            headers: { 'Content-Type': 'text/plain' },
          }),
      ),
      200,
    );

    expect(succeeded).toBe(3);
    expect((await usageOf(admin, orgId)).storage_bytes).toEqual({ limit: 10 * MiB, used: 9 * MiB });
  });

  it('claims exactly the custom domains the plan has room for when claims race', async () => {
    // Business: 3 custom domains.
    const { orgId, admin } = await organizationOn('business');

    const succeeded = await race(
      Array.from(
        { length: RACERS },
        () => () =>
          admin.call('POST', '/api/v1/brand/domains', {
            body: { host: `${uniqueSlug('race')}.quota-example.com` },
          }),
      ),
      201,
    );

    expect(succeeded).toBe(3);
    expect((await usageOf(admin, orgId)).custom_domains).toEqual({ limit: 3, used: 3 });
  });

  it('lets one all-or-nothing bulk request in when two race for the room of one', async () => {
    // Free: 25 documents; 20 made first leave room for 5, and each request creates 3.
    const { orgId, admin } = await organizationOn('free');
    const bulk = (count: number, prefix: string) =>
      admin.call('POST', '/api/v1/documents/bulk', {
        body: {
          all_or_nothing: true,
          operations: Array.from({ length: count }, (_, i) => ({
            op: 'create',
            data: { title: `${prefix} ${i}`, access_level: 'public' },
          })),
        },
      });
    expect((await bulk(20, 'Policy')).status).toBe(200);

    const succeeded = await race([() => bulk(3, 'First'), () => bulk(3, 'Second')], 200);

    expect(succeeded).toBe(1);
    expect((await usageOf(admin, orgId)).documents).toEqual({ limit: 25, used: 23 });
  });

  it('counts a released custom domain out, so exactly one more fits when claims race again', async () => {
    const { orgId, admin } = await organizationOn('business');
    const claim = () =>
      admin.call<{ host: string }>('POST', '/api/v1/brand/domains', {
        body: { host: `${uniqueSlug('again')}.quota-example.com` },
      });
    const held = [await claim(), await claim(), await claim()];
    expect(held.map((answer) => answer.status)).toEqual([201, 201, 201]);
    const released = await admin.call('DELETE', `/api/v1/brand/domains/${held[0]?.body.host}`);
    expect(released.status, released.text).toBe(204);

    const succeeded = await race(
      Array.from({ length: RACERS }, () => claim),
      201,
    );

    expect(succeeded).toBe(1);
    expect((await usageOf(admin, orgId)).custom_domains).toEqual({ limit: 3, used: 3 });
  });

  it('counts a deleted document out, so exactly one more fits when creations race again', async () => {
    // Free: 25 documents, all made; one deleted leaves room for exactly one.
    const { orgId, admin } = await organizationOn('free');
    const create = (title: string) =>
      admin.call<{ id: string }>('POST', '/api/v1/documents', { body: { title, access_level: 'public' } });
    const filled = await Promise.all(Array.from({ length: 25 }, (_, i) => create(`Policy ${i}`)));
    expect(filled.every((answer) => answer.status === 201)).toBe(true);
    const deleted = await admin.call('DELETE', `/api/v1/documents/${filled[0]?.body.id}`);
    expect(deleted.status, deleted.text).toBe(204);

    const succeeded = await race(
      Array.from({ length: RACERS }, (_, i) => () => create(`Racer ${i}`)),
      201,
    );

    expect(succeeded).toBe(1);
    expect((await usageOf(admin, orgId)).documents).toEqual({ limit: 25, used: 25 });
  });
});
