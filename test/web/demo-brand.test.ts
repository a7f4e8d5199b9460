import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, siteUrl, visitor } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the demo trust center’s brand', () => {
  it('shows its logo with alternative text, and sets the page in its own font, served by the site', async () => {
    const context = await visitor(browser, { locale: 'de-DE' });
    const page = await context.newPage();
    const responses: { url: string; status: number; type: string; cacheControl: string }[] = [];
    page.on('response', (response) =>
      responses.push({
        url: response.url(),
        status: response.status(),
        type: response.headers()['content-type'] ?? '',
        cacheControl: response.headers()['cache-control'] ?? '',
      }),
    );
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
    });

    await page.goto('/de');
    await page.evaluate('document.fonts.ready');
    const logo = page.locator('header.site img');
    const loaded = await logo.evaluate((image) => {
      const img = image as unknown as { complete: boolean; naturalWidth: number };
      return img.complete && img.naturalWidth > 0;
    });
    const bodyFont = (await page.evaluate('getComputedStyle(document.body).fontFamily')) as string;
    const interLoaded = await page.evaluate(
      '[...document.fonts].some((face) => face.family.replace(/"/g, "") === "Inter" && face.status === "loaded")',
    );
    const fontFile = responses.find((response) =>
      /\/assets\/inter-latin-400-normal-[A-Z0-9]+\.woff2$/.test(response.url),
    );

    expect(await logo.getAttribute('alt')).toBe('Logo von Demo Company');
    expect(loaded).toBe(true);
    expect(
      responses.some((response) => response.type.startsWith('image/png') && response.status === 200),
    ).toBe(true);
    const fontPreloads = await page.locator('link[rel="preload"][as="font"]').evaluateAll((links) =>
      links.map((link) => ({
        href: link.getAttribute('href'),
        crossorigin: link.getAttribute('crossorigin'),
      })),
    );
    expect(bodyFont.split(',')[0]?.replace(/"/g, '').trim()).toBe('Inter');
    expect(interLoaded).toBe(true);
    expect(fontFile).toMatchObject({ status: 200, type: 'font/woff2' });
    expect(new URL(fontFile?.url ?? '').origin).toBe(new URL(siteUrl).origin);
    // Both weights fetched with the stylesheets, in CORS mode as fonts are (else the preload is wasted).
    expect(fontPreloads).toEqual([
      { href: expect.stringMatching(/^\/assets\/inter-latin-400-normal-/), crossorigin: 'anonymous' },
      { href: expect.stringMatching(/^\/assets\/inter-latin-700-normal-/), crossorigin: 'anonymous' },
    ]);
    expect(refusals).toEqual([]);
    await context.close();
  });

  it('loads its logo from the trust center’s own origin, once for good, in a box reserved before it arrives', async () => {
    const context = await visitor(browser, { locale: 'en-US' });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).origin !== new URL(siteUrl).origin) elsewhere.push(request.url());
    });
    // Chromium's own account of each answer, which tells what came from its cache.
    const logoAnswers: { status: number; type: string; cacheControl: string; fromCache: boolean }[] = [];
    const devtools = await context.newCDPSession(page);
    await devtools.send('Network.enable');
    const servedFromCache = new Set<string>();
    devtools.on('Network.requestServedFromCache', ({ requestId }) => servedFromCache.add(requestId));
    devtools.on('Network.responseReceived', ({ requestId, response }) => {
      if (new URL(response.url).pathname !== '/api/v1/public/brand/logo') return;
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
      );
      logoAnswers.push({
        status: response.status,
        type: headers['content-type'] ?? '',
        cacheControl: headers['cache-control'] ?? '',
        fromCache: servedFromCache.has(requestId),
      });
    });

    await page.goto('/en');
    const logo = page.locator('header.site img');
    const [width, height] = await Promise.all([logo.getAttribute('width'), logo.getAttribute('height')]);
    const natural = await logo.evaluate((image) => {
      const img = image as unknown as { naturalWidth: number; naturalHeight: number };
      return { width: img.naturalWidth, height: img.naturalHeight };
    });
    await page.goto('/en/faq');

    expect(elsewhere).toEqual([]);
    // The box is the image's own: its intrinsic size, kept when it was uploaded.
    expect({ width: Number(width), height: Number(height) }).toEqual(natural);
    expect(logoAnswers[0]).toEqual({
      status: 200,
      type: 'image/png',
      cacheControl: 'public, max-age=31536000, immutable',
      fromCache: false,
    });
    // The second page takes it from the browser's cache: no request reaches the site again.
    expect(logoAnswers.length).toBeGreaterThan(1);
    expect(logoAnswers.slice(1).every((answer) => answer.fromCache)).toBe(true);
    await context.close();
  });
});
