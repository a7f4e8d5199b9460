import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MAX_WATERMARK_BYTES, MAX_WATERMARK_PAGES } from '#services/documents/file-limits';
import { WatermarkBoundExceeded, watermarkPdf } from '#services/documents/watermark';
import { refuseUnstampableUpload, watermarkLimitBreach } from '#services/documents/watermark-limits';
import { PayloadTooLargeError } from '#shared/errors';

async function blankPdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let index = 0; index < pages; index += 1) pdf.addPage([612, 792]);
  return pdf.save();
}

describe('watermarkPdf bounds', () => {
  it('refuses, instead of returning the original, a PDF over the page limit', async () => {
    const stamping = watermarkPdf(await blankPdf(3), { text: 'x', maxPages: 2 });

    await expect(stamping).rejects.toBeInstanceOf(WatermarkBoundExceeded);
    await expect(stamping).rejects.toThrow('it has 3 pages; at most 2 can be watermarked');
  });

  it('refuses, instead of returning the original, once its time budget is spent', async () => {
    const stamping = watermarkPdf(await blankPdf(2), { text: 'x', budgetMs: 0 });

    await expect(stamping).rejects.toThrow('stamping took longer than 0 s');
  });

  it('stamps a PDF within both bounds', async () => {
    const result = await watermarkPdf(await blankPdf(2), { text: 'x', maxPages: 2 });

    expect(result.watermarked).toBe(true);
  });
});

describe('watermarkLimitBreach', () => {
  const pdf = (size: number, pages?: number) => ({ contentType: 'application/pdf', size, pages });

  it('passes a PDF at the limits and any file that is not a PDF', () => {
    expect(watermarkLimitBreach(pdf(MAX_WATERMARK_BYTES, MAX_WATERMARK_PAGES))).toBeNull();
    expect(watermarkLimitBreach({ contentType: 'image/png', size: MAX_WATERMARK_BYTES * 4 })).toBeNull();
  });

  it('names the page count of a PDF over the page limit', () => {
    expect(watermarkLimitBreach(pdf(1000, MAX_WATERMARK_PAGES + 1))).toContain(
      `it has ${MAX_WATERMARK_PAGES + 1} pages`,
    );
  });

  it('names the size of a PDF over the byte limit, page count known or not', () => {
    expect(watermarkLimitBreach(pdf(MAX_WATERMARK_BYTES + 1))).toContain(
      `it has ${MAX_WATERMARK_BYTES + 1} bytes`,
    );
  });
});

describe('refuseUnstampableUpload', () => {
  const long = { contentType: 'application/pdf', size: 1000, pages: MAX_WATERMARK_PAGES + 1 };

  it('lets a public document take any PDF', () => {
    expect(() => refuseUnstampableUpload('public', long, 'body')).not.toThrow();
  });

  it.each(['restricted', 'requires_nda'])(
    'refuses a PDF past the limits for a %s document with 413',
    (level) => {
      // A PayloadTooLargeError (413 through the HTTP mapping) naming the body.
      expect(() => refuseUnstampableUpload(level, long, 'body')).toThrow(PayloadTooLargeError);
      expect(() => refuseUnstampableUpload(level, long, 'body')).toThrow(
        expect.objectContaining({ param: 'body' }),
      );
    },
  );
});
