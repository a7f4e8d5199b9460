import { describe, expect, it } from 'vitest';
import { visitorPseudonym } from '#services/analytics/daily-salt';
import { periodOf, periodQuery } from '#services/analytics/period';
import {
  countryOf,
  deviceClassOf,
  isBotAgent,
  pageNameOf,
  referrerDomainOf,
} from '#services/analytics/visitor';
import { eventCatalogue } from '#services/registry';
import { EVENT_SOURCE } from '#shared/events/bus';
import { TELEMETRY_TYPE_PREFIX } from '#shared/events/catalogue';
import { consumerEventPattern } from '#shared/events/consumer';
import { compilePattern } from '../../../infra/local/event-bus/pattern.ts';

describe('what a page view records about its visitor', () => {
  it('takes known bots, headless browsers and agentless requests for bots, and browsers for people', () => {
    expect(isBotAgent('Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)')).toBe(true);
    expect(isBotAgent('curl/8.5.0')).toBe(true);
    expect(isBotAgent(undefined)).toBe(true);
    expect(isBotAgent('  ')).toBe(true);
    expect(
      isBotAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'),
    ).toBe(false);
  });

  it('classes devices as desktop, mobile, tablet or other', () => {
    expect(
      deviceClassOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'),
    ).toBe('desktop');
    expect(
      deviceClassOf(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36',
      ),
    ).toBe('mobile');
    expect(
      deviceClassOf('Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 Chrome/131.0 Safari/537.36'),
    ).toBe('tablet');
    expect(deviceClassOf('Something/1.0')).toBe('other');
  });

  it('keeps only the host of a foreign referrer', () => {
    expect(referrerDomainOf('https://www.Google.com/search?q=secret', 'acme.localhost:3000')).toBe(
      'www.google.com',
    );
    expect(referrerDomainOf('http://acme.localhost:3000/en/faq', 'acme.localhost:3000')).toBeNull();
    expect(referrerDomainOf('https://acme.localhost/en', 'acme.localhost:3000')).toBeNull();
    expect(referrerDomainOf('android-app://com.slack', 'acme.localhost')).toBeNull();
    expect(referrerDomainOf('not a url', 'acme.localhost')).toBeNull();
    expect(referrerDomainOf(undefined, 'acme.localhost')).toBeNull();
  });

  it('takes the country from a two-letter code only', () => {
    expect(countryOf('de')).toBe('DE');
    expect(countryOf('XYZ')).toBe('unknown');
    expect(countryOf(undefined)).toBe('unknown');
  });

  it('names the overview page, and pages by route', () => {
    expect(pageNameOf('')).toBe('overview');
    expect(pageNameOf('documents/{id}/download')).toBe('documents/{id}/download');
  });

  it('gives one visitor another pseudonym under another day’s salt or on another trust center', () => {
    const [monday, tuesday] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    const ua = 'Mozilla/5.0';
    const same = visitorPseudonym(monday, 'org_a', '203.0.113.7', ua);

    expect(visitorPseudonym(monday, 'org_a', '203.0.113.7', ua)).toBe(same);
    expect(visitorPseudonym(tuesday, 'org_a', '203.0.113.7', ua)).not.toBe(same);
    expect(visitorPseudonym(monday, 'org_b', '203.0.113.7', ua)).not.toBe(same);
    expect(same).toMatch(/^[0-9a-f]{32}$/);
    expect(same).not.toContain('203');
  });
});

describe('periods', () => {
  it('covers the last N days, today included', () => {
    const now = new Date('2026-03-01T08:00:00Z');
    expect(periodOf({ period: '7d' }, now)).toMatchObject({ from: '2026-02-23', to: '2026-03-01' });
    expect(periodOf({}, now).days).toHaveLength(30);
    expect(periodOf({ from: '2024-02-28', to: '2024-03-01' }).days).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
  });

  it('accepts at most 366 days', () => {
    expect(periodQuery.safeParse({ from: '2024-01-01', to: '2024-12-31' }).success).toBe(true);
    expect(periodQuery.safeParse({ from: '2024-01-01', to: '2025-01-01' }).success).toBe(false);
  });
});

describe('telemetry events on the bus', () => {
  it('reach only the consumers that name them, never one subscribed to every event', () => {
    const everything = compilePattern(
      consumerEventPattern({
        name: 'all',
        service: 'audit',
        summary: '',
        events: '*',
        handle: async () => {},
      }),
    );
    const event = (type: string) => ({ source: EVENT_SOURCE, 'detail-type': type, detail: {} });

    expect(everything(event('account.created'))).toBe(true);
    expect(everything(event('visit.page_viewed'))).toBe(false);
  });
});

describe('telemetry in the catalogue', () => {
  it('is never offered to webhooks', () => {
    const telemetry = eventCatalogue.filter((definition) =>
      definition.type.startsWith(TELEMETRY_TYPE_PREFIX),
    );

    expect(telemetry.map((definition) => definition.type)).toEqual([
      'visit.page_viewed',
      'visit.document_downloaded',
    ]);
    expect(telemetry.map((definition) => definition.webhook)).toEqual([false, false]);
  });
});
