import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { request } from '../support/api.ts';
import { uniqueEmail } from '../support/people.ts';
import { launchChromium, visitor } from './browser.ts';

interface Mail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/**
 * Words that would name the software, its maker or the mail service instead of the trust center's own
 * brand. (The tenant's content may name any company: the demo lists a cloud provider as a subprocessor.)
 */
const VENDOR = /trust.center.platform|powered by|generator|amazonses|sent with|\bvia\b/i;

async function settle(): Promise<void> {
  const settled = await request('POST', '/_local/events/settle');
  expect(settled.status).toBe(200);
}

async function mailsTo(email: string): Promise<Mail[]> {
  await settle();
  const mail = await request<{ emails: Mail[] }>('GET', '/_local/mail');
  return mail.body.emails.filter((item) => item.destination.to.includes(email));
}

function expectNoVendor(mail: Mail | undefined): void {
  for (const part of [mail?.subject, mail?.body.text, mail?.body.html]) expect(part).not.toMatch(VENDOR);
}

function linkIn(mail: Mail | undefined, route: string): URL {
  const link = mail?.body.text?.match(new RegExp(`https?://\\S+/${route}\\?token=\\S+`))?.[0];
  if (!link) throw new Error(`No ${route} link in ${JSON.stringify(mail)}`);
  return new URL(link);
}

let adminToken: Promise<string> | undefined;
function admin(): Promise<string> {
  adminToken ??= request<{ accessToken: string }>('POST', '/api/v1/login', { body: inject('admin') }).then(
    (response) => response.body.accessToken,
  );
  return adminToken;
}

/** Asks for the first NDA document on the site's form in `language`, as a visitor would. */
async function requestNdaDocument(page: Page, language: string, email: string): Promise<void> {
  await page.goto(`/${language}/request`);
  await page.locator('#name').fill('Camille Besucher');
  await page.locator('#email').fill(email);
  await page.locator('#company').fill('Kunde SARL');
  await page
    .locator('label.check', { has: page.locator('.badge.requires_nda') })
    .first()
    .locator('input')
    .check();
  await page.locator('#nda_accepted').check();
  await page.locator('form[data-pow-challenge] button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/${language}/request/sent`));
}

async function decide(email: string, review_status: 'approved' | 'rejected'): Promise<void> {
  const token = await admin();
  const listed = await request<{ access_requests: { id: string; email: string }[] }>(
    'GET',
    '/api/v1/access-requests?review_status=to_review&limit=100',
    { token },
  );
  const id = listed.body.access_requests.find((item) => item.email === email)?.id;
  expect(id, listed.text).toBeDefined();
  const decided = await request('PATCH', `/api/v1/access-requests/${id}`, { token, body: { review_status } });
  expect(decided.status, decided.text).toBe(200);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the mail a visitor receives follows the language they used on the site', () => {
  it('mails a German visitor’s magic link in German, linking the German landing on the trust center', async () => {
    const email = uniqueEmail('jonas', 'kunde.example');
    const context = await visitor(browser, { locale: 'en-US' });
    const page = await context.newPage();

    await requestNdaDocument(page, 'de', email);
    await decide(email, 'approved');
    const mails = await mailsTo(email);
    const link = linkIn(mails[0], 'de/access');
    await page.goto(link.href);

    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Ihr Zugriff auf das Trust Center von Demo Company wurde freigegeben');
    expect(mails[0]?.body.text).toContain('Hallo,');
    expect(mails[0]?.body.text).toContain('- SOC-2-Typ-II-Bericht');
    expect(mails[0]?.body.text).toMatch(/Ihr Zugriff endet am \d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}\./);
    expect(mails[0]?.body.text).toContain('Angaben im Formular, ungeprüft: Name “Camille Besucher”');
    expect(mails[0]?.body.html).toContain('Dokumente öffnen');
    expect(mails[0]?.body.text).not.toMatch(/Hello|approved|download/);
    expectNoVendor(mails[0]);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await expect(page.getByRole('button', { name: 'Meine Dokumente öffnen' }).count()).resolves.toBe(1);
    await context.close();
  }, 90_000);

  it('mails a French visitor’s rejection in French', async () => {
    const email = uniqueEmail('camille', 'client.example');
    const context = await visitor(browser, { locale: 'de-DE' });
    const page = await context.newPage();

    await requestNdaDocument(page, 'fr', email);
    await decide(email, 'rejected');
    const mails = await mailsTo(email);

    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Votre demande au trust center de Demo Company');
    expect(mails[0]?.body.text).toContain('Bonjour,');
    expect(mails[0]?.body.text).toContain('n’a pas été approuvée'.replace('’', "'"));
    expect(mails[0]?.body.text).not.toMatch(/Hello|Hallo|token=/);
    expectNoVendor(mails[0]);
    await context.close();
  }, 90_000);

  it.each([
    {
      language: 'de',
      confirmSubject:
        'Bestätigen Sie Ihr Abonnement der Unterauftragsverarbeiter-Änderungen von Demo Company',
      confirmButton: 'Abonnement bestätigen',
      confirmed: 'Ihr Abonnement ist bestätigt.',
      noticeSubject: 'Demo Company: Änderungen bei unseren Unterauftragsverarbeitern',
    },
    {
      language: 'fr',
      confirmSubject: 'Confirmez votre abonnement aux changements de sous-traitants de Demo Company',
      confirmButton: 'Confirmer l’abonnement',
      confirmed: 'Votre abonnement est confirmé.',
      noticeSubject: 'Demo Company : modifications de nos sous-traitants',
    },
  ])(
    'subscribes a visitor in $language to change notices: the confirmation and the notices come in $language',
    async (expected) => {
      const email = uniqueEmail(`abo-${expected.language}`, 'kunde.example');
      const context = await visitor(browser, { locale: 'en-US' });
      const page = await context.newPage();

      await page.goto(`/${expected.language}/subprocessors`);
      await page.locator('#email').fill(email);
      await page.locator('form[data-pow-challenge] button[type="submit"]').click();
      await page.waitForURL(/subscribed=1/);
      const [confirmation] = await mailsTo(email);
      await page.goto(linkIn(confirmation, `${expected.language}/subprocessors/subscriptions/confirm`).href);
      await page.getByRole('button', { name: expected.confirmButton }).click();
      await expect(page.getByRole('status').textContent()).resolves.toBe(expected.confirmed);

      const token = await admin();
      const added = await request<{ id: string }>('POST', '/api/v1/subprocessors', {
        token,
        body: {
          name: `Notice test ${expected.language}`,
          purpose: 'Status page',
          data_categories: ['email addresses'],
          location: 'IE',
          status: 'planned',
        },
      });
      expect(added.status, added.text).toBe(201);
      await settle();
      const later = new Date(Date.now() + 2 * 3600_000).toISOString();
      expect((await request('POST', `/_local/jobs/subprocessor-notices?now=${later}`)).status).toBe(200);
      const notice = (await mailsTo(email)).find((mail) => mail.subject === expected.noticeSubject);
      await request('DELETE', `/api/v1/subprocessors/${added.body.id}`, { token });

      expect(confirmation?.subject).toBe(expected.confirmSubject);
      expectNoVendor(confirmation);
      expect(notice, JSON.stringify(await mailsTo(email))).toBeDefined();
      expect(linkIn(notice, `${expected.language}/subprocessors/subscriptions/unsubscribe`).pathname).toBe(
        `/${expected.language}/subprocessors/subscriptions/unsubscribe`,
      );
      expectNoVendor(notice);
      await context.close();
    },
    90_000,
  );
});
