import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { issueDevelopmentCredential } from '#shared/auth/development-credential';
import { newId } from '#shared/ids';
import { request, type TestTenant } from '../support/api.ts';
import { subscriptionPow } from '../support/subprocessor-subscriptions.ts';
import { partition } from '../support/table.ts';

interface Mail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

const operator = inject('operator');
const address = (label: string) => `${label}-${randomBytes(6).toString('hex')}@customer.example`;

let operatorToken: Promise<string> | undefined;
async function operatorSession(): Promise<string> {
  operatorToken ??= request<{ accessToken: string }>('POST', '/api/v1/login', {
    body: { email: operator.email, password: operator.password },
  }).then((response) => response.body.accessToken);
  return operatorToken;
}

/** A trust center that exists (public routes name it by org_id), and an admin credential for it. */
async function trustCenter(name: string): Promise<TestTenant> {
  const created = await request<{ id: string }>('POST', '/api/v1/organizations', {
    token: await operatorSession(),
    body: { name, email: address('owner'), plan: 'business' },
  });
  expect(created.status).toBe(201);
  const tenantId = created.body.id;
  const token = issueDevelopmentCredential(
    { tenantId, principalId: newId('user'), role: 'admin', scopes: ['*'] },
    inject('developmentCredentialSecret'),
  );
  return { tenantId, token, call: (method, path, rest = {}) => request(method, path, { ...rest, token }) };
}

async function mailTo(email: string): Promise<Mail[]> {
  const mail = await request<{ emails: Mail[] }>('GET', '/_local/mail');
  return mail.body.emails.filter((item) => item.destination.to.includes(email));
}

function tokenIn(mail: Mail | undefined, field: 'confirm' | 'unsubscribe'): string {
  const token = mail?.body.text?.match(new RegExp(`${field}\\?token=([^\\s)]+)`))?.[1];
  if (!token) throw new Error(`No ${field} token in ${JSON.stringify(mail)}`);
  return decodeURIComponent(token);
}

async function settle(): Promise<void> {
  const settled = await request<{ violations: string[] }>('POST', '/_local/events/settle');
  expect(settled.status).toBe(200);
  expect(
    settled.body.violations.filter((violation) => /^subprocessor|^notification/.test(violation)),
  ).toEqual([]);
}

/** Runs the notices job as if the batch delay had passed, then lets the notice go out. */
async function flushNotices(): Promise<void> {
  await settle();
  const later = new Date(Date.now() + 2 * 3600_000).toISOString();
  const run = await request<{ emitted: number }>('POST', `/_local/jobs/subprocessor-notices?now=${later}`);
  expect(run.status).toBe(200);
  await settle();
}

async function subscribe(tenant: TestTenant, email: string, language?: string) {
  return request<{ status: string }>('POST', '/api/v1/public/subprocessors/subscriptions', {
    body: {
      email,
      org_id: tenant.tenantId,
      pow: await subscriptionPow(tenant.tenantId),
      ...(language ? { language } : {}),
    },
  });
}

async function subscribeAndConfirm(tenant: TestTenant, email: string, language?: string): Promise<void> {
  expect((await subscribe(tenant, email, language)).status).toBe(202);
  const [confirmation] = await mailTo(email);
  const confirmed = await request('POST', '/api/v1/public/subprocessors/subscriptions/confirm', {
    body: { token: tokenIn(confirmation, 'confirm') },
  });
  expect(confirmed.status).toBe(200);
}

