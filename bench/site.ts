import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Request } from 'playwright-core';
// The page list only: site/public also re-exports the mail links, whose imports create SDK clients
// before the bench's platform has set the emulator endpoints.
import { LISTED_ROUTES } from '#services/site/site-map';
import { LANGUAGES } from '#shared/languages';
import { type LighthouseResult, measureLighthouse } from './site-lighthouse.ts';
import { type LatencyStats, ratio, summarize } from './stats.ts';

/**
 * The trust-center site's budgets (issue 14, item 5), measured on the local platform: what each page
 * transfers compressed, the JavaScript, third-party requests, the overview's render time against an API
 * GET by id, and Lighthouse on the overview. Figures only: nothing here asserts them (see README, "Bench").
 */

/** Issue 14's budgets. KB = 1,000 bytes. */
export const SITE_BUDGETS = {
  pageBytes: 100_000,
  javaScriptBytes: 30_000,
  thirdPartyRequests: 0,
  renderToApiP50Ratio: 2,
  lighthousePerformance: 95,
  lighthouseAccessibility: 100,
} as const;

/**
 * What CloudFront compresses (Serve compressed files, "Conditions for compression"): bodies of 1,000 to
 * 10,000,000 bytes with a compressible content type and no Content-Encoding of their own; brotli when the
 * viewer accepts it, else gzip. CloudFront does not publish its levels: brotli at quality 11 and gzip at
 * zlib's default (6) bracket what it can send.
 */
const COMPRESSIBLE =
  /^(text\/|application\/(javascript|json|xml|manifest\+json)|image\/svg\+xml|font\/(ttf|otf))/;
const MIN_COMPRESSED_BYTES = 1_000;

export interface SiteSettings {
  /** Sequential requests of each kind, overview and API interleaved, after `renderWarmup` of each. */
  renderSamples: number;
  renderWarmup: number;
  chromium: string;
}

/** One response a page load made, as served locally and as CloudFront would send it. */
export interface TransferFigure {
  url: string;
  type: string;
  status: number;
  /** Response headers + body as the local gateway sent them (it does not compress). */
  servedBytes: number;
  /** Headers + body with the body as CloudFront sends it to a viewer accepting br (gzip). */
  brotliBytes: number;
  gzipBytes: number;
}

export interface PageFigure {
  language: string;
  /** '' is the overview; `no-such-page` the branded 404. */
  route: string;
  path: string;
  status: number;
  requests: number;
  /**
   * The logo's responses are left out of the sums (the budget excludes it): the request for the header
   * image's URL and any its redirects led to (a redirect elsewhere is still a third-party request).
   */
  logoRequests: number;
  servedBytes: number;
  brotliBytes: number;
  gzipBytes: number;
  /** The larger (gzip) figure against SITE_BUDGETS.pageBytes. */
  withinBudget: boolean;
  transfers: TransferFigure[];
}

export interface SiteResults {
  settings: SiteSettings;
  budgets: typeof SITE_BUDGETS;
  /** The Content-Encoding the local gateway answered `Accept-Encoding: br, gzip` with (null: none). */
  localContentEncoding: string | null;
  pages: PageFigure[];
  largestPage: { path: string; gzipBytes: number; brotliBytes: number };
  /** Every script of the build (web/build.ts), compressed as CloudFront sends it. */
  javaScript: {
    files: { name: string; bytes: number; gzipBytes: number; brotliBytes: number }[];
    gzipBytes: number;
    brotliBytes: number;
    withinBudget: boolean;
  };
  /** Requests to any origin but the site's, from Chromium's network log over every page load. */
  thirdParty: { requests: number; urls: string[] };
  render: {
    /** As a browser's visit: the page view is recorded (a log line; committed off the request path). */
    overview: LatencyStats;
    /** The same page for a crawler: no page view recorded. */
    overviewUnrecorded: LatencyStats;
    apiGetById: LatencyStats;
    /** Overview p50 / API GET by id p50. */
    p50Ratio: number | null;
    withinBudget: boolean;
  };
  lighthouse: LighthouseResult;
}

