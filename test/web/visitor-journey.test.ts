import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { request } from '../support/api.ts';
import { uniqueEmail } from '../support/people.ts';
import { accessibilityViolations, launchChromium, screenshot, visitor } from './browser.ts';

const standardFontDataUrl = fileURLToPath(
  new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url),
);

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl }).promise;
  const texts: string[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const content = await (await pdf.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return texts.join('\n');
}

/** The demo tenant's owner, signed in through the API as a reviewer would be. */
async function adminToken(): Promise<string> {
  const signedIn = await request<{ accessToken: string }>('POST', '/api/v1/login', { body: inject('admin') });
  expect(signedIn.status, signedIn.text).toBe(200);
  return signedIn.body.accessToken;
}

async function magicLinkFor(email: string): Promise<string> {
  await request('POST', '/_local/events/settle');
  const mail = await request<{ emails: { destination: { to: string[] }; body: { text: string } }[] }>(
    'GET',
    '/_local/mail',
  );
  const message = mail.body.emails.filter((item) => item.destination.to.includes(email)).at(-1);
  const link = message?.body.text.match(/https?:\/\/\S+\/access\?token=\S+/)?.[0];
  if (!link) throw new Error(`No magic link mailed to ${email}`);
  return link;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('a visitor’s journey through the demo trust center', () => {
  it('reads in German, finds an answer despite a typo, asks for an NDA document and downloads it watermarked', async () => {
    const email = uniqueEmail('erika', 'kunde.example');
    const context = await visitor(browser, { locale: 'de-DE' });
    const page = await context.newPage();

    // The overview, in German by Accept-Language.
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/de');
    await expect(page.locator('h1').textContent()).resolves.toContain('Sicherheit');

    // The knowledge base answers as the visitor types, typo and all.
    await page.getByRole('link', { name: 'Wissensdatenbank' }).click();
    await page
      .getByLabel('Die Wissensdatenbank durchsuchen')
      .pressSequentially('Verschlüselung', { delay: 20 });
    await page.locator('#results h2').first().waitFor();
    await expect(page.locator('#results').textContent()).resolves.toContain('Welche Verschlüsselung');

    // An NDA document, asked for from the documents page; the proof of work runs in the browser.
    await page.getByRole('link', { name: 'Dokumente', exact: true }).click();
    await page.getByRole('link', { name: 'SOC-2-Typ-II-Bericht anfragen' }).click();
    await page.getByLabel('Vollständiger Name').fill('Erika Mustermann');
    await page.getByLabel('Geschäftliche E-Mail-Adresse').fill(email);
    await page.getByLabel('Unternehmen').fill('Kunde GmbH');
    await expect(page.getByRole('checkbox', { name: /SOC-2-Typ-II-Bericht/ }).isChecked()).resolves.toBe(
      true,
    );
    await page.getByLabel('Ich habe die Geheimhaltungsvereinbarung gelesen und akzeptiere sie.').check();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await page.waitForURL(/\/de\/request\/sent/);
    await screenshot(page, 'journey-de-request-sent');

    // A reviewer approves it through the Admin API.
    const token = await adminToken();
    const listed = await request<{ access_requests: { id: string; email: string }[] }>(
      'GET',
      '/api/v1/access-requests?review_status=to_review&limit=100',
      { token },
    );
    const submitted = listed.body.access_requests.find((item) => item.email === email);
    expect(submitted, listed.text).toBeDefined();
    const approved = await request('PATCH', `/api/v1/access-requests/${submitted?.id}`, {
      token,
      body: { review_status: 'approved' },
    });
    expect(approved.status, approved.text).toBe(200);

    // The magic link from the mail opens "your documents" once the visitor clicks through.
    const link = new URL(await magicLinkFor(email));
    await page.goto(`${link.pathname}${link.search}`);
    await page.getByRole('button', { name: 'Meine Dokumente öffnen' }).click();
    await page.waitForURL(/\/de\/access\/documents$/);
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === '__Host-visitor');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'journey-de-your-documents');

    // The download is the PDF stamped with the visitor's email.
    const href = await page
      .getByRole('link', { name: /herunterladen \(mit Wasserzeichen\)/ })
      .getAttribute('href');
    const download = await context.request.get(href ?? '');
    expect(download.status()).toBe(200);
    expect(await pdfText(await download.body())).toContain(email);
    await context.close();
  }, 120_000);

  it('still reads and links every public document with JavaScript off', async () => {
    const context = await visitor(browser, { locale: 'en-GB', javaScriptEnabled: false });
    const page = await context.newPage();

    await page.goto('/en/documents');
    const downloads = await page
      .locator('a[href$="/download"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    const listed = await request<{ documents: { id: string }[] }>(
      'GET',
      '/api/v1/documents?access_level=public&limit=100',
      { token: await adminToken() },
    );
    const publicIds = listed.body.documents.map((document) => document.id);
    const download = await context.request.get(downloads[0] ?? '');

    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(publicIds.length).toBeGreaterThan(0);
    expect(downloads.sort()).toEqual(publicIds.map((id) => `/en/documents/${id}/download`).sort());
    await context.close();
  });
});
