import { fileURLToPath } from 'node:url';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import { getDocument, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, inject, it } from 'vitest';
import { issueDevelopmentCredential } from '#shared/auth/development-credential';
import { newId } from '#shared/ids';
import { request, type TestTenant } from '../support/api.ts';

interface Document {
  id: string;
  file: { version_id: string; sha256: string } | null;
}
interface DownloadUrl {
  url: string;
  expires_at: string;
  watermarked: boolean;
  watermark_skipped_reason: 'encrypted' | 'unreadable' | 'not_pdf' | null;
}

/** A tenant whose credential's principal id is known, so a test can expect it in a watermark. */
function tenantWithPrincipal(): TestTenant & { principalId: string } {
  const tenantId = newId('organization');
  const principalId = newId('user');
  const token = issueDevelopmentCredential(
    { tenantId, principalId, role: 'admin', scopes: ['*'] },
    inject('developmentCredentialSecret'),
  );
  return {
    tenantId,
    principalId,
    token,
    call: (method, path, rest = {}) => request(method, path, { ...rest, token }),
  };
}

async function pdfWithPages(texts: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of texts) pdf.addPage([612, 792]).drawText(text, { x: 72, y: 720, size: 14, font });
  return pdf.save();
}

/**
 * A PDF whose trailer names an /Encrypt dictionary: what makes a reader (and pdf-lib) treat it as
 * encrypted. Its contents are not really encrypted; that does not matter to the check.
 */
async function encryptedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([612, 792]).drawText('Locked', { x: 72, y: 720 });
  const text = Buffer.from(await pdf.save({ useObjectStreams: false })).toString('latin1');
  const locked = text.replace(
    /trailer\s*<</,
    (trailer) => `${trailer}\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>`,
  );
  expect(locked).not.toBe(text);
  return new Uint8Array(Buffer.from(locked, 'latin1'));
}

const standardFontDataUrl = fileURLToPath(
  new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url),
);

/** A line of text on the first page, in the page's displayed (viewport) coordinates: x right, y down. */
interface DisplayedLine {
  x: number;
  y: number;
  endX: number;
  horizontal: boolean;
  viewport: { width: number; height: number };
}

/** Where a reader shows each line reading exactly `text` on the first page, as pdf.js lays it out. */
async function displayedLines(bytes: Uint8Array, text: string): Promise<DisplayedLine[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl }).promise;
  const page = await pdf.getPage(1);
  const { width, height, transform } = page.getViewport({ scale: 1 });
  const lines: DisplayedLine[] = [];
  for (const item of (await page.getTextContent()).items) {
    if (!('str' in item) || item.str !== text) continue;
    const [a, b, c, d, e, f] = Util.transform(transform, item.transform) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const horizontal = Math.abs(b) < 1e-6 && Math.abs(c) < 1e-6 && a > 0 && d < 0;
    lines.push({ x: e, y: f, endX: e + item.width, horizontal, viewport: { width, height } });
  }
  await pdf.destroy();
  return lines;
}

