import { readFile } from 'node:fs/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import {
  DEMO_BRAND,
  DEMO_CERTIFICATIONS,
  DEMO_DOCUMENTS,
  DEMO_FAQS,
  DEMO_KNOWLEDGE_BASE,
  DEMO_NDA,
  DEMO_SUBPROCESSORS,
} from '#infra/local/demo-content/texts';
import { LANGUAGES } from '#shared/languages';

/** One call of the Admin API as the demo administrator; throws on any answer but the expected one. */
type AdminCall = (method: string, path: string, body?: unknown, contentType?: string) => Promise<unknown>;

function adminApi(url: string, credential: string): AdminCall {
  return async (method, path, body, contentType = 'application/json') => {
    const raw = body instanceof Uint8Array;
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${credential}`, 'Content-Type': contentType },
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`Seeding the demo trust center: ${method} ${path} → ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/** A small real PDF: a title and a few lines, on one A4 page. */
// Standard fonts encode WinAnsi only: the PDFs' texts are the English ones.
async function demoPdf(title: string, lines: readonly string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  const page = pdf.addPage([595, 842]);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('Demo Company', { x: 56, y: 780, size: 12, font: bold });
  page.drawText(title, { x: 56, y: 740, size: 20, font: bold });
  lines.forEach((line, index) => {
    page.drawText(line, { x: 56, y: 700 - index * 18, size: 11, font: regular });
  });
  return pdf.save();
}

const idOf = (answer: unknown) => (answer as { id: string }).id;

/** The brand (name, colour, font, tagline and intro in three languages) and its logo, through the API. */
async function seedBrand(url: string, credential: string, call: AdminCall): Promise<void> {
  await call('PATCH', '/api/v1/brand', DEMO_BRAND);
  const logo = await readFile(new URL('./logo.png', import.meta.url));
  const form = new FormData();
  form.append('file', new Blob([logo], { type: 'image/png' }), 'logo.png');
  // As seed 1's `curl -F "file=@company-logo.png"`: multipart, the boundary set by fetch.
  const response = await fetch(`${url}/api/v1/brand/logo`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${credential}` },
    body: form,
  });
  if (!response.ok)
    throw new Error(
      `Seeding the demo trust center: PUT /api/v1/brand/logo → ${response.status} ${await response.text()}`,
    );
}

/**
 * Fills the demo tenant's trust center through the Admin API, as an administrator would: the brand with
 * its logo and font, two
 * certifications with certificate PDFs, documents at all three access levels with small real PDFs (titles
 * and descriptions translated), FAQs and knowledge-base entries in English, German and French,
 * subprocessors, and the tenant's own NDA in the three languages.
 */
export async function seedDemoContent(url: string, credential: string): Promise<void> {
  const call = adminApi(url, credential);
  await seedBrand(url, credential, call);
  for (const certification of DEMO_CERTIFICATIONS) {
    const id = idOf(await call('POST', '/api/v1/certifications', certification));
    const pdf = await demoPdf(`${certification.framework} certificate`, [
      `Issued by ${certification.issuer} on ${certification.issued_at}.`,
      `Valid until ${certification.expires_at}.`,
      'This is a demonstration certificate.',
    ]);
    await call('PUT', `/api/v1/certifications/${id}/file`, pdf, 'application/pdf');
  }
  for (const document of DEMO_DOCUMENTS) {
    const id = idOf(
      await call('POST', '/api/v1/documents', {
        title: document.title.en,
        description: document.description.en,
        access_level: document.access_level,
        category: document.category,
        featured: document.featured,
        language: 'en',
        translations: Object.fromEntries(
          (['de', 'fr'] as const).map((language) => [
            language,
            { title: document.title[language], description: document.description[language] },
          ]),
        ),
      }),
    );
    const pdf = await demoPdf(document.title.en, [document.description.en, 'A demonstration document.']);
    await call('PUT', `/api/v1/documents/${id}/file`, pdf, 'application/pdf');
  }
  for (const [position, [question, answer]] of DEMO_FAQS.entries()) {
    for (const language of LANGUAGES) {
      await call('POST', '/api/v1/faqs', {
        question: question?.[language],
        answer: answer?.[language],
        language,
        published: true,
        position: position + 1,
      });
    }
  }
  for (const entry of DEMO_KNOWLEDGE_BASE) {
    for (const language of LANGUAGES) {
      await call('POST', '/api/v1/knowledge-base', {
        question: entry.question[language],
        answer: entry.answer[language],
        tags: entry.tags,
        language,
      });
    }
  }
  for (const { purpose, ...subprocessor } of DEMO_SUBPROCESSORS) {
    await call('POST', '/api/v1/subprocessors', {
      ...subprocessor,
      purpose: purpose.en,
      translations: { de: { purpose: purpose.de }, fr: { purpose: purpose.fr } },
    });
  }
  for (const language of LANGUAGES) {
    await call('POST', '/api/v1/ndas', { ...DEMO_NDA[language], language });
  }
}
