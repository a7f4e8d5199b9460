import { describe, expect, it } from 'vitest';
import { newTenant, type TestTenant } from '../support/api.ts';
import { partition } from '../support/table.ts';

interface FileVersion {
  version_id: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
}
interface Document {
  id: string;
  title: string;
  description: string | null;
  access_level: 'public' | 'restricted' | 'requires_nda';
  category: string | null;
  featured: boolean;
  language: 'en' | 'de' | 'fr';
  file: FileVersion | null;
  watermark: { applies: boolean; skipped_reason: 'encrypted' | 'unreadable' | 'not_pdf' | null };
  created_at: string;
  updated_at: string;
}
interface DocumentList {
  documents: Document[];
  has_more: boolean;
  next_cursor: string | null;
}
interface VersionList {
  versions: FileVersion[];
}
interface DownloadUrl {
  url: string;
  expires_at: string;
  watermarked: boolean;
  watermark_skipped_reason: string | null;
}

/** Seed 1's create body, verbatim. */
const soc2 = {
  title: 'SOC 2 Type II Report',
  description: 'Annual security audit report',
  access_level: 'requires_nda',
  category: 'security-audits',
  featured: true,
};

/**
 * A minimal valid one-page PDF, with a correct cross-reference table. `encrypted` names an /Encrypt
 * dictionary in the trailer: what makes a reader (and pdf-lib) treat it as encrypted.
 */
