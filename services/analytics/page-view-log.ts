/**
 * Page views off the request path (issue 14, render budget): the site writes each view as a telemetry line
 * (shared/observability/telemetry-log.ts) instead of putting it in the outbox while the visitor waits. A
 * CloudWatch Logs subscription on the site function's log group (infra/constructs/page-view-folding.ts)
 * delivers the lines to the `page-views` function, which checks each and commits it to the outbox; from
 * there the event takes the path it always took (stream, bus, the analytics consumer's counters). Locally
 * the platform's stand-in for the subscription runs the same code.
 *
 * A line carries the whole `visit.page_viewed` event, built by the site (its id included): a delivery
 * retried after a failure writes the same outbox items again, and the consumer's per-event marker counts
 * each event once. Like the event, a line holds no address and no user agent, only the daily pseudonym.
 */
import * as z from 'zod';
import { analyticsEvents } from '#services/analytics/events';
import { batchWriteItems } from '#shared/data/batch-write';
import { outboxItem } from '#shared/data/outbox';
import type { CataloguedEvent } from '#shared/events/envelope';
import { idPattern } from '#shared/ids';
import { writeTelemetry } from '#shared/observability/telemetry-log';

/** The key a page view's line holds its event under. */
export const PAGE_VIEW_LOG_KEY = 'page_view';

/**
 * The subscription's filter pattern (CloudWatch Logs filter pattern syntax for JSON log events): only the
 * site's page-view lines, none of its diagnostics.
 */
export const PAGE_VIEW_FILTER_PATTERN = `{ $.${PAGE_VIEW_LOG_KEY}.type = "visit.page_viewed" }`;

const pageViewed = analyticsEvents.find((definition) => definition.type === 'visit.page_viewed');
if (!pageViewed) throw new Error('visit.page_viewed is not in the analytics events');

/** A page-view line's event, as the site builds it (services/analytics/record-visit.ts); nothing else passes. */
const pageViewEvent = z.strictObject({
  id: z.string().regex(idPattern('event')),
  type: z.literal('visit.page_viewed'),
  tenant_id: z.string().regex(idPattern('organization')),
  occurred_at: z.iso.datetime(),
  actor: z.strictObject({ type: z.literal('system'), id: z.literal('site') }),
  data: pageViewed.data,
});

/** Writes one page view's line (see the module's comment). Synchronous; never touches the network. */
export function logPageView(event: CataloguedEvent<'visit.page_viewed'>): void {
  writeTelemetry(PAGE_VIEW_LOG_KEY, event);
}

/** What one batch of lines gave: lines read, page views committed, lines refused (not a page view the site wrote). */
export interface PageViewFoldSummary {
  lines: number;
  committed: number;
  refused: number;
}

/**
 * The page views of a batch of telemetry records (parsed lines), in order. A record that is not a
 * well-formed page view as the site writes it (another key, another event type, data off the catalogue's
 * schema, an extra field) is left out: `refused` counts them.
 */
export function pageViewsOf(records: readonly Record<string, unknown>[]): {
  events: CataloguedEvent<'visit.page_viewed'>[];
  refused: number;
} {
  const events = records
    .map((record) => pageViewEvent.safeParse(record[PAGE_VIEW_LOG_KEY]))
    .flatMap((parsed) => (parsed.success ? [parsed.data as CataloguedEvent<'visit.page_viewed'>] : []));
  return { events, refused: records.length - events.length };
}

/**
 * Commits the page views of a batch of telemetry records to the outbox (pageViewsOf), 25 per
 * BatchWriteItem. A refused record is counted, not thrown: one bad line must not hold up the others.
 * Throws when DynamoDB fails, so the delivery is retried whole.
 */
export async function commitPageViews(
  records: readonly Record<string, unknown>[],
): Promise<PageViewFoldSummary> {
  const { events, refused } = pageViewsOf(records);
  await batchWriteItems(events.map((event) => ({ PutRequest: { Item: outboxItem(event) } })));
  return { lines: records.length, committed: events.length, refused };
}
