import { describe, expect, it } from 'vitest';
import { type ApiResponse, newTenant, type TestTenant } from '../support/api.ts';
import { partition } from '../support/table.ts';
import { png as pngFile } from '../unit/documents/file-fixtures.ts';

interface EventsState {
  violations: string[];
}

/** The ids of the events a tenant committed, from its outbox partition. */
async function committedEvents(tenantId: string): Promise<{ id: string; type: string }[]> {
  const outbox = (await partition(`${tenantId}#outbox`)) as { event: { id: string; type: string } }[];
  return outbox.map((item) => item.event);
}

/** The catalogue violations the relay recorded for these events (a violation names its event id). */
async function violationsOf(tenant: TestTenant, events: { id: string }[]): Promise<string[]> {
  const settled = await tenant.call<EventsState>('POST', '/_local/events/settle');
  expect(settled.status).toBe(200);
  return settled.body.violations.filter((violation) => events.some((event) => violation.includes(event.id)));
}

// A whole PNG: uploads are checked to their last byte.
const png = new Uint8Array(pngFile());

describe('the events the platform publishes', () => {
  it('match the event catalogue through an account’s whole life', async () => {
    // Prepare
    const tenant = newTenant();
    const created = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
      body: {
        title: 'Acme',
        contacts: [{ email: 'ciso@acme.test', first_name: 'Erika', last_name: 'Muster', title: 'CISO' }],
        nda: { status: 'master_nda', signed_at: '2025-01-15' },
        email_domains: ['acme.test'],
      },
    });
    const path = `/api/v1/accounts/${created.body.id}`;

    // Act
    const updated = await tenant.call('PATCH', path, {
      body: { description: 'A customer', title: 'Acme AG' },
    });
    const deleted = await tenant.call('DELETE', path);
    const settled = await tenant.call<EventsState>('POST', '/_local/events/settle');
    const events = await tenant.call<EventsState>('GET', '/_local/events');

    // Assess
    const committed = await committedEvents(tenant.tenantId);
    expect([created.status, updated.status, deleted.status, settled.status]).toEqual([201, 200, 204, 200]);
    expect(committed.map((event) => event.type).sort()).toEqual([
      'account.created',
      'account.deleted',
      'account.updated',
    ]);
    expect(
      events.body.violations.filter((violation) => committed.some((event) => violation.includes(event.id))),
    ).toEqual([]);
  });

  it('match the event catalogue for every kind of change the content and people services make', async () => {
    // Prepare
    const tenant = newTenant({ role: 'owner' });
    const id = (response: ApiResponse) => {
      expect(response.status, response.text).toBeLessThan(300);
      return (response.body as { id: string }).id;
    };
    const ok = (response: ApiResponse) => expect(response.status, response.text).toBeLessThan(300);

    // Act: one of each change, service by service.
    const account = id(await tenant.call('POST', '/api/v1/accounts', { body: { title: 'Acme' } }));
    const contact = id(
      await tenant.call('POST', `/api/v1/accounts/${account}/contacts`, {
        body: { email: 'a@acme.test', first_name: 'A', last_name: 'B' },
      }),
    );
    ok(
      await tenant.call('PATCH', `/api/v1/accounts/${account}/contacts/${contact}`, {
        body: { title: 'CISO' },
      }),
    );
    ok(await tenant.call('DELETE', `/api/v1/accounts/${account}/contacts/${contact}`));
    const shared = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
      body: { title: 'Shared', access_level: 'restricted' },
    });
    ok(shared);
    ok(
      await tenant.call('PATCH', `/api/v1/accounts/${account}/documents`, {
        body: { document_ids: [shared.body.id], access_level: 'restricted' },
      }),
    );
    const document = id(
      await tenant.call('POST', '/api/v1/documents', { body: { title: 'Policy', access_level: 'public' } }),
    );
    ok(await tenant.call('PATCH', `/api/v1/documents/${document}`, { body: { featured: true } }));
    ok(
      await tenant.call('PUT', `/api/v1/documents/${document}/file`, {
        rawBody: 'Our policy.',
        headers: { 'Content-Type': 'text/plain' },
      }),
    );
    ok(
      await tenant.call('POST', `/api/v1/documents/${document}/upload-url`, {
        body: { content_type: 'text/plain', size_bytes: 11 },
      }),
    );
    ok(await tenant.call('DELETE', `/api/v1/documents/${document}`));
    const certification = id(
      await tenant.call('POST', '/api/v1/certifications', {
        body: { framework: 'ISO 27001', issuer: 'TÜV', issued_at: '2025-01-01', expires_at: '2028-01-01' },
      }),
    );
    ok(await tenant.call('PATCH', `/api/v1/certifications/${certification}`, { body: { issuer: 'BSI' } }));
    ok(
      await tenant.call('PUT', `/api/v1/certifications/${certification}/file`, {
        rawBody: png,
        headers: { 'Content-Type': 'image/png' },
      }),
    );
    ok(await tenant.call('DELETE', `/api/v1/certifications/${certification}`));
    const faq = id(await tenant.call('POST', '/api/v1/faqs', { body: { question: 'Q?', answer: 'A.' } }));
    ok(await tenant.call('PATCH', `/api/v1/faqs/${faq}`, { body: { published: true } }));
    ok(await tenant.call('DELETE', `/api/v1/faqs/${faq}`));
    const entry = id(
      await tenant.call('POST', '/api/v1/knowledge-base', { body: { question: 'Q?', answer: 'A.' } }),
    );
    ok(await tenant.call('PATCH', `/api/v1/knowledge-base/${entry}`, { body: { tags: ['soc2'] } }));
    ok(await tenant.call('DELETE', `/api/v1/knowledge-base/${entry}`));
    const subprocessor = id(
      await tenant.call('POST', '/api/v1/subprocessors', {
        body: { name: 'AWS', purpose: 'Hosting', data_categories: ['contact data'], location: 'DE' },
      }),
    );
    ok(await tenant.call('PATCH', `/api/v1/subprocessors/${subprocessor}`, { body: { location: 'IE' } }));
    ok(await tenant.call('DELETE', `/api/v1/subprocessors/${subprocessor}`));
    const key = (
      await tenant.call<{ data: { apiKey: { id: string } } }>('POST', '/api/v1/integrations/api-keys', {
        body: { name: 'CI', key_type: 'read_only' },
      })
    ).body.data.apiKey.id;
    ok(await tenant.call('POST', `/api/v1/integrations/api-keys/${key}/rotate`));
    ok(await tenant.call('DELETE', `/api/v1/integrations/api-keys/${key}`));
    const invitation = id(
      await tenant.call('POST', '/api/v1/users', { body: { email: 'new@acme.test', role: 'editor' } }),
    );
    ok(await tenant.call('POST', `/api/v1/invitations/${invitation}/resend`));
    ok(await tenant.call('DELETE', `/api/v1/invitations/${invitation}`));

    // Assess
    const events = await committedEvents(tenant.tenantId);
    expect([...new Set(events.map((event) => event.type))].sort()).toEqual([
      'account.contact_added',
      'account.contact_removed',
      'account.contact_updated',
      'account.created',
      'account.documents_shared',
      'api_key.created',
      'api_key.revoked',
      'api_key.rotated',
      'certification.created',
      'certification.deleted',
      'certification.file_uploaded',
      'certification.updated',
      'document.created',
      'document.deleted',
      'document.updated',
      'document.upload_started',
      'document.uploaded',
      'faq.created',
      'faq.deleted',
      'faq.updated',
      'invitation.resent',
      'invitation.revoked',
      'knowledge_base.created',
      'knowledge_base.deleted',
      'knowledge_base.updated',
      'subprocessor.added',
      'subprocessor.removed',
      'subprocessor.updated',
      'user.invited',
    ]);
    expect(await violationsOf(tenant, events)).toEqual([]);
  }, 180_000);
});
