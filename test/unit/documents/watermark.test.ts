import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { watermarkPdf, watermarkText } from '#services/documents/watermark';

const standardFontDataUrl = fileURLToPath(
  new URL('../../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url),
);

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

async function blankPdf(pages: Array<[number, number]>): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const size of pages) pdf.addPage(size);
  return pdf.save();
}

describe('watermarkPdf', () => {
  it('names the viewer and the UTC date', () => {
    expect(watermarkText('ada@example.com', new Date('2026-11-23T23:59:59Z'))).toBe(
      'Confidential \u2014 prepared for ada@example.com \u2014 2026-11-23',
    );
  });

  it('stamps every page, whatever its size', async () => {
    const original = await blankPdf([
      [612, 792],
      [200, 150],
      [1684, 2384],
    ]);

    const result = await watermarkPdf(original, { text: 'Confidential \u2014 prepared for ada@example.com' });

    expect(result).toMatchObject({ watermarked: true, reason: null });
    const texts = await pageTexts(result.bytes);
    expect(texts).toHaveLength(3);
    for (const text of texts) expect(text).toContain('Confidential \u2014 prepared for ada@example.com');
  });

  it('replaces characters the standard font cannot show instead of failing', async () => {
    const result = await watermarkPdf(await blankPdf([[612, 792]]), {
      text: 'prepared for \u540d\u524d@example.jp',
    });

    expect(result.watermarked).toBe(true);
    expect((await pageTexts(result.bytes))[0]).toContain('prepared for ??@example.jp');
  });

  it('returns an encrypted PDF unchanged, saying why', async () => {
    const text = Buffer.from(await (await PDFDocument.create()).save({ useObjectStreams: false })).toString(
      'latin1',
    );
    const locked = Buffer.from(
      text.replace(
        /trailer\s*<</,
        (t) => `${t}\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>`,
      ),
      'latin1',
    );

    const result = await watermarkPdf(locked, { text: 'x' });

    expect(result).toEqual({ bytes: locked, watermarked: false, reason: 'encrypted' });
  });

  it('returns bytes that do not parse as a PDF unchanged, saying why', async () => {
    const broken = new Uint8Array(Buffer.from('%PDF-1.7\nnot really a pdf', 'latin1'));

    const result = await watermarkPdf(broken, { text: 'x' });

    expect(result).toEqual({ bytes: broken, watermarked: false, reason: 'unreadable' });
  });
});