export interface SiteBenchOptions {
  /** The site's origin for the demo tenant (`http://localhost:<port>`). */
  siteUrl: string;
  /** The API's base URL, and a credential and account id for the GET by id. */
  apiUrl: string;
  credential: string;
  accountId: string;
  /** The folder the site's assets were built into (holds manifest.json). */
  assetsDir: string;
  settings: SiteSettings;
  progress: (line: string) => void;
}

function compressedBody(body: Buffer, contentType: string, encoding: 'br' | 'gzip'): number {
  if (!COMPRESSIBLE.test(contentType) || body.length < MIN_COMPRESSED_BYTES) return body.length;
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
    : gzipSync(body).length;
}

async function transferOf(request: Request): Promise<TransferFigure | undefined> {
  const response = await request.response();
  if (!response) return undefined;
  const sizes = await request.sizes();
  const body = await response.body().catch(() => Buffer.alloc(0));
  const headers = await response.allHeaders();
  const contentType = headers['content-type'] ?? '';
  const already = headers['content-encoding'];
  const wire = (encoding: 'br' | 'gzip') =>
    sizes.responseHeadersSize +
    (already ? sizes.responseBodySize : compressedBody(body, contentType, encoding));
  return {
    url: request.url(),
    type: request.resourceType(),
    status: response.status(),
    servedBytes: sizes.responseHeadersSize + sizes.responseBodySize,
    brotliBytes: wire('br'),
    gzipBytes: wire('gzip'),
  };
}

/** The URLs a request went through: its own, then each one it was redirected from. */
function redirectChain(request: Request): string[] {
  const urls: string[] = [];
  for (let current: Request | null = request; current; current = current.redirectedFrom())
    urls.push(current.url());
  return urls;
}

/** Loads one page in a fresh context (nothing cached, as on a first visit) and sums what it transferred. */
async function measurePage(
  context: BrowserContext,
  siteUrl: string,
  language: string,
  route: string,
  thirdParty: string[],
): Promise<PageFigure> {
  const origin = new URL(siteUrl).origin;
  const requests: Request[] = [];
  context.on('requestfinished', (request) => requests.push(request));
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin)
      thirdParty.push(url);
  });
  const page = await context.newPage();
  const path = `/${language}${route ? `/${route}` : ''}`;
  const response = await page.goto(`${siteUrl}${path}`, { waitUntil: 'networkidle' });
  const logos = new Set(
    await page.$$eval('header img', (images) =>
      images.map((image) => (image as unknown as { src: string }).src),
    ),
  );
  const isLogo = (request: Request) => redirectChain(request).some((url) => logos.has(url));
  const measured = await Promise.all(
    requests.map(async (request) => ({ logo: isLogo(request), transfer: await transferOf(request) })),
  );
  const answered = measured.filter(
    (entry): entry is { logo: boolean; transfer: TransferFigure } => entry.transfer !== undefined,
  );
  const transfers = answered.map((entry) => entry.transfer);
  const counted = answered.filter((entry) => !entry.logo).map((entry) => entry.transfer);
  const sum = (key: 'servedBytes' | 'brotliBytes' | 'gzipBytes') =>
    counted.reduce((total, transfer) => total + transfer[key], 0);
  await page.close();
  return {
    language,
    route,
    path,
    status: response?.status() ?? 0,
    requests: transfers.length,
    logoRequests: transfers.length - counted.length,
    servedBytes: sum('servedBytes'),
    brotliBytes: sum('brotliBytes'),
    gzipBytes: sum('gzipBytes'),
    withinBudget: sum('gzipBytes') <= SITE_BUDGETS.pageBytes,
    transfers,
  };
}

async function measureJavaScript(assetsDir: string): Promise<SiteResults['javaScript']> {
  const names = (await readdir(assetsDir)).filter((name) => extname(name) === '.js').sort();
  const files = await Promise.all(
    names.map(async (name) => {
      const body = await readFile(join(assetsDir, name));
      return {
        name,
        bytes: body.length,
        gzipBytes: compressedBody(body, 'application/javascript', 'gzip'),
        brotliBytes: compressedBody(body, 'application/javascript', 'br'),
      };
    }),
  );
  const gzipBytes = files.reduce((total, file) => total + file.gzipBytes, 0);
  return {
    files,
    gzipBytes,
    brotliBytes: files.reduce((total, file) => total + file.brotliBytes, 0),
    withinBudget: gzipBytes <= SITE_BUDGETS.javaScriptBytes,
  };
}

