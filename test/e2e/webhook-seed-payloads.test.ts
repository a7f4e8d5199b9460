import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTrustCenter, submitAccessRequest } from '../support/access-requests.ts';
import { newTenant, request, type TestTenant } from '../support/api.ts';

/**
 * Seed 2's webhook payload: a receiver written against seed 2 reads `data.account_id`, `data.name`,
 * `data.status` of `account.created`, and the same kind of flat fields of the other events seed 2 names
 * (shared/events/seed-webhook-fields.ts). Each test triggers one event through the API, receives its delivery in
 * this process, verifies it per Standard Webhooks and finds the seed 2 fields beside the rich data.
 */

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Payload {
  type: string;
  event: string;
  data: Record<string, unknown>;
}

let server: Server;
let base: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      received.push({
        path: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** A receiver endpoint subscribed to one event type; `deliveries()` settles the bus and verifies what arrived. */
async function subscribe(tenant: TestTenant, type: string) {
  const path = `/ok/${unique()}`;
  const created = await tenant.call<{ id: string; secret: string }>('POST', '/api/v1/webhooks', {
    body: { url: `${base}${path}`, events: [type], description: 'Seed 2 receiver' },
  });
  expect(created.status, created.text).toBe(201);
  const verifier = new Webhook(created.body.secret);
  return {
    async deliveries(): Promise<Payload[]> {
      const settled = await request('POST', '/_local/events/settle');
      expect(settled.status, settled.text).toBe(200);
      return received
        .filter((item) => item.path === path)
        .map((item) => verifier.verify(item.body, item.headers as Record<string, string>) as Payload);
    },
  };
}

function ok<T>(response: { status: number; text: string; body: T }): T {
  expect(response.status, response.text).toBeLessThan(300);
  return response.body;
}

describe("webhook payloads carry seed 2's fields beside the rich data", () => {
  it('account.created: account_id, name and status, as seed 2 shows them', async () => {
    const tenant = newTenant();
    const receiver = await subscribe(tenant, 'account.created');

    const account = ok(
      await tenant.call<{ id: string }>('POST', '/api/v1/accounts', { body: { title: 'Acme Corporation' } }),
    );
    const [payload, ...others] = await receiver.deliveries();

    expect(others).toEqual([]);
    expect(payload).toMatchObject({ type: 'account.created', event: 'account.created' });
    expect(payload?.data).toMatchObject({
      account_id: account.id,
      name: 'Acme Corporation',
      status: 'active',
      account: { id: account.id, title: 'Acme Corporation' },
    });
  });

  it('document.uploaded: document_id, name, title, access_level and status', async () => {
    const tenant = newTenant();
    const receiver = await subscribe(tenant, 'document.uploaded');
    const document = ok(
      await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
        body: { title: 'Security Policy', access_level: 'restricted' },
      }),
    );

    ok(
      await tenant.call('PUT', `/api/v1/documents/${document.id}/file`, {
        rawBody: 'Our security policy.',
        headers: { 'Content-Type': 'text/plain' },
      }),
    );
    const [payload, ...others] = await receiver.deliveries();

    expect(others).toEqual([]);
    expect(payload?.data).toMatchObject({
      document_id: document.id,
      name: 'Security Policy',
      title: 'Security Policy',
      access_level: 'restricted',
      status: 'available',
      document: { id: document.id, title: 'Security Policy', access_level: 'restricted' },
      version: { content_type: 'text/plain' },
    });
  });

  it('access.granted: grant_id, email, document_ids, account_id, expires_at and status', async () => {
    const tenant = newTenant();
    await openTrustCenter(tenant, 'Acme');
    const receiver = await subscribe(tenant, 'access.granted');
    const account = ok(
      await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
        body: { title: 'Customer Ltd', email_domains: ['customer.example'] },
      }),
    );
    const document = ok(
      await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
        body: { title: 'Pen Test Summary', access_level: 'restricted' },
      }),
    );
    const email = `ada-${unique()}@customer.example`;
    const submitted = ok(
      await submitAccessRequest(tenant, {
        name: 'Ada Lovelace',
        email,
        company: 'Customer Ltd',
        document_ids: [document.id],
      }),
    );

    const approved = ok(
      await tenant.call<{ grant: { id: string; expires_at: string } }>(
        'PATCH',
        `/api/v1/access-requests/${submitted.id}`,
        { body: { review_status: 'approved' } },
      ),
    );
    const [payload, ...others] = await receiver.deliveries();

    expect(others).toEqual([]);
    expect(payload?.data).toMatchObject({
      grant_id: approved.grant.id,
      email,
      document_ids: [document.id],
      account_id: account.id,
      expires_at: approved.grant.expires_at,
      status: 'active',
      grant: { id: approved.grant.id, email },
      documents: [{ id: document.id, title: 'Pen Test Summary' }],
    });
  });

  it('certification.updated: certification_id, name, status and expires_at', async () => {
    const tenant = newTenant();
    const receiver = await subscribe(tenant, 'certification.updated');
    const certification = ok(
      await tenant.call<{ id: string }>('POST', '/api/v1/certifications', {
        body: { framework: 'ISO 27001', issuer: 'TÜV', issued_at: '2025-01-01', expires_at: '2099-01-01' },
      }),
    );

    ok(
      await tenant.call('PATCH', `/api/v1/certifications/${certification.id}`, {
        body: { issuer: 'BSI', expires_at: '2098-06-30' },
      }),
    );
    const [payload, ...others] = await receiver.deliveries();

    expect(others).toEqual([]);
    expect(payload?.data).toMatchObject({
      certification_id: certification.id,
      name: 'ISO 27001',
      status: 'valid',
      expires_at: '2098-06-30',
      certification: { id: certification.id, issuer: 'BSI', expires_at: '2098-06-30' },
      changed: expect.arrayContaining(['issuer', 'expires_at']),
    });
  });

  it('user.invited: invitation_id, email, role and status', async () => {
    const tenant = newTenant({ role: 'owner' });
    const receiver = await subscribe(tenant, 'user.invited');
    const email = `new-${unique()}@acme.example`;

    const invitation = ok(
      await tenant.call<{ id: string }>('POST', '/api/v1/users', { body: { email, role: 'editor' } }),
    );
    const [payload, ...others] = await receiver.deliveries();

    expect(others).toEqual([]);
    expect(payload?.data).toMatchObject({
      invitation_id: invitation.id,
      email,
      role: 'editor',
      status: 'pending_invite',
      invitation: { id: invitation.id, email, role: 'editor' },
    });
  });
});