/** The text of each page, as a PDF reader extracts it. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl }).promise;
  const texts: string[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const content = await (await pdf.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  await pdf.destroy();
  return texts;
}

async function documentWithFile(
  tenant: TestTenant,
  accessLevel: string,
  bytes: Uint8Array,
  contentType = 'application/pdf',
  title = 'Pen test 2026',
): Promise<Document> {
  const created = await tenant.call<Document>('POST', '/api/v1/documents', {
    body: { title, access_level: accessLevel },
  });
  const uploaded = await tenant.call<Document>('PUT', `/api/v1/documents/${created.body.id}/file`, {
    rawBody: bytes,
    headers: { 'Content-Type': contentType },
  });
  expect(uploaded.status, uploaded.text).toBe(200);
  return uploaded.body;
}

async function download(
  tenant: TestTenant,
  documentId: string,
): Promise<{ link: DownloadUrl; bytes: Buffer; disposition: string | null }> {
  const link = await tenant.call<DownloadUrl>('GET', `/api/v1/documents/${documentId}/download-url`);
  expect(link.status, link.text).toBe(200);
  const file = await fetch(link.body.url);
  expect(file.status).toBe(200);
  return {
    link: link.body,
    bytes: Buffer.from(await file.arrayBuffer()),
    disposition: file.headers.get('content-disposition'),
  };
}

const today = () => new Date().toISOString().slice(0, 10);

describe('document download links', () => {
  it('expires when asked to: a one-second link is refused by S3 once the second has passed', async () => {
    const tenant = tenantWithPrincipal();
    const document = await documentWithFile(tenant, 'public', await pdfWithPages(['Soon gone']));

    const link = await tenant.call<DownloadUrl>(
      'GET',
      `/api/v1/documents/${document.id}/download-url?expires_in=1`,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const expired = await fetch(link.body.url);

    expect(link.status, link.text).toBe(200);
    expect(new URL(link.body.url).searchParams.get('X-Amz-Expires')).toBe('1');
    expect(Date.parse(link.body.expires_at) - Date.now()).toBeLessThanOrEqual(0);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('expired');
  });

  it('refuses an expires_in outside 1 to 900 seconds, naming the parameter', async () => {
    const tenant = tenantWithPrincipal();
    const document = await documentWithFile(tenant, 'public', await pdfWithPages(['Bounds']));

    const responses = await Promise.all(
      ['0', '901', 'soon'].map((value) =>
        tenant.call('GET', `/api/v1/documents/${document.id}/download-url?expires_in=${value}`),
      ),
    );

    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'expires_in' } });
    }
  });

  it.each(['restricted', 'requires_nda'])(
    'stamps every page of a %s PDF with the viewer and the date, leaving the stored version as it was',
    async (accessLevel) => {
      const tenant = tenantWithPrincipal();
      const original = await pdfWithPages(['Finding one', 'Finding two']);
      const document = await documentWithFile(tenant, accessLevel, original);

      const { link, bytes } = await download(tenant, document.id);
      const texts = await pageTexts(bytes);
      const versionLink = await tenant.call<{ url: string }>(
        'GET',
        `/api/v1/documents/${document.id}/versions`,
      );

      expect(link).toMatchObject({ watermarked: true, watermark_skipped_reason: null });
      expect(texts).toHaveLength(2);
      const stamp = `Confidential \u2014 prepared for ${tenant.principalId} \u2014 ${today()}`;
      expect(texts[0]).toContain('Finding one');
      expect(texts[1]).toContain('Finding two');
      for (const text of texts) expect(text).toContain(stamp);
      expect(bytes.equals(Buffer.from(original))).toBe(false);
      expect(versionLink.body).toMatchObject({ versions: [{ sha256: document.file?.sha256 }] });
    },
  );

  it('names a signed-in person by their email in the watermark', async () => {
    const admin = inject('admin');
    const login = await request<{ accessToken: string }>('POST', '/api/v1/login', { body: admin });
    expect(login.status, login.text).toBe(200);
    const token = login.body.accessToken;
    const person = {
      tenantId: '',
      token,
      call: (method: string, path: string, rest = {}) => request(method, path, { ...rest, token }),
    } as TestTenant;
    const document = await documentWithFile(person, 'restricted', await pdfWithPages(['For a person']));

    const { link, bytes } = await download(person, document.id);
    await person.call('DELETE', `/api/v1/documents/${document.id}`);

    expect(link.watermarked).toBe(true);
    expect((await pageTexts(bytes))[0]).toContain(`prepared for ${admin.email}`);
  });

  it('reuses the watermarked copy for the same viewer on the same day', async () => {
    const tenant = tenantWithPrincipal();
    const document = await documentWithFile(tenant, 'restricted', await pdfWithPages(['Twice']));

    const first = await download(tenant, document.id);
    const second = await download(tenant, document.id);

    expect(new URL(second.link.url).pathname).toBe(new URL(first.link.url).pathname);
    expect(new URL(first.link.url).pathname).toMatch(
      new RegExp(
        `/tenants/${tenant.tenantId}/documents/${document.id}/watermarked/ver_[0-9A-Z]{26}/[0-9a-f]{64}\\.pdf$`,
      ),
    );
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });

  it('serves an encrypted restricted PDF as it is, saying why it is not watermarked', async () => {
    const tenant = tenantWithPrincipal();
    const locked = await encryptedPdf();
    const document = await documentWithFile(tenant, 'restricted', locked);

    const { link, bytes } = await download(tenant, document.id);

    expect(link).toMatchObject({ watermarked: false, watermark_skipped_reason: 'encrypted' });
    expect(bytes.equals(Buffer.from(locked))).toBe(true);
  });

  it('never watermarks a public PDF', async () => {
    const tenant = tenantWithPrincipal();
    const original = await pdfWithPages(['For everyone']);
    const document = await documentWithFile(tenant, 'public', original);

    const { link, bytes } = await download(tenant, document.id);

    expect(link).toMatchObject({ watermarked: false, watermark_skipped_reason: null });
    expect(bytes.equals(Buffer.from(original))).toBe(true);
    expect((await pageTexts(bytes))[0]).not.toContain('Confidential');
  });

  it('serves a restricted file that is not a PDF as it is, saying so', async () => {
    const tenant = tenantWithPrincipal();
    const notes = new TextEncoder().encode('Restricted notes\n');
    const document = await documentWithFile(tenant, 'restricted', notes, 'text/plain');

    const { link, bytes } = await download(tenant, document.id);

    expect(link).toMatchObject({ watermarked: false, watermark_skipped_reason: 'not_pdf' });
    expect(bytes.equals(Buffer.from(notes))).toBe(true);
  });

  it.each([
    [
      'Отчёт о безопасности 2026 final',
      'Otchet-o-bezopasnosti-2026-final.pdf',
      'Отчёт-о-безопасности-2026-final.pdf',
    ],
    ['安全报告', 'document.pdf', '安全报告.pdf'],
    ['Sécurité "Übersicht"', 'Securite-Ubersicht.pdf', 'Sécurité-Übersicht.pdf'],
  ])(
    'serves %s under its own name: an ASCII filename and the whole title in filename*',
    async (title, ascii, unicode) => {
      const tenant = tenantWithPrincipal();
      const document = await documentWithFile(
        tenant,
        'public',
        await pdfWithPages(['Named']),
        undefined,
        title,
      );

      const { disposition } = await download(tenant, document.id);

      const match = /^attachment; filename="([^"\\]+)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(
        disposition ?? '',
      );
      expect(match, disposition ?? 'no Content-Disposition').not.toBeNull();
      expect(match?.[1]).toBe(ascii);
      expect(decodeURIComponent(match?.[2] ?? '')).toBe(unicode);
    },
  );

  it('names the watermarked copy of a restricted document the way it names the original', async () => {
    const tenant = tenantWithPrincipal();
    const document = await documentWithFile(
      tenant,
      'restricted',
      await pdfWithPages(['Named']),
      undefined,
      'Отчёт',
    );

    const { link, disposition } = await download(tenant, document.id);

    expect(link.watermarked).toBe(true);
    expect(disposition).toBe(
      `attachment; filename="Otchet.pdf"; filename*=UTF-8''${encodeURIComponent('Отчёт')}.pdf`,
    );
  });

  it.each([90, 180, 270])(
    'stamps the footer along the displayed bottom of a page rotated %i degrees, inside its CropBox',
    async (rotation) => {
      const tenant = tenantWithPrincipal();
      const pdf = await PDFDocument.create();
      const page = pdf.addPage([612, 792]);
      page.setMediaBox(50, 80, 612, 792);
      page.setCropBox(100, 120, 500, 700);
      page.setRotation(degrees(rotation));
      const document = await documentWithFile(tenant, 'restricted', await pdf.save());

      const { bytes } = await download(tenant, document.id);

      const stamp = `Confidential \u2014 prepared for ${tenant.principalId} \u2014 ${today()}`;
      const footers = (await displayedLines(bytes, stamp)).filter((line) => line.horizontal);
      expect(footers).toHaveLength(1);
      const [footer] = footers as [DisplayedLine];
      expect(footer.viewport).toEqual(
        rotation === 180 ? { width: 500, height: 700 } : { width: 700, height: 500 },
      );
      expect(footer.x).toBeGreaterThanOrEqual(0);
      expect(footer.endX).toBeLessThanOrEqual(footer.viewport.width);
      expect(footer.y).toBeLessThanOrEqual(footer.viewport.height);
      expect(footer.y).toBeGreaterThan(footer.viewport.height - 30);
    },
  );
});
