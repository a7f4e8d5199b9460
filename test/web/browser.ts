import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** The demo tenant's trust center on the local platform (its default host is `localhost`). */
export const siteUrl = inject('baseUrl').replace('127.0.0.1', 'localhost');

const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

/** Debian's Chromium (installed by .ci/run), headless, with the flags NOTES-LOCAL-STACK.md names. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.TC_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile (no cookies) in a language, with or without JavaScript. */
export function visitor(
  browser: Browser,
  options: { locale?: string; javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: siteUrl,
    locale: options.locale ?? 'en-US',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
}

/** What axe-core finds against WCAG 2.0/2.1/2.2 A and AA on the page as it is now, as readable lines. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

/** Keeps a full-page screenshot under test/web/screenshots/ (ignored by git) for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOTS, `${name.replace(/[^a-z0-9-]+/gi, '_')}.png`),
    fullPage: true,
  });
}
