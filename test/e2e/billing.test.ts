import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { request, type TestTenant } from '../support/api.ts';
import { operator, organizationOn } from '../support/organizations.ts';
import { pdfText } from '../support/pdf.ts';
import { uniqueEmail } from '../support/people.ts';

interface Subscription {
  plan: string;
  auto_renew: boolean;
  billing_email: string;
  features: Record<string, unknown>;
}
interface Invoice {
  id: string;
  period: { start: string; end: string };
  number: string;
  amount: number;
  currency: string;
  date: string;
  due_date: string;
  status: string;
  pdf_url: string;
}
interface Usage {
  period: { start: string; end: string };
  api_requests: { limit: number; used: number };
  storage_bytes: { limit: number; used: number };
  members: { limit: number; used: number };
  documents: { limit: number; used: number };
}

/** An API key of the organization, minted by an operator (metered on its own usage key). */
async function apiKeyOf(orgId: string): Promise<string> {
  const key = await operator().call<{ token: string }>('POST', `/api/v1/organizations/${orgId}/api-keys`, {
    body: { name: 'Billing test', key_type: 'admin' },
  });
  expect(key.status, key.text).toBe(201);
  return key.body.token;
}

const withKey = (token: string, method: string, path: string, body?: unknown) =>
  request(method, path, { token, ...(body === undefined ? {} : { body }) });

const runInvoiceJob = (now: string) =>
  request<{ issued: number; already_issued: number }>('POST', `/_local/jobs/monthly-invoices?now=${now}`);

describe('subscription (seed 4)', () => {
  it("answers seed 4's subscription shape, with features", async () => {
    const { orgId, admin } = await organizationOn('enterprise');

    const response = await admin.call<Subscription>('GET', `/api/v1/organizations/${orgId}/subscription`);

    expect(response.status, response.text).toBe(200);
    expect(Object.keys(response.body)).toEqual(
      expect.arrayContaining([
        'id',
        'organization_id',
        'plan',
        'status',
        'billing_cycle_start',
        'billing_cycle_end',
        'amount',
        'currency',
        'billing_email',
        'auto_renew',
        'features',
      ]),
    );
    expect(response.body).toMatchObject({
      organization_id: orgId,
      plan: 'enterprise',
      status: 'active',
      amount: 5000,
      currency: 'usd',
      auto_renew: true,
      features: { api_requests_per_month: 10_000_000, custom_domains: true, custom_integrations: true },
    });
  });

  it("takes seed 4's update verbatim, and the next response's X-RateLimit-Limit shows the new plan", async () => {
    const { orgId, admin } = await organizationOn('free');
    const key = await apiKeyOf(orgId);
    const before = await withKey(key, 'GET', '/api/v1/accounts');

    const updated = await admin.call<Subscription>('PATCH', `/api/v1/organizations/${orgId}/subscription`, {
      body: { plan: 'business', auto_renew: true },
    });
    const after = await withKey(key, 'GET', '/api/v1/accounts');
    const organization = await admin.call<{ plan: string }>('GET', `/api/v1/organizations/${orgId}`);

    expect(before.headers.get('x-ratelimit-limit')).toBe('5');
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ plan: 'business', auto_renew: true, amount: 500 });
    expect(after.headers.get('x-ratelimit-limit')).toBe('40');
    expect(organization.body.plan).toBe('business');
  });

  it('honours If-Match like every PATCH: the ETag of a read updates once, then is stale (412) and changes nothing', async () => {
    const { orgId, admin } = await organizationOn('free');
    const path = `/api/v1/organizations/${orgId}/subscription`;
    const read = await admin.call<Subscription>('GET', path);
    const etag = read.headers.get('etag') ?? '';

    const first = await admin.call<Subscription>('PATCH', path, {
      body: { billing_email: 'first@acme.example' },
      headers: { 'If-Match': etag },
    });
    const stale = await admin.call<Subscription>('PATCH', path, {
      body: { plan: 'business', billing_email: 'second@acme.example' },
      headers: { 'If-Match': etag },
    });
    const weak = await admin.call('PATCH', path, {
      body: { auto_renew: false },
      headers: { 'If-Match': `W/${first.headers.get('etag')}` },
    });
    const after = await admin.call<Subscription>('GET', path);

    expect(etag).toMatch(/^"\d+"$/);
    expect(first.status, first.text).toBe(200);
    expect(first.headers.get('etag')).not.toBe(etag);
    expect([stale.status, weak.status]).toEqual([412, 412]);
    expect(after.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(after.body).toMatchObject({ plan: 'free', billing_email: 'first@acme.example', auto_renew: true });
  });

  it('lets exactly one of two changes made from the same read through; the other is a 412', async () => {
    const { orgId, admin } = await organizationOn('free');
    const path = `/api/v1/organizations/${orgId}/subscription`;
    const etag = (await admin.call('GET', path)).headers.get('etag') ?? '';

    const answers = await Promise.all(
      ['a@acme.example', 'b@acme.example', 'c@acme.example'].map((email) =>
        admin.call<Subscription>('PATCH', path, {
          body: { billing_email: email },
          headers: { 'If-Match': etag },
        }),
      ),
    );

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412, 412]);
    const winner = answers.find((answer) => answer.status === 200);
    expect((await admin.call<Subscription>('GET', path)).body.billing_email).toBe(winner?.body.billing_email);
  });

  it('refuses a downgrade the organization does not fit with 409 naming what is over, and changes nothing', async () => {
    const { orgId, admin } = await organizationOn('business');
    const key = await apiKeyOf(orgId);
    for (let i = 0; i < 3; i += 1) {
      const invited = await admin.call('POST', `/api/v1/organizations/${orgId}/members`, {
        body: { email: uniqueEmail('member'), name: 'Member', role: 'viewer' },
      });
      expect(invited.status, invited.text).toBe(201);
    }
    const before = await admin.call<Subscription>('GET', `/api/v1/organizations/${orgId}/subscription`);

    const refused = await admin.call<{ error: { type: string; message: string } }>(
      'PATCH',
      `/api/v1/organizations/${orgId}/subscription`,
      { body: { plan: 'free', auto_renew: false, billing_email: 'billing@acme.com' } },
    );
    const after = await admin.call<Subscription>('GET', `/api/v1/organizations/${orgId}/subscription`);
    const metered = await withKey(key, 'GET', '/api/v1/accounts');

    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({
      type: 'conflict',
      message: expect.stringContaining('members: 4 of 3'),
    });
    expect(after.body).toEqual(before.body);
    expect(metered.headers.get('x-ratelimit-limit')).toBe('40');
  });
});

