import { randomBytes, randomInt } from 'node:crypto';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { newId } from '#shared/ids';
import { fetchChallenge, openTrustCenter, solve } from '../support/access-requests.ts';
import { baseUrl, newTenant, request, type TestTenant } from '../support/api.ts';
import { subscriptionPow } from '../support/subprocessor-subscriptions.ts';

/**
 * The public forms that make the platform send mail (issue 9, items 9 and 10): access requests and
 * subprocessor subscriptions are limited per mailbox (normalized), per source address and per trust
 * center, and what a visitor typed reaches a mail only quoted, capped and de-linked. test/setup/platform.ts
 * sets the limits: 3 per mailbox, 5 per source, 8 per tenant, per hour, for each form.
 */
const LIMITS = { recipient: 3, source: 5, tenant: 8 };

interface Mail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}
interface Reply<T = unknown> {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: T;
}

/** A loopback address of its own, so a test's source is no other test's (Linux routes all of 127/8). */
const newSource = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
const unique = () => randomBytes(5).toString('hex');

/** A JSON POST to the local platform sent from `source` (bound as the socket's local address). */
function postFrom<T>(source: string, path: string, body: unknown): Promise<Reply<T>> {
  const url = new URL(path, baseUrl);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      {
        method: 'POST',
        localAddress: source,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: JSON.parse(text) });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

async function trustCenter(): Promise<{ tenant: TestTenant; document: string }> {
  const tenant = newTenant();
  await openTrustCenter(tenant, 'Acme');
  const created = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
    body: { title: 'SOC 2 Report', access_level: 'restricted' },
  });
  expect(created.status, created.text).toBe(201);
  return { tenant, document: created.body.id };
}

async function askForAccess(
  tenant: TestTenant,
  document: string,
  email: string,
  source: string,
  person: { name?: string; company?: string } = {},
) {
  return postFrom<{ review_status: string; error: { type: string; param?: string } }>(
    source,
    '/api/v1/public/access-requests',
    {
      org_id: tenant.tenantId,
      name: person.name ?? 'Ada Lovelace',
      email,
      company: person.company ?? 'Customer Ltd',
      document_ids: [document],
      nda_accepted: false,
      pow: solve(await fetchChallenge(tenant.tenantId)),
    },
  );
}

async function subscribe(tenant: TestTenant, email: string, source: string) {
  return postFrom<{ error: { type: string; param?: string; message: string } }>(
    source,
    '/api/v1/public/subprocessors/subscriptions',
    { email, org_id: tenant.tenantId, pow: await subscriptionPow(tenant.tenantId) },
  );
}

async function mailsTo(predicate: (to: string) => boolean): Promise<Mail[]> {
  const mail = await request<{ emails: Mail[] }>('GET', '/_local/mail');
  return mail.body.emails.filter((item) => item.destination.to.some(predicate));
}

async function settle(): Promise<void> {
  const settled = await request('POST', '/_local/events/settle');
  expect(settled.status).toBe(200);
}

