import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { MAX_WATERMARK_PAGES } from '#services/documents/file-limits';
import { newTenant, type TestTenant } from '../support/api.ts';
import { table, tableName } from '../support/table.ts';
import {
  DOCX,
  docx,
  docxBomb,
  html,
  jpegImage,
  pdf,
  png,
  XLSX,
  xlsx,
} from '../unit/documents/file-fixtures.ts';

interface ErrorBody {
  error: { type: string; message: string; param?: string };
}
interface Document {
  id: string;
  access_level: string;
  file: { version_id: string; content_type: string } | null;
}
interface UploadUrl {
  upload_id: string;
  url: string;
  headers: Record<string, string>;
}

async function createDocument(tenant: TestTenant, accessLevel = 'public'): Promise<Document> {
  const created = await tenant.call<Document>('POST', '/api/v1/documents', {
    body: { title: 'Security whitepaper', access_level: accessLevel },
  });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

function putFile(tenant: TestTenant, documentId: string, bytes: Uint8Array, contentType: string) {
  return tenant.call<Document & ErrorBody>('PUT', `/api/v1/documents/${documentId}/file`, {
    rawBody: bytes,
    headers: { 'Content-Type': contentType },
  });
}

/** A presigned upload: start, PUT the bytes to S3, confirm. */
async function uploadThroughS3(
  tenant: TestTenant,
  documentId: string,
  bytes: Uint8Array,
  contentType: string,
) {
  const started = await tenant.call<UploadUrl>('POST', `/api/v1/documents/${documentId}/upload-url`, {
    body: { content_type: contentType, size_bytes: bytes.length },
  });
  expect(started.status, started.text).toBe(201);
  const put = await fetch(started.body.url, { method: 'PUT', headers: started.body.headers, body: bytes });
  expect(put.status).toBe(200);
  return tenant.call<Document & ErrorBody>(
    'POST',
    `/api/v1/documents/${documentId}/uploads/${started.body.upload_id}/confirm`,
  );
}

const withHtml = (bytes: Buffer) => Buffer.concat([bytes, html]);
const pngPolyglot = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), html]);
const fakeDocx = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.alloc(26),
  Buffer.from('word/document.xml'),
]);

describe('uploads are checked against their type from the first byte to the last', () => {
  it.each([
    ['the PNG signature followed by HTML', pngPolyglot, 'image/png'],
    ['a real PNG with HTML after IEND', withHtml(png()), 'image/png'],
    ['a real JPEG with HTML after EOI', withHtml(jpegImage()), 'image/jpeg'],
    ['a ZIP header and the string word/', fakeDocx, DOCX],
    ['a workbook declared as a Word document', xlsx(), DOCX],
  ])('refuses %s with 415, saying what is wrong', async (_, bytes, contentType) => {
    const tenant = newTenant();
    const document = await createDocument(tenant);

    const response = await putFile(tenant, document.id, bytes, contentType);

    expect(response.status).toBe(415);
    expect(response.body.error).toMatchObject({ type: 'unsupported_media_type', param: 'body' });
    expect(response.body.error.message).toMatch(
      new RegExp(`^The body is not a valid ${contentType} file: .+`),
    );
  });

  it('refuses a real PDF with HTML appended after its end-of-file marker', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);

    const response = await putFile(tenant, document.id, withHtml(await pdf()), 'application/pdf');

    expect(response.status).toBe(415);
    expect(response.body.error.message).toContain('%%EOF');
  });

  it('refuses a Word document expanding to 1 GiB without expanding it', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);

    const response = await putFile(tenant, document.id, await docxBomb(1024), DOCX);

    expect(response.status).toBe(415);
    expect(response.body.error.message).toContain('expands more than 100 times');
  });

  it.each([
    ['a PNG', png(), 'image/png'],
    ['a JPEG', jpegImage(), 'image/jpeg'],
    ['a Word document', docx(), DOCX],
    ['a workbook', xlsx(), XLSX],
  ])('accepts %s that is whole and well formed', async (_, bytes, contentType) => {
    const tenant = newTenant();
    const document = await createDocument(tenant);

    const response = await putFile(tenant, document.id, bytes, contentType);

    expect(response.status, response.text).toBe(200);
    expect(response.body.file?.content_type).toBe(contentType);
  });

  it('holds certificate files to the same check', async () => {
    const tenant = newTenant();
    const created = await tenant.call<{ id: string }>('POST', '/api/v1/certifications', {
      body: { framework: 'ISO 27001', issuer: 'BSI', issued_at: '2025-01-01', expires_at: '2028-01-01' },
    });
    const upload = (bytes: Uint8Array) =>
      tenant.call<ErrorBody>('PUT', `/api/v1/certifications/${created.body.id}/file`, {
        rawBody: bytes,
        headers: { 'Content-Type': 'image/png' },
      });

    const refused = await upload(pngPolyglot);
    const accepted = await upload(png());

    expect(refused.status).toBe(415);
    expect(refused.body.error.message).toMatch(/^The body is not a valid image\/png file: /);
    expect(accepted.status, accepted.text).toBe(200);
  });

  it('holds a presigned upload to the same check at confirm', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant);

    const refused = await uploadThroughS3(tenant, document.id, withHtml(png()), 'image/png');
    const accepted = await uploadThroughS3(tenant, document.id, docx(), DOCX);

    expect(refused.status).toBe(415);
    expect(refused.body.error).toMatchObject({ type: 'unsupported_media_type', param: 'upload_id' });
    expect(refused.body.error.message).toBe(
      'The uploaded file is not a valid image/png file: data follows its IEND chunk',
    );
    expect(accepted.status, accepted.text).toBe(200);
  });
});

