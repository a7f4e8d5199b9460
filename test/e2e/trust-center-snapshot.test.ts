import { describe, expect, it } from 'vitest';
import { newTenant } from '../support/api.ts';
import { useTableFromThisProcess } from '../support/table.ts';
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
});
