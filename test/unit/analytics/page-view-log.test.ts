import { afterEach, describe, expect, it } from 'vitest';
import {
  logPageView,
  PAGE_VIEW_FILTER_PATTERN,
  PAGE_VIEW_LOG_KEY,
  pageViewsOf,
} from '#services/analytics/page-view-log';
import { type CataloguedEvent, domainEvent } from '#shared/events/envelope';
import { redirectTelemetry } from '#shared/observability/telemetry-log';
import { pageViewLines } from '../../support/page-view-lines.ts';

const TENANT = 'org_01JD3Q6V9Z8X7W6V5T4S3R2Q1P';

function pageView(): CataloguedEvent<'visit.page_viewed'> {
  return domainEvent(
    'visit.page_viewed',
    { tenantId: TENANT, system: 'site' },
    {
      day: '2026-12-01',
      page: 'documents',
      language: 'de',
      referrer_domain: null,
      country: 'DE',
      device: 'desktop',
      visitor: 'a'.repeat(32),
      document_id: null,
    },
    new Date('2026-12-01T09:30:00Z'),
  );
}

const parsed = (line: string) => JSON.parse(line) as Record<string, unknown>;

let restoreAfter: (() => void) | undefined;
afterEach(() => restoreAfter?.());

describe('page-view lines', () => {
  it('are one JSON object per view, the whole event under the key the filter pattern matches', () => {
    const event = pageView();

    const [line, ...more] = pageViewLines([event]);

    expect(more).toEqual([]);
    expect(line).not.toContain('\n');
    expect(parsed(line ?? '')).toEqual({ [PAGE_VIEW_LOG_KEY]: event });
    // The filter pattern selects on the key's `type`, which every line holds.
    expect(PAGE_VIEW_FILTER_PATTERN).toContain(`$.${PAGE_VIEW_LOG_KEY}.type = "${event.type}"`);
  });

  it('read back as the events the site wrote, in order', () => {
    const events = [pageView(), pageView(), pageView()];

    const read = pageViewsOf(pageViewLines(events).map(parsed));

    expect(read).toEqual({ events, refused: 0 });
  });

  it('refuse what the site does not write: diagnostics, other events, forged actors, data off the schema', () => {
    const good = pageView();
    const forged = (change: (event: Record<string, unknown>) => void) => {
      const event = structuredClone(good) as unknown as Record<string, unknown>;
      change(event);
      return { [PAGE_VIEW_LOG_KEY]: event };
    };
    const records: Record<string, unknown>[] = [
      { level: 'INFO', message: 'A page view was not recorded', service: 'site' },
      forged((event) => {
        event.type = 'visit.document_downloaded';
      }),
      forged((event) => {
        event.actor = { type: 'user', id: 'usr_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' };
      }),
      forged((event) => {
        event.tenant_id = 'org_123';
      }),
      forged((event) => {
        (event.data as Record<string, unknown>).device = 'toaster';
      }),
      forged((event) => {
        (event.data as Record<string, unknown>).ip = '203.0.113.7';
      }),
      forged((event) => {
        event.extra = true;
      }),
      { [PAGE_VIEW_LOG_KEY]: good },
    ];

    const read = pageViewsOf(records);

    expect(read.events).toEqual([good]);
    expect(read.refused).toBe(records.length - 1);
  });

  it('go to stdout again once the redirect is undone', () => {
    const lines: string[] = [];
    restoreAfter = redirectTelemetry((line) => lines.push(line));
    restoreAfter();
    const stdout: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      stdout.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      logPageView(pageView());
    } finally {
      process.stdout.write = original;
    }

    expect(lines).toEqual([]);
    expect(stdout).toHaveLength(1);
    expect(stdout[0]?.endsWith('\n')).toBe(true);
    expect(Object.keys(parsed(stdout[0] ?? ''))).toEqual([PAGE_VIEW_LOG_KEY]);
  });
});