describe('subprocessor change notices', () => {
  it('send confirmed subscribers one batched notice with every change, its effective date and the objection window', async () => {
    const tenant = await trustCenter('Notice Corp');
    const confirmed = address('confirmed');
    const unconfirmed = address('unconfirmed');
    await subscribeAndConfirm(tenant, confirmed, 'de');
    expect((await subscribe(tenant, unconfirmed)).status).toBe(202);

    const added = await tenant.call<{ id: string }>('POST', '/api/v1/subprocessors', {
      body: {
        name: 'Mailgun',
        purpose: 'Transactional email',
        data_categories: ['email addresses'],
        location: 'US',
        effective_date: '2031-03-01',
      },
    });
    const existing = await tenant.call<{ id: string }>('POST', '/api/v1/subprocessors', {
      body: {
        name: 'Hetzner',
        purpose: 'Hosting',
        data_categories: ['all'],
        location: 'DE',
        status: 'planned',
      },
    });
    await flushNotices(); // both additions go out in an earlier notice
    const before = (await mailTo(confirmed)).length;
    const updated = await tenant.call('PATCH', `/api/v1/subprocessors/${existing.body.id}`, {
      body: { location: 'FI', effective_date: '2031-04-15' },
    });
    const removed = await tenant.call(
      'DELETE',
      `/api/v1/subprocessors/${added.body.id}?effective_date=2031-05-01`,
    );
    await flushNotices();
    const notices = (await mailTo(confirmed)).slice(before);
    const list = await tenant.call<{ subscriptions: { email: string; language: string }[] }>(
      'GET',
      '/api/v1/subprocessors/subscriptions',
    );

    expect([added.status, updated.status, removed.status]).toEqual([201, 200, 204]);
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice?.subject).toBe('Notice Corp: Änderungen bei unseren Unterauftragsverarbeitern');
    expect(notice?.body.text).toContain('- Hetzner: geändert (wirksam ab 2031-04-15)');
    expect(notice?.body.text).toContain('Standort: DE -> FI');
    expect(notice?.body.text).toContain('- Mailgun: entfernt (wirksam ab 2031-05-01)');
    expect(notice?.body.text).toMatch(/innerhalb von 30 Tagen, bis zum \d{4}-\d{2}-\d{2}/);
    expect(notice?.body.html).toContain('<strong>Hetzner</strong>');
    expect(await mailTo(unconfirmed)).toHaveLength(1); // the confirmation only
    expect(list.body.subscriptions).toEqual([expect.objectContaining({ email: confirmed, language: 'de' })]);
  });

  it('stop after an unsubscribe, and never put addresses or tokens in events', async () => {
    const tenant = await trustCenter('Quiet Corp');
    const subscriber = address('leaving');
    await subscribeAndConfirm(tenant, subscriber);
    await tenant.call('PUT', '/api/v1/notifications/settings', {
      body: { channels: {}, rules: [], subprocessor_notices: { objection_window_days: 45 } },
    });
    await tenant.call('POST', '/api/v1/subprocessors', {
      body: { name: 'Stripe', purpose: 'Payments', data_categories: ['billing'], location: 'IE' },
    });
    await flushNotices();
    const [confirmation, notice] = await mailTo(subscriber);

    const left = await request('POST', '/api/v1/public/subprocessors/subscriptions/unsubscribe', {
      body: { token: tokenIn(notice, 'unsubscribe') },
    });
    const again = await request('POST', '/api/v1/public/subprocessors/subscriptions/unsubscribe', {
      body: { token: tokenIn(notice, 'unsubscribe') },
    });
    await tenant.call('POST', '/api/v1/subprocessors', {
      body: { name: 'Twilio', purpose: 'SMS', data_categories: ['phone numbers'], location: 'US' },
    });
    await flushNotices();
    const outbox = JSON.stringify(await partition(`${tenant.tenantId}#outbox`));

    expect(notice?.subject).toBe('Quiet Corp: changes to our subprocessors');
    expect(notice?.body.text).toContain('- Stripe: added (effective');
    expect(notice?.body.text).toContain('within 45 days');
    expect(left.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await mailTo(subscriber)).toHaveLength(2);
    for (const type of [
      'subprocessor_subscription.requested',
      'subprocessor_subscription.confirmed',
      'subprocessor_subscription.cancelled',
      'subprocessor_notice.created',
    ])
      expect(outbox).toContain(type);
    expect(outbox).not.toContain(subscriber);
    expect(outbox).not.toContain(tokenIn(confirmation, 'confirm'));
    expect(outbox).not.toContain(tokenIn(notice, 'unsubscribe'));
  });

  it('refuse a forged or unknown token and an unknown trust center, and mail no second confirmation at once', async () => {
    const tenant = await trustCenter('Strict Corp');
    const email = address('late');
    await subscribe(tenant, email);
    const [confirmation] = await mailTo(email);

    const unknownOrg = await request('POST', '/api/v1/public/subprocessors/subscriptions', {
      body: { email, org_id: newId('organization'), pow: { challenge: 'unsolved', nonce: '0' } },
    });
    const forged = await request('POST', '/api/v1/public/subprocessors/subscriptions/unsubscribe', {
      body: { token: `spu1.${tenant.tenantId}.abc.${newId('subprocessorSubscription')}.AAAA` },
    });
    const wrong = await request('POST', '/api/v1/public/subprocessors/subscriptions/confirm', {
      body: { token: `${tokenIn(confirmation, 'confirm')}x` },
    });
    const resubscribed = await subscribe(tenant, email);

    expect(unknownOrg.status).toBe(404);
    expect(forged.status).toBe(404);
    expect(wrong.status).toBe(404);
    expect(resubscribed.status).toBe(202);
    // Within the resend delay the form sends no second confirmation.
    expect(await mailTo(email)).toHaveLength(1);
  });
});
