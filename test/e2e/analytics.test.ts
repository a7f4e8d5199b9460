import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { documentWithFile, settle } from '../support/analytics.ts';
import { newTenant, type TestTenant } from '../support/api.ts';
import { getOnHost, trustCenterHost } from '../support/trust-center.ts';

/** Browsers of three device classes, and two known bots. */
const DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const MOBILE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const TABLET =
  'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const HEADLESS =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36';

const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);
/** A day a few days back, so that no test depends on the wall clock's date. */
const pastDay = (back: number) => dayOf(new Date(Date.now() - back * DAY_MS));

interface Overview {
  period: { from: string; to: string; days: number };
  totals: { page_views: number; unique_visitors: number; downloads: number };
  series: { date: string; page_views: number; unique_visitors: number; downloads: number }[];
  pages: { page: string; page_views: number }[];
  languages: { language: string; page_views: number }[];
  referrers: { domain: string; page_views: number }[];
  countries: { country: string; page_views: number }[];
  devices: { device: string; page_views: number }[];
}

/** A page view as a browser makes it, on the tenant's host, at an injected instant. */
function view(host: string, path: string, headers: Record<string, string>, at?: string) {
  return getOnHost(host, path, { ...headers, ...(at ? { 'X-TC-Test-Now': at } : {}) });
}

