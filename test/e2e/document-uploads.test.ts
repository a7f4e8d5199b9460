import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
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
  file: FileVersion | null;
  watermark: { applies: boolean; skipped_reason: string | null };
}
interface UploadUrl {
  upload_id: string;
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expires_at: string;
}
interface ErrorBody {
  error: { type: string; message: string; param?: string };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real PDF, one page per text, made with pdf-lib. */
async function pdfWithPages(texts: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of texts) pdf.addPage([612, 792]).drawText(text, { x: 72, y: 720, size: 14, font });
  return pdf.save();
}

/** A PDF whose trailer names an /Encrypt dictionary: what makes a reader (and pdf-lib) treat it as encrypted. */
async function encryptedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([612, 792]);
  const saved = Buffer.from(await pdf.save({ useObjectStreams: false })).toString('latin1');
  const locked = saved.replace(
    /trailer\s*<</,
    (trailer) => `${trailer}\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>`,
  );
  expect(locked).not.toBe(saved);
  return new Uint8Array(Buffer.from(locked, 'latin1'));
}

const executable = new Uint8Array(
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run', 'latin1'),
);

async function createDocument(tenant: TestTenant, accessLevel = 'public'): Promise<Document> {
  const created = await tenant.call<Document>('POST', '/api/v1/documents', {
    body: { title: 'Penetration test report', access_level: accessLevel },
  });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

async function startUpload(
  tenant: TestTenant,
  documentId: string,
  body: Record<string, unknown>,
): Promise<UploadUrl> {
  const response = await tenant.call<UploadUrl>('POST', `/api/v1/documents/${documentId}/upload-url`, {
    body,
  });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

/** The uploader's side: a PUT of the bytes to the presigned URL, straight to S3. */
async function putTo(upload: UploadUrl, bytes: Uint8Array): Promise<number> {
  const response = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: bytes });
  await response.arrayBuffer();
  return response.status;
}

function confirm(tenant: TestTenant, documentId: string, uploadId: string) {
  return tenant.call<Document & ErrorBody>(
    'POST',
    `/api/v1/documents/${documentId}/uploads/${uploadId}/confirm`,
  );
}

/** Uploads `bytes` (declared as `declared`) through a presigned URL and confirms it. */
async function uploadAndConfirm(
  tenant: TestTenant,
  documentId: string,
  bytes: Uint8Array,
  declared: Record<string, unknown> = { content_type: 'application/pdf', size_bytes: bytes.length },
) {
  const upload = await startUpload(tenant, documentId, declared);
  expect(await putTo(upload, bytes)).toBe(200);
  return { upload, confirmed: await confirm(tenant, documentId, upload.upload_id) };
}

