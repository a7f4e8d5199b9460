import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { openTrustCenter, submitAccessRequest } from '../support/access-requests.ts';
import { type ApiResponse, newTenant, request, type TestTenant } from '../support/api.ts';
import { partition } from '../support/table.ts';

interface AccessRequest {
  id: string;
  review_status: 'to_review' | 'approved' | 'rejected';
  grant: { id: string; expires_at: string; revoked_at: string | null } | null;
}
interface ErrorBody {
  error: { type: string; message: string; param?: string };
}
interface Mail {
  destination: { to: string[] };
  body: { text: string };
}
interface OutboxEvent {
  id: string;
  type: string;
  actor: { type: string; id: string };
  data: Record<string, unknown>;
}
interface AuditEntry {
  action: string;
  actor: { id: string };
  target: { type: string; id: string } | null;
  summary: { changed?: string[]; after?: Record<string, unknown> };
}

async function onePagePdf(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([612, 792]).drawText(text, { x: 72, y: 720, size: 14, font });
  return pdf.save();
}

/** A tenant with a trust center and one restricted PDF; a visitor asks for it. */
async function trustCenterWithDocument(): Promise<{ tenant: TestTenant; documentId: string }> {
  const tenant = newTenant();
  await openTrustCenter(tenant, 'Acme');
  const document = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
    body: { title: 'Pen test summary', access_level: 'restricted' },
  });
  expect(document.status, document.text).toBe(201);
  const uploaded = await tenant.call('PUT', `/api/v1/documents/${document.body.id}/file`, {
    rawBody: await onePagePdf('Pen test summary'),
    headers: { 'Content-Type': 'application/pdf' },
  });
  expect(uploaded.status, uploaded.text).toBe(200);
  return { tenant, documentId: document.body.id };
}

function visitorEmail(domain = 'customer.example'): string {
  return `ada-${Math.random().toString(36).slice(2)}@${domain}`;
}

async function askFor(tenant: TestTenant, documentId: string, email = visitorEmail()): Promise<string> {
  const submitted = await submitAccessRequest(tenant, {
    name: 'Ada Lovelace',
    email,
    company: 'Customer Ltd',
    document_ids: [documentId],
  });
  expect(submitted.status, submitted.text).toBe(201);
  return submitted.body.id;
}

async function approve(tenant: TestTenant, requestId: string): Promise<AccessRequest> {
  const approved = await tenant.call<AccessRequest>('PATCH', `/api/v1/access-requests/${requestId}`, {
    body: { review_status: 'approved' },
  });
  expect(approved.status, approved.text).toBe(200);
  return approved.body;
}

function revoke(tenant: TestTenant, requestId: string, body?: unknown): Promise<ApiResponse<AccessRequest>> {
  return tenant.call<AccessRequest>('POST', `/api/v1/access-requests/${requestId}/revoke`, { body });
}

async function settle(): Promise<{ violations: string[] }> {
  const settled = await request<{ violations: string[] }>('POST', '/_local/events/settle');
  expect(settled.status, settled.text).toBe(200);
  return settled.body;
}

/** The magic link the visitor was mailed, once the mailer has run. */
async function magicLinkTo(email: string): Promise<string> {
  await settle();
  const mail = await request<{ emails: Mail[] }>('GET', '/_local/mail');
  const text = mail.body.emails.find((item) => item.destination.to.includes(email))?.body.text ?? '';
  const token = text.match(/\/access\?token=([^\s]+)/)?.[1];
  if (!token) throw new Error(`No magic link mailed to ${email}`);
  return decodeURIComponent(token);
}

async function sessionFor(token: string): Promise<ApiResponse<{ session_token: string }>> {
  return request<{ session_token: string }>('POST', '/api/v1/public/access/session', { body: { token } });
}

/** What the visitor's session can still reach: the document list and a download link. */
async function visitorReach(sessionToken: string, documentId: string): Promise<number[]> {
  const headers = { Authorization: `Bearer ${sessionToken}` };
  const list = await request('GET', '/api/v1/public/access/documents', { headers });
  const download = await request('GET', `/api/v1/public/access/documents/${documentId}/download-url`, {
    headers,
  });
  return [list.status, download.status];
}

