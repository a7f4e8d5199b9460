import { degrees, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

/** Why a file was served without a watermark, when one was wanted. */
export type WatermarkSkippedReason = 'encrypted' | 'unreadable' | 'not_pdf';

export type WatermarkResult =
  | { bytes: Uint8Array; watermarked: true; reason: null }
  | { bytes: Uint8Array; watermarked: false; reason: WatermarkSkippedReason };

/** "Confidential — prepared for ada@example.com — 2026-11-23": who the copy was made for, and when. */
export function watermarkText(viewer: string, now: Date): string {
  return `Confidential \u2014 prepared for ${viewer} \u2014 ${now.toISOString().slice(0, 10)}`;
}

/** Helvetica (a standard font, nothing embedded) speaks WinAnsi only: anything else becomes "?". */
function encodable(text: string, font: PDFFont): string {
  const known = new Set(font.getCharacterSet());
  return [...text].map((char) => (known.has(char.codePointAt(0) ?? -1) ? char : '?')).join('');
}

/** A footer line on the page and, faint and diagonal, the same text across its middle. */
function stamp(page: PDFPage, text: string, font: PDFFont): void {
  const box = page.getCropBox();
  const footerSize = Math.max(6, Math.min(9, box.width / 70));
  page.drawText(text, {
    x: box.x + 24,
    y: box.y + 14,
    size: footerSize,
    font,
    color: rgb(0.35, 0.35, 0.35),
  });
  const diagonalSize = Math.max(10, Math.min(28, (box.width * 1.2) / font.widthOfTextAtSize(text, 1)));
  const width = font.widthOfTextAtSize(text, diagonalSize);
  const angle = Math.atan2(box.height, box.width);
  page.drawText(text, {
    x: box.x + box.width / 2 - (Math.cos(angle) * width) / 2,
    y: box.y + box.height / 2 - (Math.sin(angle) * width) / 2,
    size: diagonalSize,
    font,
    color: rgb(0.6, 0.6, 0.6),
    opacity: 0.25,
    rotate: degrees((angle * 180) / Math.PI),
  });
}

/**
 * Stamps `text` on every page of a PDF. An encrypted PDF cannot be changed without its password and a
 * PDF that pdf-lib cannot parse cannot be changed at all: both come back as they were, with the reason,
 * so the caller can serve them unwatermarked and say so. Pure: bytes in, bytes out.
 */
export async function watermarkPdf(bytes: Uint8Array, options: { text: string }): Promise<WatermarkResult> {
  try {
    // Loading with ignoreEncryption and asking is more reliable than catching EncryptedPDFError: pdf-lib's
    // ES5-compiled error classes fail `instanceof`.
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    if (pdf.isEncrypted) return { bytes, watermarked: false, reason: 'encrypted' };
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const text = encodable(options.text, font);
    for (const page of pdf.getPages()) stamp(page, text, font);
    return { bytes: await pdf.save(), watermarked: true, reason: null };
  } catch {
    // pdf-lib parses leniently and fails later (no catalog, no page tree): either way it cannot be stamped.
    return { bytes, watermarked: false, reason: 'unreadable' };
  }
}