function minimalPdf(text: string, { encrypted = false } = {}): Uint8Array {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  const encrypt = encrypted ? ' /Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>' : '';
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

async function createDocument(tenant: TestTenant, body: Record<string, unknown> = soc2): Promise<Document> {
  const created = await tenant.call<Document>('POST', '/api/v1/documents', { body });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

function upload(tenant: TestTenant, id: string, bytes: Uint8Array, contentType = 'application/pdf') {
  return tenant.call<Document>('PUT', `/api/v1/documents/${id}/file`, {
    rawBody: bytes,
    headers: { 'Content-Type': contentType },
  });
}

async function downloadUrl(tenant: TestTenant, id: string, query = ''): Promise<string> {
  const response = await tenant.call<DownloadUrl>('GET', `/api/v1/documents/${id}/download-url${query}`);
  expect(response.status, response.text).toBe(200);
  return response.body.url;
}

describe('documents', () => {
  it("creates a document from seed 1's body and returns it without a file and with an ETag", async () => {
    const tenant = newTenant();

    const created = await tenant.call<Document>('POST', '/api/v1/documents', { body: soc2 });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...soc2, language: 'en', file: null });
    expect(created.body.id).toMatch(/^doc_[0-9A-Z]{26}$/);
    expect(created.headers.get('etag')).toBe('"1"');
  });

  it('gets one document by id, and answers 404 for an id that does not exist', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);

    const found = await tenant.call<Document>('GET', `/api/v1/documents/${created.id}`);
    const missing = await tenant.call('GET', '/api/v1/documents/doc_00000000000000000000000000');

    expect(found.status).toBe(200);
    expect(found.body).toEqual(created);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { type: 'not_found', param: 'id' } });
  });

  it('refuses a create without access_level, naming the field', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/documents', { body: { title: 'No level' } });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'access_level' } });
  });

  it('refuses an unknown access level, naming the field', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/documents', {
      body: { ...soc2, access_level: 'secret' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'access_level' } });
  });

  it('answers 404 to an id of another kind in the path: it names no document', async () => {
    const tenant = newTenant();

    const response = await tenant.call('GET', '/api/v1/documents/faq_00000000000000000000000000');

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { type: 'not_found', param: 'id' } });
  });

  it('lists documents newest first, filtered by access level, category and featured', async () => {
    const tenant = newTenant();
    await createDocument(tenant, { title: 'Privacy policy', access_level: 'public', category: 'policies' });
    await createDocument(tenant, soc2);
    await createDocument(tenant, {
      title: 'Pen test',
      access_level: 'restricted',
      category: 'security-audits',
    });

    const nda = await tenant.call<DocumentList>('GET', '/api/v1/documents?access_level=requires_nda');
    const audits = await tenant.call<DocumentList>('GET', '/api/v1/documents?category=security-audits');
    const featured = await tenant.call<DocumentList>('GET', '/api/v1/documents?featured=true');
    const all = await tenant.call<DocumentList>('GET', '/api/v1/documents');

    expect(nda.body.documents.map((d) => d.title)).toEqual(['SOC 2 Type II Report']);
    expect(audits.body.documents.map((d) => d.title)).toEqual(['Pen test', 'SOC 2 Type II Report']);
    expect(featured.body.documents.map((d) => d.title)).toEqual(['SOC 2 Type II Report']);
    expect(all.body.documents.map((d) => d.title)).toEqual([
      'Pen test',
      'SOC 2 Type II Report',
      'Privacy policy',
    ]);
  });

  it('refuses a list filter outside its values, naming the parameter', async () => {
    const tenant = newTenant();

    const response = await tenant.call('GET', '/api/v1/documents?featured=yes');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'featured' } });
  });

  it('updates metadata and clears the category with null', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);

    const updated = await tenant.call<Document>('PATCH', `/api/v1/documents/${created.id}`, {
      body: { title: 'SOC 2 Type II Report 2025', category: null, language: 'de' },
    });

    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      title: 'SOC 2 Type II Report 2025',
      category: null,
      language: 'de',
    });
    expect(updated.headers.get('etag')).toBe('"2"');
  });

  it('refuses an update whose If-Match names an older version with 412', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);
    await tenant.call('PATCH', `/api/v1/documents/${created.id}`, { body: { featured: false } });

    const stale = await tenant.call('PATCH', `/api/v1/documents/${created.id}`, {
      body: { title: 'Stale' },
      headers: { 'If-Match': '"1"' },
    });

    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { type: 'precondition_failed', param: 'If-Match' } });
  });

  it('stores an uploaded PDF as the current file with its size and SHA-256', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);
    const pdf = minimalPdf('SOC 2');

    const uploaded = await upload(tenant, created.id, pdf);

    expect(uploaded.status, uploaded.text).toBe(200);
    expect(uploaded.body.file).toMatchObject({
      content_type: 'application/pdf',
      size: pdf.length,
      sha256: Buffer.from(await crypto.subtle.digest('SHA-256', pdf)).toString('hex'),
    });
    expect(uploaded.body.file?.version_id).toMatch(/^ver_[0-9A-Z]{26}$/);
    expect(uploaded.headers.get('etag')).toBe('"2"');
  });

  it('refuses a body over 4 MiB with 413', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);
    const tooLarge = new Uint8Array(4 * 1024 * 1024 + 1);
    tooLarge.set(minimalPdf('big'));

    const response = await upload(tenant, created.id, tooLarge);

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: { type: 'payload_too_large', param: 'body' } });
  });

  it('refuses a content type outside the allowlist with 415', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);

    const response = await upload(tenant, created.id, minimalPdf('x'), 'application/zip');

    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ error: { type: 'unsupported_media_type', param: 'Content-Type' } });
  });

  it('refuses an executable disguised as a PDF with 415 naming the body, and stores nothing', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);
    const executable = new Uint8Array(
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run', 'latin1'),
    );

    const response = await upload(tenant, created.id, executable);
    const after = await tenant.call<Document>('GET', `/api/v1/documents/${created.id}`);

    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ error: { type: 'unsupported_media_type', param: 'body' } });
    expect(after.body.file).toBeNull();
  });

  it('refuses an upload to a document that does not exist with 404', async () => {
    const tenant = newTenant();

    const response = await upload(tenant, 'doc_00000000000000000000000000', minimalPdf('x'));

    expect(response.status).toBe(404);
  });

  it('refuses an upload whose If-Match names an older version with 412', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);
    await upload(tenant, created.id, minimalPdf('first'));

    const stale = await tenant.call('PUT', `/api/v1/documents/${created.id}/file`, {
      rawBody: minimalPdf('second'),
      headers: { 'Content-Type': 'application/pdf', 'If-Match': '"1"' },
    });

    expect(stale.status).toBe(412);
  });

  it('keeps every upload as a version, newest first, the newest being the current file', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);
    const first = await upload(tenant, created.id, minimalPdf('first'));
    const second = await upload(tenant, created.id, new TextEncoder().encode('Plain notes\n'), 'text/plain');

    const versions = await tenant.call<VersionList>('GET', `/api/v1/documents/${created.id}/versions`);

    expect(versions.status).toBe(200);
    expect(versions.body.versions.map((v) => v.version_id)).toEqual([
      second.body.file?.version_id,
      first.body.file?.version_id,
    ]);
    expect(versions.body.versions.map((v) => v.content_type)).toEqual(['text/plain', 'application/pdf']);
    expect(second.body.file).toEqual(versions.body.versions[0]);
  });

  it('serves exactly the uploaded bytes, as an attachment, from the presigned download URL', async () => {
    const tenant = newTenant();
    // Public: a restricted PDF is served watermarked (see document-downloads.test.ts).
    const created = await createDocument(tenant, { ...soc2, access_level: 'public' });
    const pdf = minimalPdf('download me');
    await upload(tenant, created.id, pdf);

    const link = await tenant.call<DownloadUrl>('GET', `/api/v1/documents/${created.id}/download-url`);
    const file = await fetch(link.body.url);

    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="SOC-2-Type-II-Report.pdf"');
    const ttl = Date.parse(link.body.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
  });

  it('serves an earlier version when asked for it by version_id', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant, { ...soc2, access_level: 'public' });
    const firstPdf = minimalPdf('first');
    const first = await upload(tenant, created.id, firstPdf);
    await upload(tenant, created.id, minimalPdf('second, longer'));

    const url = await downloadUrl(tenant, created.id, `?version_id=${first.body.file?.version_id}`);
    const file = await fetch(url);

    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(firstPdf))).toBe(true);
  });

  it('answers 404 for a download link of a document that has no file yet', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);

    const response = await tenant.call('GET', `/api/v1/documents/${created.id}/download-url`);

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { type: 'not_found' } });
  });

  it('refuses a malformed version_id, naming the parameter', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);

    const response = await tenant.call('GET', `/api/v1/documents/${created.id}/download-url?version_id=v1`);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'version_id' } });
  });

  it.each([
    ['public', 'stored file'],
    ['requires_nda', 'watermarked copy'],
  ])('deletes a %s document and every %s, so an earlier download link then answers 404', async (level) => {
    const tenant = newTenant();
    const created = await createDocument(tenant, { ...soc2, access_level: level });
    await upload(tenant, created.id, minimalPdf('first'));
    await upload(tenant, created.id, minimalPdf('second'));
    const versions = await tenant.call<VersionList>('GET', `/api/v1/documents/${created.id}/versions`);
    const urls = await Promise.all(
      versions.body.versions.map((v) => downloadUrl(tenant, created.id, `?version_id=${v.version_id}`)),
    );

    const deleted = await tenant.call('DELETE', `/api/v1/documents/${created.id}`);
    const after = await tenant.call('GET', `/api/v1/documents/${created.id}`);
    const files = await Promise.all(urls.map((url) => fetch(url)));

    expect(deleted.status).toBe(204);
    expect(after.status).toBe(404);
    expect(files.map((file) => file.status)).toEqual([404, 404]);
  });

  it('refuses a delete whose If-Match names an older version with 412, and keeps the file', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);
    await upload(tenant, created.id, minimalPdf('kept'));
    const url = await downloadUrl(tenant, created.id);

    const refused = await tenant.call('DELETE', `/api/v1/documents/${created.id}`, {
      headers: { 'If-Match': '"1"' },
    });
    const file = await fetch(url);

    expect(refused.status).toBe(412);
    expect(file.status).toBe(200);
  });

  it('commits created, updated, uploaded and deleted events to the outbox', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant);
    await tenant.call('PATCH', `/api/v1/documents/${created.id}`, { body: { featured: false } });
    const pdf = minimalPdf('evented');
    const uploaded = await upload(tenant, created.id, pdf);
    await tenant.call('DELETE', `/api/v1/documents/${created.id}`);

    const events = (await partition(`${tenant.tenantId}#outbox`)).map(
      (item) =>
        (item as { event: { type: string; data: { document: { id: string }; version?: FileVersion } } })
          .event,
    );

    expect(events.map((event) => event.type).sort()).toEqual([
      'document.created',
      'document.deleted',
      'document.updated',
      'document.uploaded',
    ]);
    expect(events.every((event) => event.data.document.id === created.id)).toBe(true);
    expect(events.find((event) => event.type === 'document.uploaded')?.data.version).toEqual(
      uploaded.body.file,
    );
  });
});