describe('presigned document uploads', () => {
  it('hands out a presigned PUT to a staging key under the tenant, valid for 15 minutes', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);

    const upload = await startUpload(tenant, document.id, {
      content_type: 'application/pdf',
      size_bytes: 2048,
    });

    expect(upload.upload_id).toMatch(/^upl_[0-9A-Z]{26}$/);
    expect(upload.method).toBe('PUT');
    expect(upload.headers).toEqual({ 'Content-Type': 'application/pdf' });
    const url = new URL(upload.url);
    expect(decodeURIComponent(url.pathname)).toContain(
      `tenants/${tenant.tenantId}/documents/${document.id}/uploads/${upload.upload_id}`,
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toContain('content-length');
    const ttl = Date.parse(upload.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(880_000);
    expect(ttl).toBeLessThanOrEqual(900_000);
  });

  it('makes a confirmed upload the current version, listed and downloadable byte for byte', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);
    const pdf = await pdfWithPages(['Presigned upload']);

    const { confirmed } = await uploadAndConfirm(tenant, document.id, pdf, {
      content_type: 'application/pdf',
      size_bytes: pdf.length,
      sha256: sha256(pdf),
    });
    const versions = await tenant.call<{ versions: FileVersion[] }>(
      'GET',
      `/api/v1/documents/${document.id}/versions`,
    );
    const link = await tenant.call<{ url: string }>('GET', `/api/v1/documents/${document.id}/download-url`);
    const file = await fetch(link.body.url);

    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.file).toMatchObject({
      content_type: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
    });
    expect(confirmed.headers.get('etag')).toBe('"2"');
    expect(versions.body.versions).toEqual([confirmed.body.file]);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
  });

  it('accepts a file larger than the direct upload limit of 4 MiB', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);
    const large = new Uint8Array(5 * 1024 * 1024);
    large.set(await pdfWithPages(['Large']));

    const { confirmed } = await uploadAndConfirm(tenant, document.id, large);

    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.file).toMatchObject({ size: large.length, sha256: sha256(large) });
  });

  it('judges a text file by all its bytes, even when the sniffed prefix ends inside a character', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);
    // 'é' is two bytes: after one ASCII byte, the 64 KiB boundary falls inside one of them.
    const text = new TextEncoder().encode(`x${'é'.repeat(40_000)}\n`);

    const { confirmed } = await uploadAndConfirm(tenant, document.id, text, {
      content_type: 'text/plain',
      size_bytes: text.length,
    });

    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.file?.content_type).toBe('text/plain');
  });

  it('commits the same document.uploaded event as a direct upload, after a document.upload_started', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);
    const pdf = await pdfWithPages(['Evented']);

    const { upload, confirmed } = await uploadAndConfirm(tenant, document.id, pdf);
    const events = (await partition(`${tenant.tenantId}#outbox`)).map(
      (item) => (item as { event: { type: string; data: Record<string, unknown> } }).event,
    );

    expect(events.map((event) => event.type).sort()).toEqual([
      'document.created',
      'document.upload_started',
      'document.uploaded',
    ]);
    expect(events.find((event) => event.type === 'document.upload_started')?.data).toMatchObject({
      document_id: document.id,
      upload_id: upload.upload_id,
      size_bytes: pdf.length,
    });
    expect(events.find((event) => event.type === 'document.uploaded')?.data).toMatchObject({
      document: { id: document.id, file: confirmed.body.file },
      version: confirmed.body.file,
      size: pdf.length,
    });
  });

  it('refuses an executable declared as a PDF with 415 and deletes the staged object', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);

    const { upload, confirmed } = await uploadAndConfirm(tenant, document.id, executable);
    const again = await confirm(tenant, document.id, upload.upload_id);
    const after = await tenant.call<Document>('GET', `/api/v1/documents/${document.id}`);

    expect(confirmed.status).toBe(415);
    expect(confirmed.body).toMatchObject({ error: { type: 'unsupported_media_type', param: 'upload_id' } });
    // The object is gone: a second confirm finds nothing uploaded.
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { type: 'validation_error', param: 'upload_id' } });
    expect(after.body.file).toBeNull();
  });

  it('refuses a file whose size differs from the declared one with 400, and deletes it', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);
    const pdf = await pdfWithPages(['Short']);

    // S3 itself refuses such a PUT (Content-Length is signed); the emulator does not check signatures.
    const { upload, confirmed } = await uploadAndConfirm(tenant, document.id, pdf, {
      content_type: 'application/pdf',
      size_bytes: pdf.length + 10,
    });
    const again = await confirm(tenant, document.id, upload.upload_id);

    expect(confirmed.status).toBe(400);
    expect(confirmed.body).toMatchObject({ error: { type: 'validation_error', param: 'size_bytes' } });
    expect(confirmed.body.error.message).toContain(String(pdf.length));
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/Nothing has been uploaded/);
  });

  it('refuses a file whose SHA-256 differs from the declared one with 400', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);
    const pdf = await pdfWithPages(['Tampered']);

    const { confirmed } = await uploadAndConfirm(tenant, document.id, pdf, {
      content_type: 'application/pdf',
      size_bytes: pdf.length,
      sha256: sha256(new TextEncoder().encode('something else')),
    });
    const after = await tenant.call<Document>('GET', `/api/v1/documents/${document.id}`);

    expect(confirmed.status).toBe(400);
    expect(confirmed.body).toMatchObject({ error: { type: 'validation_error', param: 'sha256' } });
    expect(after.body.file).toBeNull();
  });

  it('lets a corrected file be PUT to the same URL after a refusal', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);
    const pdf = await pdfWithPages(['Second try']);
    const upload = await startUpload(tenant, document.id, {
      content_type: 'application/pdf',
      size_bytes: pdf.length,
    });
    const disguised = new Uint8Array(pdf.length);
    disguised.set(executable);
    await putTo(upload, disguised);
    const refused = await confirm(tenant, document.id, upload.upload_id);

    await putTo(upload, pdf);
    const accepted = await confirm(tenant, document.id, upload.upload_id);

    expect(refused.status).toBe(415);
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body.file?.sha256).toBe(sha256(pdf));
  });

  it('refuses a declared size above 100 MiB with 413 before handing out a URL', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);

    const response = await tenant.call<ErrorBody>('POST', `/api/v1/documents/${document.id}/upload-url`, {
      body: { content_type: 'application/pdf', size_bytes: 100 * 1024 * 1024 + 1 },
    });

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: { type: 'payload_too_large', param: 'size_bytes' } });
  });

  it('refuses a content type outside the allowlist, naming the field', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);

    const response = await tenant.call<ErrorBody>('POST', `/api/v1/documents/${document.id}/upload-url`, {
      body: { content_type: 'application/x-msdownload', size_bytes: 100 },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'content_type' } });
  });

  it('answers 404 for an upload URL of a document that does not exist', async () => {
    const tenant = newTenant();

    const response = await tenant.call(
      'POST',
      '/api/v1/documents/doc_00000000000000000000000000/upload-url',
      {
        body: { content_type: 'application/pdf', size_bytes: 100 },
      },
    );

    expect(response.status).toBe(404);
  });

  it('answers 400 to a confirm before anything was uploaded', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);
    const upload = await startUpload(tenant, document.id, {
      content_type: 'application/pdf',
      size_bytes: 100,
    });

    const response = await confirm(tenant, document.id, upload.upload_id);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'upload_id' } });
  });

  it('answers 404 to an unknown upload id, an upload id of another document, and an id of another kind', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);
    const other = await createDocument(tenant);
    const upload = await startUpload(tenant, other.id, { content_type: 'application/pdf', size_bytes: 100 });

    const unknown = await confirm(tenant, document.id, 'upl_00000000000000000000000000');
    const elsewhere = await confirm(tenant, document.id, upload.upload_id);
    const malformed = await confirm(tenant, document.id, 'doc_00000000000000000000000000');

    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { type: 'not_found', param: 'upload_id' } });
    expect(elsewhere.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(malformed.body).toMatchObject({ error: { type: 'not_found', param: 'upload_id' } });
  });

  it('refuses a second confirm of the same upload with 409 naming its version, and adds no version', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);
    const pdf = await pdfWithPages(['Once']);
    const { upload, confirmed } = await uploadAndConfirm(tenant, document.id, pdf);

    const again = await confirm(tenant, document.id, upload.upload_id);
    const versions = await tenant.call<{ versions: FileVersion[] }>(
      'GET',
      `/api/v1/documents/${document.id}/versions`,
    );

    expect(confirmed.status).toBe(200);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { type: 'conflict', param: 'upload_id' } });
    expect(again.body.error.message).toContain(confirmed.body.file?.version_id);
    expect(versions.body.versions).toHaveLength(1);
  });

  it('keeps earlier versions when a presigned upload follows a direct one', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);
    const first = await pdfWithPages(['Direct']);
    const direct = await tenant.call<Document>('PUT', `/api/v1/documents/${document.id}/file`, {
      rawBody: first,
      headers: { 'Content-Type': 'application/pdf' },
    });

    const { confirmed } = await uploadAndConfirm(tenant, document.id, await pdfWithPages(['Presigned']));
    const versions = await tenant.call<{ versions: FileVersion[] }>(
      'GET',
      `/api/v1/documents/${document.id}/versions`,
    );

    expect(versions.body.versions.map((version) => version.version_id)).toEqual([
      confirmed.body.file?.version_id,
      direct.body.file?.version_id,
    ]);
  });

  it('says at confirm that an encrypted PDF of a restricted document will never be watermarked, in the answer and the event', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant, 'restricted');

    const { confirmed } = await uploadAndConfirm(tenant, document.id, await encryptedPdf());
    const uploaded = (await partition(`${tenant.tenantId}#outbox`))
      .map((item) => (item as { event: { type: string; data: { document: Document } } }).event)
      .find((event) => event.type === 'document.uploaded');

    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.watermark).toEqual({ applies: false, skipped_reason: 'encrypted' });
    expect(uploaded?.data.document.watermark).toEqual({ applies: false, skipped_reason: 'encrypted' });
  });
});