describe('watermarking is bounded', () => {
  const pagesOverLimit = MAX_WATERMARK_PAGES + 1;

  it('refuses a PDF over the page limit for a restricted document, at upload and at confirm, with 413', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant, 'restricted');
    const long = await pdf(pagesOverLimit);

    const direct = await putFile(tenant, document.id, long, 'application/pdf');
    const presigned = await uploadThroughS3(tenant, document.id, long, 'application/pdf');

    for (const response of [direct, presigned]) {
      expect(response.status).toBe(413);
      expect(response.body.error.type).toBe('payload_too_large');
      expect(response.body.error.message).toContain(`it has ${pagesOverLimit} pages`);
    }
    expect(direct.body.error.param).toBe('body');
    expect(presigned.body.error.param).toBe('upload_id');
  });

  it('accepts the same PDF for a public document, which is never watermarked', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant, 'public');

    const response = await putFile(tenant, document.id, await pdf(pagesOverLimit), 'application/pdf');

    expect(response.status, response.text).toBe(200);
  });

  it('refuses to make such a public document restricted, and leaves it public', async () => {
    const tenant = newTenant();
    const document = await createDocument(tenant, 'public');
    await putFile(tenant, document.id, await pdf(pagesOverLimit), 'application/pdf');

    const patched = await tenant.call<ErrorBody>('PATCH', `/api/v1/documents/${document.id}`, {
      body: { access_level: 'requires_nda' },
    });
    const after = await tenant.call<Document>('GET', `/api/v1/documents/${document.id}`);

    expect(patched.status).toBe(409);
    expect(patched.body.error).toMatchObject({ type: 'conflict', param: 'access_level' });
    expect(patched.body.error.message).toContain(`at most ${MAX_WATERMARK_PAGES}`);
    expect(after.body.access_level).toBe('public');
  });

  it('never serves an oversized restricted PDF unstamped: the download is refused with 409', async () => {
    // A document made restricted before the limits existed: its access level is changed in the table.
    const tenant = newTenant();
    const document = await createDocument(tenant, 'public');
    await putFile(tenant, document.id, await pdf(pagesOverLimit), 'application/pdf');
    await table.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `${tenant.tenantId}#document`, sk: document.id },
        UpdateExpression: 'SET accessLevel = :restricted',
        ExpressionAttributeValues: { ':restricted': 'restricted' },
      }),
    );

    const link = await tenant.call<ErrorBody & { url?: string }>(
      'GET',
      `/api/v1/documents/${document.id}/download-url`,
    );

    expect(link.status).toBe(409);
    expect(link.body.url).toBeUndefined();
    expect(link.body.error.message).toContain('cannot be watermarked in time, so it is not served');
  });
});
