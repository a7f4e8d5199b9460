import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { de } from '#services/site/messages/de';
import { en } from '#services/site/messages/en';
import { fr } from '#services/site/messages/fr';
import { LISTED_ROUTES, MAIL_LINK_ROUTES } from '#services/site/public';
import { LANGUAGES } from '#shared/languages';
import { requestOnHost } from '../support/trust-center.ts';
import { accessibilityViolations, launchChromium, screenshot, siteUrl, visitor } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Every page a visitor can open by GET, with the status it answers without a session: the listed pages,
 * the confirmation after a request, the landings of the links in mail, "your documents" without a
 * session, and the 404.
 */
const ROUTES: readonly (readonly [route: string, status: number])[] = [
  ...LISTED_ROUTES.map((route) => [route, 200] as const),
  ['request/sent?status=pending', 200],
  [`${MAIL_LINK_ROUTES.magicLink}?token=mailed-token`, 200],
  ['access/documents', 401],
  [`${MAIL_LINK_ROUTES.confirmSubscription}?token=mailed-token`, 200],
  [`${MAIL_LINK_ROUTES.unsubscribe}?token=mailed-token`, 200],
  ['no-such-page', 404],
];
const pages = LANGUAGES.flatMap((language) =>
  ROUTES.map(([route, status]) => [language, route, status] as const),
);

/**
 * The English interface strings a German or French page must not show: each message whose translation
 * differs, without placeholders (so it reads as it is written), of two words or more.
 */
const ENGLISH_ONLY = (Object.keys(en) as (keyof typeof en)[])
  .filter((id) => en[id] !== de[id] && en[id] !== fr[id] && !en[id].includes('{') && en[id].includes(' '))
  .map((id) => en[id]);

describe('every page in every language', () => {
  it.each(pages)(
    '/%s/%s reads in its language with no accessibility violation',
    async (language, route, status) => {
      const context = await visitor(browser);
      const page = await context.newPage();

      const response = await page.goto(`/${language}${route ? `/${route}` : ''}`);
      const text = await page.locator('body').innerText();

      expect(response?.status()).toBe(status);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await page.locator('h1').count()).toBe(1);
      if (language !== 'en') expect(ENGLISH_ONLY.filter((english) => text.includes(english))).toEqual([]);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, `${language}-${route.split('?')[0] || 'overview'}`);
      await context.close();
    },
  );
});

describe('languages', () => {
  it('sends a bare path to the visitor’s language, keeping the query', async () => {
    const response = await fetch(`${siteUrl}/search?q=backup`, {
      headers: { 'Accept-Language': 'fr-CH, fr;q=0.9, en;q=0.5' },
      redirect: 'manual',
    });

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/fr/search?q=backup');
    expect(response.headers.get('vary')).toBe('Accept-Language');
  });

  it('links every language version of a page and switches between them', async () => {
    const context = await visitor(browser, { locale: 'de-DE' });
    const page = await context.newPage();

    await page.goto('/');
    const alternates = await page.$$eval('link[rel="alternate"][hreflang]', (links) =>
      links.map((link) => [link.getAttribute('hreflang'), new URL(link.getAttribute('href') ?? '').pathname]),
    );
    await page.getByRole('link', { name: 'Français' }).click();

    expect(new URL(page.url()).pathname).toBe('/fr');
    expect(alternates).toEqual([
      ['en', '/en'],
      ['de', '/de'],
      ['fr', '/fr'],
      ['x-default', '/'],
    ]);
    await context.close();
  });
});

describe('security headers', () => {
  it('allows only this answer’s nonce for scripts, no framing, and names no platform', async () => {
    const first = await fetch(`${siteUrl}/en`);
    const second = await fetch(`${siteUrl}/en`);
    const html = await first.text();
    const nonce = first.headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1];

    expect(nonce).toBeTruthy();
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    expect(first.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('referrer-policy')).toBe('same-origin');
    expect(first.headers.get('permissions-policy')).toContain('camera=()');
    expect(html).not.toMatch(/generator|trust center platform|trust-center-platform|powered by/i);
    for (const script of html.match(/<script[^>]*>/g) ?? []) expect(script).toContain(`nonce="${nonce}"`);
  });

  it('sends HSTS, nosniff and no-store with every kind of answer, redirects and errors included', async () => {
    const answers = {
      page: await fetch(`${siteUrl}/en`),
      languageRedirect: await fetch(`${siteUrl}/`, { redirect: 'manual' }),
      linkRedirect: await fetch(`${siteUrl}/access?token=abc`, { redirect: 'manual' }),
      notFound: await fetch(`${siteUrl}/en/no-such-page`),
      wrongMethod: await fetch(`${siteUrl}/en`, { method: 'PUT' }),
      crossSitePost: await fetch(`${siteUrl}/en/access`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
        body: 'token=x',
      }),
      conventionalIcon: await fetch(`${siteUrl}/favicon.ico`, { redirect: 'manual' }),
      undeclaredApiPath: await fetch(`${siteUrl}/api/no-such-route`),
      noTrustCenter: await requestOnHost('GET', 'nobody-here.localhost', '/en'),
    };

    const statuses = Object.fromEntries(
      Object.entries(answers).map(([kind, answer]) => [kind, answer.status]),
    );
    expect(statuses).toEqual({
      page: 200,
      languageRedirect: 302,
      linkRedirect: 302,
      notFound: 404,
      wrongMethod: 405,
      crossSitePost: 403,
      conventionalIcon: 404, // the demo brand has no favicon
      undeclaredApiPath: 404,
      noTrustCenter: 404,
    });
    for (const [kind, answer] of Object.entries(answers)) {
      expect(answer.headers.get('strict-transport-security'), kind).toMatch(
        /^max-age=\d+; includeSubDomains$/,
      );
      expect(answer.headers.get('x-content-type-options'), kind).toBe('nosniff');
      expect(answer.headers.get('cache-control'), kind).toBe('no-store');
    }
    // Assets: the same, but cached for good when they exist.
    const html = await answers.page.text();
    const css = html.match(/href="(\/assets\/site-[A-Z0-9]+\.css)"/)?.[1];
    const asset = await fetch(`${siteUrl}${css}`);
    const missingAsset = await fetch(`${siteUrl}/assets/site-NOSUCHHASH.css`);
    expect([asset.status, missingAsset.status]).toEqual([200, 404]);
    for (const answer of [asset, missingAsset]) {
      expect(answer.headers.get('strict-transport-security')).toMatch(/^max-age=\d+; includeSubDomains$/);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(missingAsset.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a form post from another site', async () => {
    const response = await fetch(`${siteUrl}/en/access`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: 'token=x',
    });

    expect(response.status).toBe(403);
  });

  it('serves assets under hashed names, cached for good', async () => {
    const html = await (await fetch(`${siteUrl}/en`)).text();
    const css = html.match(/href="(\/assets\/site-[A-Z0-9]+\.css)"/)?.[1];

    const response = await fetch(`${siteUrl}${css}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${siteUrl}/assets/site.css`)).status).toBe(404);
  });
});