describe('invoices (seed 4)', () => {
  it('issues a past month once however often the job runs; the PDF parses and states the amount', async () => {
    const { orgId, admin } = await organizationOn('business');
    const month = '2025-03-15T08:00:00.000Z';

    const runs = [await runInvoiceJob(month), await runInvoiceJob(month), await runInvoiceJob(month)];
    const listed = await admin.call<{ invoices: Invoice[]; total: number }>(
      'GET',
      `/api/v1/organizations/${orgId}/invoices?limit=20&offset=0`,
    );

    expect(runs.map((run) => run.status)).toEqual([200, 200, 200]);
    expect(runs[0]?.body.issued).toBeGreaterThanOrEqual(1);
    expect(runs[1]?.body.issued).toBe(0);
    expect(runs[2]?.body.issued).toBe(0);
    expect(listed.status, listed.text).toBe(200);
    // The scheduler's own run (the real clock) may have issued this month's invoice too.
    const march = listed.body.invoices.filter((item) => item.period.start === '2025-03-01');
    expect(march).toHaveLength(1);
    const [invoice] = march;
    expect(invoice).toMatchObject({
      id: expect.stringMatching(/^invc_/),
      period: { start: '2025-03-01', end: '2025-03-31' },
      amount: 500,
      currency: 'usd',
      date: '2025-03-15',
      due_date: '2025-04-13',
      status: 'open',
      number: expect.stringMatching(/^INV-\d{6}$/),
    });
    const pdf = await fetch(invoice?.pdf_url ?? '');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(pdf.status).toBe(200);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    const text = await pdfText(bytes);
    expect(text).toContain('USD 500.00');
    expect(text).toContain(invoice?.number);
  });

  it('bills no organization that is pending deletion, and bills it again once restored', async () => {
    const { orgId } = await organizationOn('business');
    const invoicesOf = async (start: string) =>
      (
        await operator().call<{ invoices: Invoice[] }>('GET', `/api/v1/organizations/${orgId}/invoices`)
      ).body.invoices.filter((invoice) => invoice.period.start === start);
    const deleted = await operator().call('DELETE', `/api/v1/organizations/${orgId}`);
    expect(deleted.status, deleted.text).toBe(202);

    const whileDeleted = await runInvoiceJob('2025-07-02T00:00:00.000Z');
    const july = await invoicesOf('2025-07-01');
    const restored = await operator().call('POST', `/api/v1/organizations/${orgId}/restore`);
    expect(restored.status, restored.text).toBe(200);
    await runInvoiceJob('2025-08-02T00:00:00.000Z');

    expect(whileDeleted.status, whileDeleted.text).toBe(200);
    expect(july).toEqual([]);
    expect(await invoicesOf('2025-08-01')).toHaveLength(1);
  });

  it('numbers the invoices of one month without gaps across organizations', async () => {
    const first = await organizationOn('business');
    const second = await organizationOn('enterprise');
    const numbers = async ({ orgId, admin }: { orgId: string; admin: TestTenant }) =>
      (
        await admin.call<{ invoices: Invoice[] }>('GET', `/api/v1/organizations/${orgId}/invoices`)
      ).body.invoices.filter((invoice) => invoice.period.start === '2025-05-01');

    const run = await runInvoiceJob('2025-05-02T00:00:00.000Z');
    const [a] = await numbers(first);
    const [b] = await numbers(second);

    // Each organization got one; every number the run took belongs to an invoice (no gaps).
    const taken = [a, b].map((invoice) => Number(invoice?.number.slice(4)));
    expect(run.body.issued).toBeGreaterThanOrEqual(2);
    expect(new Set(taken).size).toBe(2);
    expect(Math.abs((taken[0] ?? 0) - (taken[1] ?? 0))).toBeLessThan(run.body.issued);
    expect(b?.amount).toBe(5000);
  });

  it('lets an operator mark an open invoice paid, once', async () => {
    const { orgId, admin } = await organizationOn('business');
    await runInvoiceJob('2025-06-01T00:30:00.000Z');
    const listed = await admin.call<{ invoices: Invoice[] }>(
      'GET',
      `/api/v1/organizations/${orgId}/invoices`,
    );
    const june = listed.body.invoices.find((item) => item.period.start === '2025-06-01');
    const path = `/api/v1/organizations/${orgId}/invoices/${june?.id}`;

    const byTenant = await admin.call('POST', `${path}/mark-paid`);
    const paid = await operator().call<Invoice & { paid_at: string }>('POST', `${path}/mark-paid`);
    const again = await operator().call('POST', `${path}/void`);
    const read = await admin.call<Invoice>('GET', path);

    expect(byTenant.status).toBe(403);
    expect(paid.status, paid.text).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', paid_at: expect.any(String) });
    expect(again.status).toBe(409);
    expect(read.body.status).toBe('paid');
  });
});

