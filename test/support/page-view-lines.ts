import { logPageView } from '#services/analytics/page-view-log';
import type { CataloguedEvent } from '#shared/events/envelope';
import { redirectTelemetry } from '#shared/observability/telemetry-log';

/** The lines the site writes for these page views, as its log (and so a log subscription) holds them. */
export function pageViewLines(events: readonly CataloguedEvent<'visit.page_viewed'>[]): string[] {
  const lines: string[] = [];
  const restore = redirectTelemetry((line) => lines.push(line));
  try {
    for (const event of events) logPageView(event);
  } finally {
    restore();
  }
  return lines;
}