describe('the watermark outlook of a document', () => {
  type Outbox = { event: { type: string; data: { document: Document } } };
  const eventsOf = async (tenant: TestTenant, type: string) =>
    (await partition(`${tenant.tenantId}#outbox`))
      .map((item) => (item as Outbox).event)
      .filter((event) => event.type === type);

  it.each(['restricted', 'requires_nda'])(
    'says at upload that an encrypted PDF of a %s document will never be watermarked, in the answer and the event',
    async (accessLevel) => {
      const tenant = newTenant();
      const created = await createDocument(tenant, { title: 'Locked report', access_level: accessLevel });

      const uploaded = await upload(tenant, created.id, minimalPdf('locked', { encrypted: true }));
      const [event] = await eventsOf(tenant, 'document.uploaded');

      expect(uploaded.status, uploaded.text).toBe(200);
      expect(uploaded.body.watermark).toEqual({ applies: false, skipped_reason: 'encrypted' });
      expect(event?.data.document.watermark).toEqual({ applies: false, skipped_reason: 'encrypted' });
    },
  );

  it('says the watermark applies to a restricted PDF that can be stamped, and to nothing public', async () => {
    const tenant = newTenant();
    const restricted = await createDocument(tenant, { title: 'Open report', access_level: 'restricted' });
    const open = await createDocument(tenant, { title: 'Locked but public', access_level: 'public' });

    const stamped = await upload(tenant, restricted.id, minimalPdf('plain'));
    const unstamped = await upload(tenant, open.id, minimalPdf('locked', { encrypted: true }));

    expect(restricted.watermark).toEqual({ applies: false, skipped_reason: null });
    expect(stamped.body.watermark).toEqual({ applies: true, skipped_reason: null });
    expect(unstamped.body.watermark).toEqual({ applies: false, skipped_reason: null });
  });

  it('says a restricted file that is not a PDF is served unstamped', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant, { title: 'Notes', access_level: 'restricted' });

    const uploaded = await upload(tenant, created.id, new TextEncoder().encode('notes\n'), 'text/plain');

    expect(uploaded.body.watermark).toEqual({ applies: false, skipped_reason: 'not_pdf' });
  });

  it('says so when a public document holding an encrypted PDF is made restricted, in the answer and the event', async () => {
    const tenant = newTenant();
    const created = await createDocument(tenant, { title: 'Locked report', access_level: 'public' });
    await upload(tenant, created.id, minimalPdf('locked', { encrypted: true }));

    const patched = await tenant.call<Document>('PATCH', `/api/v1/documents/${created.id}`, {
      body: { access_level: 'requires_nda' },
    });
    const [event] = await eventsOf(tenant, 'document.updated');
    const link = await tenant.call<DownloadUrl>('GET', `/api/v1/documents/${created.id}/download-url`);

    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.watermark).toEqual({ applies: false, skipped_reason: 'encrypted' });
    expect(event?.data.document.watermark).toEqual({ applies: false, skipped_reason: 'encrypted' });
    expect(link.body).toMatchObject({ watermarked: false, watermark_skipped_reason: 'encrypted' });
  });
});
