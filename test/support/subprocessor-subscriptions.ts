import { randomBytes } from 'node:crypto';
import { openTrustCenter, solve } from './access-requests.ts';
import { request, type TestTenant } from './api.ts';

interface Mail {
  destination: { to: string[] };
  body: { text?: string };
}

/** A solved proof of work for the tenant's subscription form, as a browser would send it. */
export async function subscriptionPow(orgId: string): Promise<{ challenge: string; nonce: string }> {
  const response = await request<{ challenge: string; difficulty: number; expires_at: string }>(
    'GET',
    `/api/v1/public/subprocessors/subscriptions/challenge?org_id=${orgId}`,
  );
  if (response.status !== 200) throw new Error(`No challenge: ${response.status} ${response.text}`);
  return solve(response.body);
}

/** The confirmation token the last mail to `email` carries. */
export async function confirmTokenFor(email: string): Promise<string> {
  const mail = await request<{ emails: Mail[] }>('GET', '/_local/mail');
  const message = mail.body.emails.filter((item) => item.destination.to.includes(email)).at(-1);
  const token = message?.body.text?.match(/confirm\?token=([^\s)]+)/)?.[1];
  if (!token) throw new Error(`No confirmation mail for ${email}`);
  return decodeURIComponent(token);
}

/** A confirmed subscriber to the tenant's subprocessor changes (double opt-in through the public routes). */
export async function makeSubprocessorSubscription(tenant: TestTenant): Promise<string> {
  await openTrustCenter(tenant);
  const email = `subscriber-${randomBytes(6).toString('hex')}@isolated.example`;
  const subscribed = await request('POST', '/api/v1/public/subprocessors/subscriptions', {
    body: { email, org_id: tenant.tenantId, pow: await subscriptionPow(tenant.tenantId) },
  });
  if (subscribed.status !== 202)
    throw new Error(`Subscription refused: ${subscribed.status} ${subscribed.text}`);
  const confirmed = await request('POST', '/api/v1/public/subprocessors/subscriptions/confirm', {
    body: { token: await confirmTokenFor(email) },
  });
  if (confirmed.status !== 200)
    throw new Error(`Confirmation refused: ${confirmed.status} ${confirmed.text}`);
  const list = await tenant.call<{ subscriptions: { id: string; email: string }[] }>(
    'GET',
    '/api/v1/subprocessors/subscriptions?limit=100',
  );
  const id = list.body.subscriptions.find((item) => item.email === email)?.id;
  if (!id) throw new Error(`The confirmed subscription of ${email} is not listed`);
  return id;
}