async function outboxEvents(tenant: TestTenant, type: string): Promise<OutboxEvent[]> {
  const items = (await partition(`${tenant.tenantId}#outbox`)) as { event: OutboxEvent }[];
  return items.map((item) => item.event).filter((event) => event.type === type);
}

describe('revoking access', () => {
  it('ends a running visitor session at once: the documents and download routes answer 401 right after', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const email = visitorEmail();
    const requestId = await askFor(tenant, documentId, email);
    await approve(tenant, requestId);
    const session = await sessionFor(await magicLinkTo(email));
    expect(session.status, session.text).toBe(201);
    const before = await visitorReach(session.body.session_token, documentId);

    const revoked = await revoke(tenant, requestId, { reason: 'Contract ended' });
    const after = await visitorReach(session.body.session_token, documentId);

    expect(before).toEqual([200, 200]);
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body.review_status).toBe('approved');
    expect(revoked.body.grant?.revoked_at).toEqual(expect.any(String));
    expect(after).toEqual([401, 401]);
  });

  it('mails no magic link when the grant is revoked before the mailer runs', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const email = visitorEmail();
    const requestId = await askFor(tenant, documentId, email);
    // Hold the events back, as a slow pipe would, so the revocation lands before the mailer sees approval.
    await request('POST', '/_local/relay/stop');
    try {
      await approve(tenant, requestId);
      expect((await revoke(tenant, requestId)).status).toBe(200);
    } finally {
      await request('POST', '/_local/relay/start');
    }
    await settle();

    const mail = await request<{ emails: Mail[] }>('GET', '/_local/mail');
    const toVisitor = mail.body.emails.filter((item) => item.destination.to.includes(email));
    expect(toVisitor.some((item) => item.body.text.includes('/access?token='))).toBe(false);
  });

  it('makes an unused magic link worthless', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const email = visitorEmail();
    const requestId = await askFor(tenant, documentId, email);
    await approve(tenant, requestId);
    const token = await magicLinkTo(email);

    const revoked = await revoke(tenant, requestId);
    const session = await sessionFor(token);

    expect(revoked.status, revoked.text).toBe(200);
    expect(session.status, session.text).toBe(404);
  });

  it('revokes a grant an auto-approval rule made, like one a reviewer made', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const rules = await tenant.call('PUT', '/api/v1/access-requests/auto-approval', {
      body: { allowed_domains: ['partner.example'] },
    });
    expect(rules.status, rules.text).toBe(200);
    const email = visitorEmail('partner.example');
    const requestId = await askFor(tenant, documentId, email);
    const session = await sessionFor(await magicLinkTo(email));
    expect(session.status, session.text).toBe(201);

    const revoked = await revoke(tenant, requestId);

    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body.grant?.revoked_at).toEqual(expect.any(String));
    expect(await visitorReach(session.body.session_token, documentId)).toEqual([401, 401]);
  });

  it('shows the revocation when the request is read again', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const requestId = await askFor(tenant, documentId);
    await approve(tenant, requestId);
    const revoked = await revoke(tenant, requestId);

    const read = await tenant.call<AccessRequest>('GET', `/api/v1/access-requests/${requestId}`);

    expect(read.status).toBe(200);
    expect(read.body.grant).toEqual(revoked.body.grant);
    expect(read.headers.get('etag')).toBe(revoked.headers.get('etag'));
  });

  it('raises one catalogued access.revoked event, with the reason, and an audit entry on the request', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const requestId = await askFor(tenant, documentId);
    const approved = await approve(tenant, requestId);
    await revoke(tenant, requestId, { reason: 'Contract ended' });
    const settled = await settle();

    const events = await outboxEvents(tenant, 'access.revoked');
    const audit = await tenant.call<{ audit_logs: AuditEntry[] }>(
      'GET',
      '/api/v1/audit-logs?action=access.revoked&limit=100',
    );

    expect(settled.violations.filter((line) => line.includes('access.revoked'))).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      grant: { id: approved.grant?.id, revoked_at: expect.any(String) },
      access_request: { id: requestId, review_status: 'approved' },
      reason: 'Contract ended',
    });
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.audit_logs).toHaveLength(1);
    expect(audit.body.audit_logs[0]).toMatchObject({
      action: 'access.revoked',
      actor: { id: events[0]?.actor.id },
      target: { type: 'access_request', id: requestId },
      summary: {
        changed: ['revoked_at', 'revoke_reason'],
        after: { revoked_at: expect.any(String), revoke_reason: 'Contract ended' },
      },
    });
  });

  it('is harmless twice: the same answer, no second event', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const requestId = await askFor(tenant, documentId);
    await approve(tenant, requestId);

    const first = await revoke(tenant, requestId);
    const second = await revoke(tenant, requestId, { reason: 'Again' });

    expect(first.status, first.text).toBe(200);
    expect(second.status, second.text).toBe(200);
    expect(second.body.grant).toEqual(first.body.grant);
    expect(await outboxEvents(tenant, 'access.revoked')).toHaveLength(1);
  });

  it('answers 409 for a request with no grant: waiting for review or rejected', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const waiting = await askFor(tenant, documentId);
    const rejected = await askFor(tenant, documentId);
    await tenant.call('PATCH', `/api/v1/access-requests/${rejected}`, {
      body: { review_status: 'rejected' },
    });

    const responses = [
      await revoke(tenant, waiting),
      await revoke(tenant, rejected),
    ] as ApiResponse<unknown>[];

    expect(responses.map((response) => response.status)).toEqual([409, 409]);
    for (const response of responses as ApiResponse<ErrorBody>[]) {
      expect(response.body.error.message).toMatch(/no grant to revoke/);
    }
    expect(await outboxEvents(tenant, 'access.revoked')).toEqual([]);
  });

  it('answers 404 for a request of another tenant, and leaves its grant alone', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const requestId = await askFor(tenant, documentId);
    await approve(tenant, requestId);
    const other = newTenant();

    const foreign = await revoke(other, requestId);
    const read = await tenant.call<AccessRequest>('GET', `/api/v1/access-requests/${requestId}`);

    expect(foreign.status).toBe(404);
    expect(read.body.grant?.revoked_at).toBeNull();
  });

  it('refuses a reason with control characters or unknown fields with 400', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const requestId = await askFor(tenant, documentId);
    await approve(tenant, requestId);

    const nul = await revoke(tenant, requestId, { reason: 'Ended\u0000' });
    const unknown = await revoke(tenant, requestId, { reason: 'Ended', notify: true });

    expect([nul.status, unknown.status]).toEqual([400, 400]);
    expect(await outboxEvents(tenant, 'access.revoked')).toEqual([]);
  });

  it('honours If-Match: a stale ETag is a 412 and revokes nothing', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const requestId = await askFor(tenant, documentId);
    await approve(tenant, requestId);

    const stale = await tenant.call('POST', `/api/v1/access-requests/${requestId}/revoke`, {
      headers: { 'If-Match': '"1"' },
    });
    const read = await tenant.call<AccessRequest>('GET', `/api/v1/access-requests/${requestId}`);

    expect(stale.status).toBe(412);
    expect(read.body.grant?.revoked_at).toBeNull();
  });

  it('still refuses to reject an approved request, and points to revoke instead', async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const requestId = await askFor(tenant, documentId);
    await approve(tenant, requestId);

    const rejected = await tenant.call<ErrorBody>('PATCH', `/api/v1/access-requests/${requestId}`, {
      body: { review_status: 'rejected' },
    });

    expect(rejected.status).toBe(409);
    expect(rejected.body.error.message).toContain('/revoke');
  });
});

describe('an organization pending deletion', () => {
  it("ends its visitors' sessions and makes their unused magic links worthless, like its other credentials", async () => {
    const { tenant, documentId } = await trustCenterWithDocument();
    const [first, second] = [visitorEmail(), visitorEmail()];
    await approve(tenant, await askFor(tenant, documentId, first));
    await approve(tenant, await askFor(tenant, documentId, second));
    const session = await sessionFor(await magicLinkTo(first));
    const unusedLink = await magicLinkTo(second);
    const before = await visitorReach(session.body.session_token, documentId);

    const deleted = await newTenant({ operator: true }).call(
      'DELETE',
      `/api/v1/organizations/${tenant.tenantId}`,
    );
    const after = await visitorReach(session.body.session_token, documentId);
    const lateSession = await sessionFor(unusedLink);

    expect(before).toEqual([200, 200]);
    expect(deleted.status, deleted.text).toBe(202);
    expect(after).toEqual([401, 401]);
    expect(lateSession.status, lateSession.text).toBe(404);
  });
});
