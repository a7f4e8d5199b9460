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
    const responses: { url: string; status: number; type: string }[] = [];
    page.on('response', (response) =>
      responses.push({
        url: response.url(),
        status: response.status(),
        type: response.headers()['content-type'] ?? '',
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
    expect(bodyFont.split(',')[0]?.replace(/"/g, '').trim()).toBe('Inter');
    expect(interLoaded).toBe(true);
    expect(fontFile).toMatchObject({ status: 200, type: 'font/woff2' });
    expect(new URL(fontFile?.url ?? '').origin).toBe(new URL(siteUrl).origin);
    expect(refusals).toEqual([]);
    await context.close();
  });
});
