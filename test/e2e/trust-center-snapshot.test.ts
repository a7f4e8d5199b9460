import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { settle } from '../support/analytics.ts';
import { newTenant } from '../support/api.ts';
import { useTableFromThisProcess } from '../support/table.ts';

const tableOf = () => process.env.TC_TABLE_NAME ?? '';

import { getOnHost, pageShowing, trustCenterHost } from '../support/trust-center.ts';

/**
 * The site's pages read a trust center's published snapshot (services/trust-center/snapshot.ts), rebuilt by
 * a consumer after each change: what a change through the API does to the pages, once the pipeline has
 * carried it.
 */
const unique = () => Math.random().toString(36).slice(2, 10);

describe("the site's published snapshot", () => {
  it('shows content changed through the API on the pages once the event pipeline has carried it', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const question = `Do you rotate keys ${unique()}?`;
    const title = `Acme Trust ${unique()}`;
    const before = await getOnHost(host, '/en/faq');

    const faq = await tenant.call<{ id: string }>('POST', '/api/v1/faqs', {
      body: { question, answer: 'Every 90 days.', language: 'en', published: true },
    });
    const renamed = await tenant.call('PATCH', '/api/v1/brand', { body: { title } });
    const withFaq = await pageShowing(host, '/en/faq', (html) => html.includes(question));
    await pageShowing(host, '/en', (html) => html.includes(title));
    const removed = await tenant.call('DELETE', `/api/v1/faqs/${faq.body.id}`);
    const withoutFaq = await pageShowing(host, '/en/faq', (html) => !html.includes(question));

    expect(before.status).toBe(200);
    expect(before.text).not.toContain(question);
    expect([faq.status, renamed.status, removed.status], faq.text).toEqual([201, 200, 204]);
    expect(withFaq.text).toContain('Every 90 days.');
    expect(withoutFaq.status).toBe(200);
  });

  it('never goes back to older content when an older build is stored last', async () => {
    useTableFromThisProcess();
    const { buildSnapshot, publishSnapshot } = await import('#services/trust-center/snapshot');
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const question = `Is data encrypted at rest ${unique()}?`;
    await getOnHost(host, '/en/faq');
    // A build that began reading before the change, and is slow: it finishes after the change's own rebuild.
    const older = await buildSnapshot(tenant.tenantId);

    const faq = await tenant.call('POST', '/api/v1/faqs', {
      body: { question, answer: 'AES-256.', language: 'en', published: true },
    });
    await pageShowing(host, '/en/faq', (html) => html.includes(question));
    const outcome = await publishSnapshot(tenant.tenantId, older);
    const after = await getOnHost(host, '/en/faq');

    expect(faq.status, faq.text).toBe(201);
    expect(older.faqs).toEqual([]);
    expect(outcome).toBe('newer-kept');
    expect(after.text).toContain(question);
  });

  it('serves a snapshot that missed a change until it is an hour old, then rebuilds it on the page view', async () => {
    useTableFromThisProcess();
    const { buildSnapshot, publishSnapshot, SNAPSHOT_MAX_AGE_MS } = await import(
      '#services/trust-center/snapshot'
    );
    const { snapshotKey } = await import('#services/trust-center/snapshot-store');
    const { dynamo } = await import('#shared/aws/dynamodb');
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const question = `Do you run a bug bounty ${unique()}?`;
    await getOnHost(host, '/en/faq');
    const ago = (ms: number) => new Date(Date.now() - ms);
    // Builds that read before the change, as a rebuild whose eventually consistent reads missed it would.
    const young = await buildSnapshot(tenant.tenantId, ago(60_000));
    const old = await buildSnapshot(tenant.tenantId, ago(SNAPSHOT_MAX_AGE_MS + 60_000));
    const faq = await tenant.call('POST', '/api/v1/faqs', {
      body: { question, answer: 'Yes, through a platform.', language: 'en', published: true },
    });
    await pageShowing(host, '/en/faq', (html) => html.includes(question));
    // Every rebuild the setup's events cause has been stored: none comes after the ones put in place below.
    await settle();
    /** Puts a build in place of the stored snapshot, as if it were the last rebuild. */
    const storeInstead = async (snapshot: typeof young) => {
      await dynamo().send(new DeleteCommand({ TableName: tableOf(), Key: snapshotKey(tenant.tenantId) }));
      expect(await publishSnapshot(tenant.tenantId, snapshot)).toBe('stored');
    };

    await storeInstead(young);
    const fromYoung = await getOnHost(host, '/en/faq');
    await storeInstead(old);
    const fromOld = await getOnHost(host, '/en/faq');
    const next = await getOnHost(host, '/en/faq');

    expect(faq.status, faq.text).toBe(201);
    expect(fromYoung.text).not.toContain(question);
    expect(fromOld.text).toContain(question);
    expect(next.text).toContain(question);
  });
});
