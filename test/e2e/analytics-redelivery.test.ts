import { describe, expect, it } from 'vitest';
import { applyFold } from '#services/analytics/counters';
import { type FoldedEvent, foldEvent } from '#services/analytics/fold';
import { settle } from '../support/analytics.ts';
import { newTenant } from '../support/api.ts';
import { partition, useTableFromThisProcess } from '../support/table.ts';
import { getOnHost, trustCenterHost } from '../support/trust-center.ts';

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const day = new Date(Date.now() - 9 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe('visitor analytics: delivery', () => {
  it('counts a redelivered event once, and keeps page views out of the audit log', async () => {
    useTableFromThisProcess();
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    await getOnHost(host, '/en/faq', { 'User-Agent': BROWSER, 'X-TC-Test-Now': `${day}T08:00:00.000Z` });
    await settle();
    const outbox = (await partition(`${tenant.tenantId}#outbox`)) as { event: FoldedEvent }[];
    const [recorded] = outbox.map((item) => item.event).filter((event) => event.type === 'visit.page_viewed');
    if (!recorded) throw new Error('No page view was recorded');

    // What EventBridge may do: deliver the same event again, after the consumer's own run marker is gone.
    for (const _again of [1, 2])
      await applyFold(tenant.tenantId, recorded.id, foldEvent(recorded), 30, new Date());
    const counted = await tenant.call<{ totals: unknown }>(
      'GET',
      `/api/v1/analytics/overview?from=${day}&to=${day}`,
    );
    const audit = await tenant.call<{ audit_logs: unknown[] }>('GET', '/api/v1/audit-logs?action=visit.*');

    expect(counted.body.totals).toEqual({ page_views: 1, unique_visitors: 1, downloads: 0 });
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.audit_logs).toEqual([]);
  });
});
