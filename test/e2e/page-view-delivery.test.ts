import type { CloudWatchLogsEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { domainEvent } from '#shared/events/envelope';
import { settle } from '../support/analytics.ts';
import { newTenant } from '../support/api.ts';
import { logDelivery } from '../support/log-delivery.ts';
import { pageViewLines } from '../support/page-view-lines.ts';
import { useTableFromThisProcess } from '../support/table.ts';

/**
 * The AWS path of page views: the site writes each view as a line of its log, and CloudWatch Logs delivers
 * batches of those lines to the `page-views` function, which commits them to the outbox; the analytics
 * consumer counts them from there. Run in this process against the test platform's table, whose relay and
 * consumers then count what the function committed. (Locally the platform's stand-in for the subscription
 * runs the same commit: test/e2e/analytics.test.ts counts views made through the site.)
 */
let handler: (event: CloudWatchLogsEvent) => Promise<unknown>;

beforeAll(async () => {
  useTableFromThisProcess();
  ({ handler } = (await import('#services/analytics/page-view-log-handler')) as unknown as {
    handler: (event: CloudWatchLogsEvent) => Promise<unknown>;
  });
});

const delivery = (messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE', messages: readonly string[]) =>
  logDelivery(messageType, messages, {
    logGroup: '/aws/lambda/dev-trust-center-site',
    subscription: 'dev-trust-center-page-views',
  });

describe("the site log's page-view subscription", () => {
  it('commits each view once, however often a delivery comes, and nothing but page views', async () => {
    const tenant = newTenant();
    const day = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const view = (page: string, visitor: string) =>
      domainEvent(
        'visit.page_viewed',
        { tenantId: tenant.tenantId, system: 'site' },
        {
          day,
          page,
          language: 'de',
          referrer_domain: null,
          country: 'DE',
          device: 'desktop',
          visitor: visitor.repeat(32),
          document_id: null,
        },
        new Date(`${day}T10:00:00Z`),
      );
    const views = [view('overview', 'a'), view('documents', 'a'), view('overview', 'b')];
    const [first, ...rest] = pageViewLines(views);
    const batch = delivery('DATA_MESSAGE', [
      first ?? '',
      // The site's diagnostics share its log; the filter pattern keeps them out, and so does the function.
      JSON.stringify({ level: 'WARN', message: 'A page view was not recorded', service: 'site' }),
      'START RequestId: 8f5e1c3a-2d4b-4e6f-9a7c-1b3d5f7e9a0c Version: $LATEST',
      ...rest,
    ]);

    const control = await handler(
      delivery('CONTROL_MESSAGE', ['CWL CONTROL MESSAGE: Checking health of destination']),
    );
    const summaries = [await handler(batch), await handler(batch)];
    await settle();
    const counted = await tenant.call<{
      totals: { page_views: number; unique_visitors: number };
      pages: { page: string; page_views: number }[];
    }>('GET', `/api/v1/analytics/overview?from=${day}&to=${day}`);

    expect(control).toBeUndefined();
    expect(summaries).toEqual([
      { lines: 4, committed: 3, refused: 1 },
      { lines: 4, committed: 3, refused: 1 },
    ]);
    expect(counted.status, counted.text).toBe(200);
    expect(counted.body.totals).toMatchObject({ page_views: 3, unique_visitors: 2 });
    expect(counted.body.pages).toEqual([
      { page: 'overview', page_views: 2 },
      { page: 'documents', page_views: 1 },
    ]);
  });
});