function expectLimited(reply: Reply<{ error: { type: string } }>): void {
  expect(reply.status).toBe(429);
  expect(reply.body.error.type).toBe('rate_limit_error');
  const retryAfter = Number(reply.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(3600);
}

describe('access requests: limits on mail a stranger can cause', () => {
  it('counts one mailbox however its address is written, and refuses it past the limit', async () => {
    const { tenant, document } = await trustCenter();
    const mailbox = `victim.name.${unique()}`;
    const spellings = [
      `${mailbox}+1@gmail.com`,
      `${mailbox.replaceAll('.', '')}+2@GoogleMail.com`,
      `${mailbox.toUpperCase()}@gmail.com`,
      `${mailbox.replaceAll('.', '')}+3@gmail.com`,
    ];

    const replies = [];
    for (const email of spellings) replies.push(await askForAccess(tenant, document, email, newSource()));
    const someoneElse = await askForAccess(tenant, document, `other-${unique()}@gmail.com`, newSource());

    expect(replies.slice(0, LIMITS.recipient).map((reply) => reply.status)).toEqual([201, 201, 201]);
    expectLimited(replies[LIMITS.recipient] as Reply<{ error: { type: string } }>);
    expect(someoneElse.status).toBe(201);
  });

  it('refuses one source past its limit while another source is still heard', async () => {
    const { tenant, document } = await trustCenter();
    const source = newSource();

    const replies = [];
    for (let i = 0; i <= LIMITS.source; i += 1)
      replies.push(await askForAccess(tenant, document, `person-${unique()}@customer.example`, source));
    const elsewhere = await askForAccess(
      tenant,
      document,
      `person-${unique()}@customer.example`,
      newSource(),
    );

    expect(replies.slice(0, LIMITS.source).every((reply) => reply.status === 201)).toBe(true);
    expectLimited(replies[LIMITS.source] as Reply<{ error: { type: string } }>);
    expect(elsewhere.status).toBe(201);
  });

  it("refuses a trust center's form past its limit from any source, and no other trust center's", async () => {
    const { tenant, document } = await trustCenter();
    const other = await trustCenter();

    const replies = [];
    for (let i = 0; i <= LIMITS.tenant; i += 1)
      replies.push(await askForAccess(tenant, document, `person-${unique()}@customer.example`, newSource()));
    const otherTenant = await askForAccess(
      other.tenant,
      other.document,
      `person-${unique()}@customer.example`,
      newSource(),
    );

    expect(replies.slice(0, LIMITS.tenant).every((reply) => reply.status === 201)).toBe(true);
    expectLimited(replies[LIMITS.tenant] as Reply<{ error: { type: string } }>);
    expect(otherTenant.status).toBe(201);
  });

  it("quotes, caps and de-links the visitor's words in the visitor's mail and the reviewers' subject", async () => {
    const { tenant, document } = await trustCenter();
    const reviewer = `reviewer-${unique()}@acme.example`;
    const settings = await tenant.call('PUT', '/api/v1/notifications/settings', {
      body: {
        channels: { email: { recipients: [reviewer] } },
        rules: [{ event: 'access_request.submitted', channels: ['email'] }],
      },
    });
    const rules = await tenant.call('PUT', '/api/v1/access-requests/auto-approval', {
      body: { allowed_domains: ['partner.example'] },
    });
    const bait = 'Your account is locked. Verify at https://evil.example/login';
    const victim = `victim-${unique()}@partner.example`;

    const submitted = await askForAccess(tenant, document, victim, newSource(), {
      name: `${bait} ${'x'.repeat(120)}`,
      company: 'Call http://203.0.113.9/now',
    });
    await settle();
    const [toVictim, ...moreToVictim] = await mailsTo((to) => to === victim);
    const [toReviewer] = await mailsTo((to) => to === reviewer);

    expect([settings.status, rules.status, submitted.status]).toEqual([200, 200, 201]);
    expect(submitted.body.review_status).toBe('approved');
    expect(moreToVictim).toEqual([]);
    const text = toVictim?.body.text ?? '';
    expect(text.startsWith('Hello,\n\nyour request for documents from Acme')).toBe(true);
    expect(text).toContain('name “Your account is locked. Verify at evil[.]example/login x');
    expect(text).toContain('company “Call 203[.]0[.]113[.]9/now”');
    expect(text).not.toMatch(/evil\.example|https:\/\/evil|x{100}/);
    expect(toVictim?.subject).not.toContain('locked');
    expect(toReviewer?.subject).toMatch(
      /^\[Acme\] New access request \(name given: “Your account is locked\. Verify at evil\[\.\]example\/login x+…”\)$/,
    );
    expect(toReviewer?.subject.length).toBeLessThan(120);
    expect(`${toReviewer?.body.text} ${toReviewer?.body.html}`).not.toMatch(/evil\.example|203\.0\.113\.9/);
  });

  it('mails nothing when the rules reject: the answer said so, and the address is unverified', async () => {
    const { tenant, document } = await trustCenter();
    await tenant.call('PUT', '/api/v1/access-requests/auto-approval', { body: { block_free_mail: true } });
    const victim = `victim-${unique()}@gmail.com`;

    const replies = [];
    for (let i = 0; i < LIMITS.recipient; i += 1)
      replies.push(await askForAccess(tenant, document, victim, newSource(), { name: 'Verify now' }));
    await settle();

    expect(replies.map((reply) => reply.body.review_status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await mailsTo((to) => to === victim)).toEqual([]);
  });
});

describe('subprocessor subscriptions: limits on confirmation mail', () => {
  it('counts victim+0…n as one mailbox and sends it no more confirmations than the limit', async () => {
    const { tenant } = await trustCenter();
    const victim = `victim-${unique()}`;

    const replies = [];
    for (let i = 0; i <= LIMITS.recipient + 2; i += 1)
      replies.push(await subscribe(tenant, `${victim}+${i}@example.com`, newSource()));
    const mails = await mailsTo((to) => to.startsWith(`${victim}+`));

    expect(replies.slice(0, LIMITS.recipient).map((reply) => reply.status)).toEqual([202, 202, 202]);
    for (const reply of replies.slice(LIMITS.recipient)) expectLimited(reply);
    expect(mails).toHaveLength(LIMITS.recipient);
  });

  it('refuses one source past its limit while another source is still heard', async () => {
    const { tenant } = await trustCenter();
    const source = newSource();

    const replies = [];
    for (let i = 0; i <= LIMITS.source; i += 1)
      replies.push(await subscribe(tenant, `reader-${unique()}@example.com`, source));
    const elsewhere = await subscribe(tenant, `reader-${unique()}@example.com`, newSource());

    expect(replies.slice(0, LIMITS.source).every((reply) => reply.status === 202)).toBe(true);
    expectLimited(replies[LIMITS.source] as Reply<{ error: { type: string } }>);
    expect(elsewhere.status).toBe(202);
  });

  it("refuses a trust center's form past its limit from any source, and no other trust center's", async () => {
    const { tenant } = await trustCenter();
    const other = await trustCenter();

    const replies = [];
    for (let i = 0; i <= LIMITS.tenant; i += 1)
      replies.push(await subscribe(tenant, `reader-${unique()}@example.com`, newSource()));
    const otherTenant = await subscribe(other.tenant, `reader-${unique()}@example.com`, newSource());

    expect(replies.slice(0, LIMITS.tenant).every((reply) => reply.status === 202)).toBe(true);
    expectLimited(replies[LIMITS.tenant] as Reply<{ error: { type: string } }>);
    expect(otherTenant.status).toBe(202);
  });

  it('needs a proof of work solved for this form and this trust center, once', async () => {
    const { tenant } = await trustCenter();
    const other = await trustCenter();
    const email = `reader-${unique()}@example.com`;
    const post = (pow: unknown) =>
      postFrom<{ error: { param?: string; message: string } }>(
        newSource(),
        '/api/v1/public/subprocessors/subscriptions',
        { email, org_id: tenant.tenantId, pow },
      );
    const challenge = await request<{ challenge: string; difficulty: number }>(
      'GET',
      `/api/v1/public/subprocessors/subscriptions/challenge?org_id=${tenant.tenantId}`,
    );
    const solved = solve({ ...challenge.body, expires_at: '' });

    const missing = await postFrom<{ error: { param?: string } }>(
      newSource(),
      '/api/v1/public/subprocessors/subscriptions',
      { email, org_id: tenant.tenantId },
    );
    const unsolved = await post({ challenge: challenge.body.challenge, nonce: `${solved.nonce}x` });
    const otherForm = await post(solve(await fetchChallenge(tenant.tenantId)));
    const otherTenant = await post(await subscriptionPow(other.tenant.tenantId));
    const first = await post(solved);
    const reused = await post(solved);
    const unknownOrg = await request(
      'GET',
      `/api/v1/public/subprocessors/subscriptions/challenge?org_id=${newId('organization')}`,
    );

    expect(challenge.status).toBe(200);
    expect(challenge.headers.get('cache-control')).toBe('no-store');
    expect(challenge.body.difficulty).toBeGreaterThanOrEqual(16);
    expect(missing.status).toBe(400);
    expect([unsolved, otherForm, otherTenant].map((reply) => [reply.status, reply.body.error.param])).toEqual(
      [
        [400, 'pow'],
        [400, 'pow'],
        [400, 'pow'],
      ],
    );
    expect(first.status).toBe(202);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toMatchObject({ param: 'pow', message: expect.stringContaining('already') });
    expect(unknownOrg.status).toBe(404);
  });
});