describe('usage and quotas (seed 4)', () => {
  it("counts this month's API requests of the organization's keys", async () => {
    const { orgId } = await organizationOn('business');
    const key = await apiKeyOf(orgId);
    for (let i = 0; i < 3; i += 1) await withKey(key, 'GET', '/api/v1/accounts');

    // The usage request is the fourth: it is metered before it runs.
    const usage = await request<Usage>('GET', `/api/v1/organizations/${orgId}/usage`, { token: key });

    expect(usage.status, usage.text).toBe(200);
    expect(usage.body.api_requests).toEqual({ limit: 1_000_000, used: 4 });
    expect(usage.body.period.start).toMatch(/^\d{4}-\d{2}-01$/);
  });

  it('follows stored bytes exactly through uploads, replacements and deletes', async () => {
    const { orgId, admin } = await organizationOn('business');
    const stored = async () =>
      (await admin.call<Usage>('GET', `/api/v1/organizations/${orgId}/usage`)).body.storage_bytes.used;
    const document = await admin.call<{ id: string }>('POST', '/api/v1/documents', {
      body: { title: 'Policy', access_level: 'public' },
    });
    const certification = await admin.call<{ id: string }>('POST', '/api/v1/certifications', {
      body: { framework: 'ISO 27001', issuer: 'Auditor', issued_at: '2025-01-01', expires_at: '2027-01-01' },
    });
    const putDocument = (size: number) =>
      admin.call('PUT', `/api/v1/documents/${document.body.id}/file`, {
        rawBody: new Uint8Array(size).fill(0x62),
        headers: { 'Content-Type': 'text/plain' },
      });
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const certificate = await pdf.save();
    pdf.addPage();
    const renewed = await pdf.save();
    const putCertificate = (bytes: Uint8Array) =>
      admin.call('PUT', `/api/v1/certifications/${certification.body.id}/file`, {
        rawBody: bytes,
        headers: { 'Content-Type': 'application/pdf' },
      });

    const seen = [await stored()];
    await putDocument(1000);
    seen.push(await stored());
    await putDocument(500);
    seen.push(await stored());
    await putCertificate(certificate);
    seen.push(await stored());
    await putCertificate(renewed);
    seen.push(await stored());
    await admin.call('DELETE', `/api/v1/documents/${document.body.id}`);
    seen.push(await stored());
    await admin.call('DELETE', `/api/v1/certifications/${certification.body.id}`);
    seen.push(await stored());

    const [c, r] = [certificate.length, renewed.length];
    expect(r).not.toBe(c);
    expect(seen).toEqual([0, 1000, 1500, 1500 + c, 1500 + r, r, 0]);
  });
});
