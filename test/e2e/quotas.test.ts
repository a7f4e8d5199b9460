import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { organizationOn } from '../support/organizations.ts';
import { uniqueEmail } from '../support/people.ts';

interface ErrorBody {
  error: { type: string; message: string; param?: string };
}

/** The free plan of cdk.json: 3 members, 25 documents, 10 MiB of stored files. */
const FREE = { members: 3, documents: 25, storageBytes: 10 * 1024 * 1024 };
const MiB = 1024 * 1024;
const text = (bytes: number) => new Uint8Array(bytes).fill(0x61);

function expectQuotaExceeded(response: { status: number; body: unknown; text: string }, limit: RegExp) {
  expect(response.status, response.text).toBe(403);
  expect(response.body).toEqual({ error: { type: 'quota_exceeded', message: expect.stringMatching(limit) } });
}

describe('quotas of the plan, enforced where things are created', () => {
  it('refuses a member past the plan with 403 quota_exceeded naming the limit, and invites nobody', async () => {
    const { orgId, admin } = await organizationOn('free');
    // The owner's invitation is the first member; two more fill the plan.
    for (let i = 1; i < FREE.members; i += 1) {
      const added = await admin.call('POST', `/api/v1/organizations/${orgId}/members`, {
        body: { email: uniqueEmail('member'), name: 'Member', role: 'editor' },
      });
      expect(added.status, added.text).toBe(201);
    }

    const refused = await admin.call<ErrorBody>('POST', `/api/v1/organizations/${orgId}/members`, {
      body: { email: uniqueEmail('one-too-many'), name: 'Too Many', role: 'editor' },
    });
    const members = await admin.call<{ total: number }>('GET', `/api/v1/organizations/${orgId}/members`);

    expectQuotaExceeded(refused, /members.*Free plan allows 3 members/);
    expect(members.body.total).toBe(FREE.members);
  });

  it('refuses the document past the plan, one by one and all at once', async () => {
    const { admin } = await organizationOn('free');
    for (let i = 0; i < FREE.documents; i += 1) {
      const created = await admin.call('POST', '/api/v1/documents', {
        body: { title: `Policy ${i}`, access_level: 'public' },
      });
      expect(created.status, created.text).toBe(201);
    }

    const refused = await admin.call<ErrorBody>('POST', '/api/v1/documents', {
      body: { title: 'One more', access_level: 'public' },
    });
    const bulk = await admin.call<ErrorBody>('POST', '/api/v1/documents/bulk', {
      body: {
        all_or_nothing: true,
        operations: [{ op: 'create', data: { title: 'Bulk one more', access_level: 'public' } }],
      },
    });
    const listed = await admin.call<{ documents: unknown[] }>('GET', '/api/v1/documents?limit=100');

    expectQuotaExceeded(refused, /documents.*Free plan allows 25 documents/);
    expectQuotaExceeded(bulk, /documents.*Free plan allows 25 documents/);
    expect(listed.body.documents).toHaveLength(FREE.documents);
  });

  it('refuses a document file, a presigned upload and a certificate file past the stored bytes', async () => {
    const { admin } = await organizationOn('free');
    const document = await admin.call<{ id: string }>('POST', '/api/v1/documents', {
      body: { title: 'Big', access_level: 'public' },
    });
    const put = (bytes: Uint8Array) =>
      admin.call<ErrorBody>('PUT', `/api/v1/documents/${document.body.id}/file`, {
        rawBody: bytes,
        headers: { 'Content-Type': 'text/plain' },
      });
    // 4 + 4 + 2 MiB less 100 bytes: 100 bytes short of the plan's 10 MiB.
    expect((await put(text(4 * MiB))).status).toBe(200);
    expect((await put(text(4 * MiB))).status).toBe(200);
    expect((await put(text(2 * MiB - 100))).status).toBe(200);

    const direct = await put(text(101));
    const presigned = await admin.call<ErrorBody>(
      'POST',
      `/api/v1/documents/${document.body.id}/upload-url`,
      {
        body: { content_type: 'text/plain', size_bytes: 101 },
      },
    );
    const certification = await admin.call<{ id: string }>('POST', '/api/v1/certifications', {
      body: { framework: 'ISO 27001', issuer: 'Auditor', issued_at: '2025-01-01', expires_at: '2027-01-01' },
    });
    const pdf = await (await PDFDocument.create()).save();
    const certificate = await admin.call<ErrorBody>(
      'PUT',
      `/api/v1/certifications/${certification.body.id}/file`,
      { rawBody: pdf, headers: { 'Content-Type': 'application/pdf' } },
    );

    expectQuotaExceeded(direct, /storage_bytes.*Free plan allows 10485760 bytes/);
    expectQuotaExceeded(presigned, /storage_bytes.*Free plan allows 10485760 bytes/);
    expectQuotaExceeded(certificate, /storage_bytes.*Free plan allows 10485760 bytes/);
    expect(pdf.length).toBeGreaterThan(100);
  });
});