async function overview(tenant: TestTenant, query: string) {
  const answer = await tenant.call<Overview>('GET', `/api/v1/analytics/overview?${query}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
}

describe('visitor analytics: page views', () => {
  it('counts every page view, unique visitor, dimension and download exactly', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const report = await documentWithFile(tenant, 'public', 'Security whitepaper');
    const restricted = await documentWithFile(tenant, 'restricted', 'SOC 2 Report');
    const day = pastDay(3);
    const at = `${day}T12:00:00.000Z`;
    const fromGoogle = {
      'User-Agent': DESKTOP,
      Referer: 'https://www.google.com/',
      'CloudFront-Viewer-Country': 'DE',
    };

    const served = [
      await view(host, '/en', fromGoogle, at),
      await view(host, '/en/documents', fromGoogle, at),
      await view(host, '/de/documents', fromGoogle, at),
      await view(host, `/en/request?document=${restricted}`, { 'User-Agent': MOBILE }, at),
      await view(
        host,
        '/fr',
        { 'User-Agent': TABLET, Referer: `http://${host}/en`, 'CloudFront-Viewer-Country': 'fr' },
        at,
      ),
    ];
    const notPageViews = [
      await view(host, '/en/no-such-page', { 'User-Agent': DESKTOP }, at),
      await view(host, '/', { 'User-Agent': DESKTOP }, at),
    ];
    const download = await view(host, `/en/documents/${report}/download`, fromGoogle, at);
    await settle();
    const counted = await overview(tenant, `from=${day}&to=${day}`);

    expect(served.map((page) => page.status)).toEqual([200, 200, 200, 200, 200]);
    expect(notPageViews.map((page) => page.status)).toEqual([404, 302]);
    expect(download.status).toBe(303);
    expect(counted.period).toEqual({ from: day, to: day, days: 1 });
    expect(counted.totals).toEqual({ page_views: 5, unique_visitors: 3, downloads: 1 });
    expect(counted.series).toEqual([{ date: day, page_views: 5, unique_visitors: 3, downloads: 1 }]);
    expect(counted.pages).toEqual([
      { page: 'documents', page_views: 2 },
      { page: 'overview', page_views: 2 },
      { page: 'request', page_views: 1 },
    ]);
    expect(counted.languages).toEqual([
      { language: 'en', page_views: 3 },
      { language: 'de', page_views: 1 },
      { language: 'fr', page_views: 1 },
    ]);
    expect(counted.referrers).toEqual([{ domain: 'www.google.com', page_views: 3 }]);
    expect(counted.countries).toEqual([
      { country: 'DE', page_views: 3 },
      { country: 'FR', page_views: 1 },
      { country: 'unknown', page_views: 1 },
    ]);
    expect(counted.devices).toEqual([
      { device: 'desktop', page_views: 3 },
      { device: 'mobile', page_views: 1 },
      { device: 'tablet', page_views: 1 },
    ]);
  });

  it('counts the same visitor on two days as two, and twice on one day as one', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const [first, second] = [pastDay(5), pastDay(4)];
    const browser = { 'User-Agent': DESKTOP };

    await view(host, '/en', browser, `${first}T23:59:00.000Z`);
    await view(host, '/en', browser, `${second}T00:01:00.000Z`);
    await view(host, '/en/faq', browser, `${second}T18:00:00.000Z`);
    await settle();
    const counted = await overview(tenant, `from=${first}&to=${second}`);

    expect(counted.totals).toEqual({ page_views: 3, unique_visitors: 2, downloads: 0 });
    expect(counted.series).toEqual([
      { date: first, page_views: 1, unique_visitors: 1, downloads: 0 },
      { date: second, page_views: 2, unique_visitors: 1, downloads: 0 },
    ]);
  });

  it('counts a known bot, a headless browser and a request without a user agent as none', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const day = pastDay(2);
    const at = `${day}T09:00:00.000Z`;

    const pages = [
      await view(host, '/en', { 'User-Agent': GOOGLEBOT }, at),
      await view(host, '/en/documents', { 'User-Agent': HEADLESS }, at),
      await view(host, '/en/faq', {}, at),
    ];
    await settle();
    const counted = await overview(tenant, `from=${day}&to=${day}`);

    expect(pages.map((page) => page.status)).toEqual([200, 200, 200]);
    expect(counted.totals).toEqual({ page_views: 0, unique_visitors: 0, downloads: 0 });
    expect(counted.pages).toEqual([]);
  });

  it("never shows one organization another's visitors", async () => {
    const visited = newTenant();
    const other = newTenant();
    const host = await trustCenterHost(visited);
    await trustCenterHost(other);
    const day = pastDay(6);

    await view(host, '/en', { 'User-Agent': DESKTOP }, `${day}T10:00:00.000Z`);
    await settle();
    const own = await overview(visited, `from=${day}&to=${day}`);
    const theirs = await overview(other, `from=${day}&to=${day}`);

    expect(own.totals.page_views).toBe(1);
    expect(theirs.totals).toEqual({ page_views: 0, unique_visitors: 0, downloads: 0 });
  });

  it('answers CSV with Accept: text/csv, one row per day, matching the JSON', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const [first, second] = [pastDay(8), pastDay(7)];
    await view(host, '/en', { 'User-Agent': DESKTOP }, `${first}T10:00:00.000Z`);
    await view(host, '/en', { 'User-Agent': MOBILE }, `${second}T10:00:00.000Z`);
    await view(host, '/en/faq', { 'User-Agent': MOBILE }, `${second}T11:00:00.000Z`);
    await settle();

    const json = await overview(tenant, `from=${first}&to=${second}`);
    const csv = await tenant.call('GET', `/api/v1/analytics/overview?from=${first}&to=${second}`, {
      headers: { Accept: 'text/csv' },
    });
    const rows = parse(csv.text, {
      columns: true,
      cast: (value, context) => (context.header || context.column === 'date' ? value : Number(value)),
    });

    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('vary')).toContain('Accept');
    expect(rows).toEqual(json.series);
    expect(rows).toEqual([
      { date: first, page_views: 1, unique_visitors: 1, downloads: 0 },
      { date: second, page_views: 2, unique_visitors: 1, downloads: 0 },
    ]);
  });

  it('refuses a malformed or too long period', async () => {
    const tenant = newTenant();
    const cases = [
      ['period=1d', 'period'],
      ['from=2026-01-01', 'to'],
      ['from=2026-02-01&to=2026-01-01', 'from'],
      ['from=2024-01-01&to=2025-12-31', 'to'],
      ['period=7d&from=2026-01-01&to=2026-01-02', 'period'],
      ['from=2026-02-30&to=2026-03-01', 'from'],
    ] as const;

    const answers = await Promise.all(
      cases.map(([query]) =>
        tenant.call<{ error: { param: string } }>('GET', `/api/v1/analytics/overview?${query}`),
      ),
    );

    expect(answers.map((answer) => [answer.status, answer.body.error?.param])).toEqual(
      cases.map(([, param]) => [400, param]),
    );
  });

  it('covers the last 7, 30 or 90 days for period, 30 by default', async () => {
    const tenant = newTenant();
    const periods = await Promise.all(
      ['period=7d', 'period=90d', ''].map(async (query) => (await overview(tenant, query)).period),
    );

    expect(periods.map((period) => period.days)).toEqual([7, 90, 30]);
    expect(new Set(periods.map((period) => period.to)).size).toBe(1);
  });
});
