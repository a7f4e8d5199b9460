import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/api.ts';
import { uniqueSlug } from '../support/brand.ts';
import { documentsBucket } from '../support/bucket.ts';
import { as, newOrganization, onePagePdf, operatorJwt, PASSWORD } from '../support/organizations.ts';
import { uniqueEmail } from '../support/people.ts';
import { table, tableName, tenantItems, useTableFromThisProcess } from '../support/table.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every item of the tenant, counted the way the purge finds them (pk begins with `<tenant>#`). */
async function itemsOf(orgId: string): Promise<number> {
  return (await tenantItems(orgId)).length;
}

let s3: S3Client;
let bucket: string;
async function objectsOf(orgId: string): Promise<number> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `tenants/${orgId}/` }));
  return listed.KeyCount ?? 0;
}

async function runPurge(now: Date) {
  return request<{ purged: number; items: number; objects: number; people: number }>(
    'POST',
    `/_local/jobs/organization-purge?now=${now.toISOString()}`,
  );
}

/**
 * An organization with a bit of everything: an account, a document with its file, a key, a second person,
 * and a custom domain (whose claim item is keyed by its host, outside the tenant's partition prefix).
 */
async function populatedOrganization() {
  const org = await newOrganization('Doomed Corp');
  const account = await org.owner('POST', '/api/v1/accounts', { body: { title: 'Customer' } });
  const document = await org.owner<{ id: string }>('POST', '/api/v1/documents', {
    body: { title: 'SOC 2 report', access_level: 'restricted' },
  });
  const file = await org.owner('PUT', `/api/v1/documents/${document.body.id}/file`, {
    rawBody: await onePagePdf('SOC 2'),
    headers: { 'Content-Type': 'application/pdf' },
  });
  const key = await org.owner<{ data: { apiKey: { key: string } } }>(
    'POST',
    '/api/v1/integrations/api-keys',
    {
      body: { name: 'CI', key_type: 'read_only' },
    },
  );
  const memberEmail = uniqueEmail('doomed-member');
  const invited = await org.owner('POST', `/api/v1/organizations/${org.orgId}/members`, {
    body: { email: memberEmail, role: 'viewer' },
  });
  const host = `${uniqueSlug('doomed')}.example.com`;
  const domain = await org.owner('POST', '/api/v1/brand/domains', { body: { host } });
  expect([account.status, document.status, file.status, key.status, invited.status, domain.status]).toEqual([
    201, 201, 200, 201, 201, 201,
  ]);
  // Events settle into the audit log and the consumers' markers before anything is counted.
  await request('POST', '/_local/events/settle');
  return { ...org, apiKey: key.body.data.apiKey.key, host };
}

beforeAll(async () => {
  useTableFromThisProcess();
  ({ s3, bucket } = await documentsBucket());
});

describe('deleting an organization', () => {
  it('refuses every credential of it at once: its API key and its owner answer 401', async () => {
    const org = await populatedOrganization();
    const keyBefore = await request('GET', '/api/v1/accounts', { token: org.apiKey });

    const deleted = await org.owner<{ status: string; purge_after: string }>(
      'DELETE',
      `/api/v1/organizations/${org.orgId}`,
    );
    const keyAfter = await request('GET', '/api/v1/accounts', { token: org.apiKey });
    const ownerAfter = await org.owner('GET', `/api/v1/organizations/${org.orgId}`);

    expect(keyBefore.status).toBe(200);
    expect(deleted.status, deleted.text).toBe(202);
    expect(deleted.body.status).toBe('pending_deletion');
    expect(new Date(deleted.body.purge_after).getTime() - Date.now()).toBeGreaterThan(29 * DAY_MS);
    expect(keyAfter.status).toBe(401);
    expect(ownerAfter.status).toBe(401);
  });

  it('is for the owner or an operator only: an admin key is refused', async () => {
    const org = await newOrganization();
    const key = await org.owner<{ data: { apiKey: { key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      {
        body: { name: 'Admin key', key_type: 'admin' },
      },
    );

    const byKey = await request('DELETE', `/api/v1/organizations/${org.orgId}`, {
      token: key.body.data.apiKey.key,
    });
    const still = await org.owner('GET', `/api/v1/organizations/${org.orgId}`);

    expect(byKey.status, byKey.text).toBe(403);
    expect(still.status).toBe(200);
  });

  it('can be taken back by an operator during the grace period; the credentials work again', async () => {
    const org = await populatedOrganization();
    const operator = as(await operatorJwt());
    await operator('DELETE', `/api/v1/organizations/${org.orgId}`);

    const seen = await operator<{ status: string }>('GET', `/api/v1/organizations/${org.orgId}`);
    const restored = await operator<{ status: string; purge_after: null }>(
      'POST',
      `/api/v1/organizations/${org.orgId}/restore`,
    );
    const keyAfter = await request('GET', '/api/v1/accounts', { token: org.apiKey });
    const ownerAfter = await org.owner('GET', `/api/v1/organizations/${org.orgId}`);

    expect(seen.body.status).toBe('pending_deletion');
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body).toMatchObject({ status: 'active', purge_after: null });
    expect(keyAfter.status).toBe(200);
    expect(ownerAfter.status).toBe(200);
  });

  it('leaves no item, file, sign-in or slug of it after the grace period, and records the purge', async () => {
    const org = await populatedOrganization();
    const identity = await import('#services/identity/public');
    const [itemsBefore, objectsBefore] = [await itemsOf(org.orgId), await objectsOf(org.orgId)];
    const deleted = await org.owner<{ purge_after: string }>('DELETE', `/api/v1/organizations/${org.orgId}`);
    const purgeAfter = new Date(deleted.body.purge_after);

    const early = await runPurge(new Date(purgeAfter.getTime() - DAY_MS));
    const itemsWhileKept = await itemsOf(org.orgId);
    const purged = await runPurge(new Date(purgeAfter.getTime() + 1000));
    await request('POST', '/_local/events/settle');

    expect(itemsBefore).toBeGreaterThan(10);
    expect(objectsBefore).toBeGreaterThanOrEqual(1);
    expect(early.body.purged).toBe(0);
    expect(itemsWhileKept).toBeGreaterThanOrEqual(itemsBefore);
    expect(purged.status, purged.text).toBe(200);
    // Other tests' deleted organizations are due at that instant too: at least this one was purged.
    expect(purged.body.purged).toBeGreaterThanOrEqual(1);
    expect(purged.body.people).toBeGreaterThanOrEqual(1);
    expect(purged.body.objects).toBeGreaterThanOrEqual(objectsBefore);
    expect(await itemsOf(org.orgId)).toBe(0);
    expect(await objectsOf(org.orgId)).toBe(0);
    expect(await identity.tenantOfSlug(org.slug)).toBeNull();
    const claim = await table.send(
      new GetCommand({ TableName: tableName, Key: { pk: `DOMAIN#${org.host}`, sk: 'domain' } }),
    );
    expect(claim.Item).toBeUndefined();
    const signIn = await request('POST', '/api/v1/login', {
      body: { email: org.ownerEmail, password: PASSWORD },
    });
    expect(signIn.status).toBe(401);
    const audit = await request<{ audit_logs?: { action: string; target: { id: string } | null }[] }>(
      'GET',
      '/api/v1/audit-logs?action=organization.purged&limit=100',
      { token: await operatorJwt() },
    );
    expect(JSON.stringify(audit.body)).toContain(org.orgId);
  });
});