/** Milliseconds from sending the request to the last byte of the body. */
async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return elapsed;
}

/**
 * A desktop Chromium's User-Agent for the overview requests: the site records a page view for a browser
 * (its pseudonym worked out and a log line written; the outbox write is the log subscription's, off the
 * request path) and none for a bot, and Node's `node` agent reads as a bot.
 */
export const BROWSER_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
/** A crawler's User-Agent: the same page, no page view recorded (what the recording costs is the difference). */
export const BOT_USER_AGENT = 'Mozilla/5.0 (compatible; SiteBenchBot/1.0)';

/**
 * The overview's server render, as a browser's visit (page view recorded), against an API GET by id: one
 * after the other, interleaved, on one keep-alive client, so both see the same machine load. Round trips
 * through the local gateway.
 */
async function measureRender(options: SiteBenchOptions): Promise<SiteResults['render']> {
  const overview = `${options.siteUrl}/en`;
  const api = `${options.apiUrl}/api/v1/accounts/${options.accountId}`;
  const apiHeaders = { Authorization: `Bearer ${options.credential}` };
  const pageSamples: number[] = [];
  const botSamples: number[] = [];
  const apiSamples: number[] = [];
  const { renderWarmup, renderSamples } = options.settings;
  for (let index = 0; index < renderWarmup + renderSamples; index++) {
    const page = await timed(overview, { 'User-Agent': BROWSER_USER_AGENT });
    const bot = await timed(overview, { 'User-Agent': BOT_USER_AGENT });
    const get = await timed(api, apiHeaders);
    if (index < renderWarmup) continue;
    pageSamples.push(page);
    botSamples.push(bot);
    apiSamples.push(get);
  }
  const pageStats = summarize(pageSamples);
  const apiStats = summarize(apiSamples);
  const p50Ratio = ratio(pageStats.p50, apiStats.p50);
  return {
    overview: pageStats,
    overviewUnrecorded: summarize(botSamples),
    apiGetById: apiStats,
    p50Ratio,
    withinBudget: p50Ratio !== null && p50Ratio <= SITE_BUDGETS.renderToApiP50Ratio,
  };
}

/** Every figure of the site bench, against a running local platform. */
export async function measureSite(options: SiteBenchOptions): Promise<SiteResults> {
  const { progress, siteUrl } = options;
  const probe = await fetch(`${siteUrl}/en`, { headers: { 'Accept-Encoding': 'br, gzip' } });
  await probe.arrayBuffer();
  const localContentEncoding = probe.headers.get('content-encoding');

  progress('site: loading every page in every language in Chromium');
  const browser = await chromium.launch({
    executablePath: options.settings.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const thirdParty: string[] = [];
  const pages: PageFigure[] = [];
  try {
    for (const language of LANGUAGES) {
      for (const route of [...LISTED_ROUTES, 'no-such-page']) {
        const context = await browser.newContext({ locale: language });
        pages.push(await measurePage(context, siteUrl, language, route, thirdParty));
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const largest = pages.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a));

  progress(`site: overview render vs API GET by id, ${options.settings.renderSamples} of each`);
  const render = await measureRender(options);

  progress('site: Lighthouse on the overview');
  const lighthouse = await measureLighthouse(`${siteUrl}/en`, options.settings.chromium);

  return {
    settings: options.settings,
    budgets: SITE_BUDGETS,
    localContentEncoding,
    pages,
    largestPage: { path: largest.path, gzipBytes: largest.gzipBytes, brotliBytes: largest.brotliBytes },
    javaScript: await measureJavaScript(options.assetsDir),
    thirdParty: { requests: thirdParty.length, urls: [...new Set(thirdParty)] },
    render,
    lighthouse,
  };
}
