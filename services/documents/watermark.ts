import type { PDFFont, PDFPage } from 'pdf-lib';
import { MAX_WATERMARK_PAGES, WATERMARK_TIME_BUDGET_MS } from '#services/documents/file-limits';
import { type PageFrame, pageFrame, visibleBox } from '#services/documents/page-frame';

/** Why a file was served without a watermark, when one was wanted. */
export type WatermarkSkippedReason = 'encrypted' | 'unreadable' | 'not_pdf';

export type WatermarkResult =
  | { bytes: Uint8Array; watermarked: true; reason: null }
  | { bytes: Uint8Array; watermarked: false; reason: WatermarkSkippedReason };

/**
 * The copy could not be stamped within the bounds (too many pages, or over the time budget). Nothing may
 * be served in its place: the caller refuses the download rather than hand out the unstamped original.
 */
export class WatermarkBoundExceeded extends Error {
  override name = 'WatermarkBoundExceeded';
}

type PdfLib = typeof import('pdf-lib');

/** "Confidential — prepared for ada@example.com — 2026-11-23": who the copy was made for, and when. */
export function watermarkText(viewer: string, now: Date): string {
  return `Confidential \u2014 prepared for ${viewer} \u2014 ${now.toISOString().slice(0, 10)}`;
}

/** Helvetica (a standard font, nothing embedded) speaks WinAnsi only: anything else becomes "?". */
function encodable(text: string, font: PDFFont): string {
  const known = new Set(font.getCharacterSet());
  return [...text].map((char) => (known.has(char.codePointAt(0) ?? -1) ? char : '?')).join('');
}

/** The page's visible box as pdf-lib reads it: the MediaBox, and the CropBox only when the page has one. */
function framedPage(page: PDFPage): PageFrame {
  const hasCropBox = page.node.CropBox() !== undefined;
  const box = visibleBox(page.getMediaBox(), hasCropBox ? page.getCropBox() : undefined);
  return pageFrame(box, page.getRotation().angle);
}

/**
 * A footer line along the bottom of the page as it is displayed (whatever its /Rotate and wherever its
 * boxes sit, see page-frame.ts), sized to fit inside the visible width, and, faint, the same text along
 * the displayed diagonal. pdf-lib wraps a loaded page's own content in q/Q before adding ours, so a
 * transformation the page leaves behind does not move the stamp.
 */
function stamp(lib: PdfLib, page: PDFPage, text: string, font: PDFFont): void {
  const frame = framedPage(page);
  const margin = Math.min(24, frame.width * 0.05);
  const widthAtOne = Math.max(font.widthOfTextAtSize(text, 1), 1);
  const footerSize = Math.min(9, frame.width / 70, (frame.width - 2 * margin) / widthAtOne);
  const footer = frame.place(margin, Math.min(14, frame.height * 0.04), 0);
  page.drawText(text, {
    x: footer.x,
    y: footer.y,
    size: footerSize,
    font,
    color: lib.rgb(0.35, 0.35, 0.35),
    rotate: lib.degrees(footer.rotateDegrees),
  });
  const diagonalSize = Math.max(10, Math.min(28, (frame.width * 1.2) / widthAtOne));
  const width = widthAtOne * diagonalSize;
  const angle = Math.atan2(frame.height, frame.width);
  const diagonal = frame.place(
    frame.width / 2 - (Math.cos(angle) * width) / 2,
    frame.height / 2 - (Math.sin(angle) * width) / 2,
    (angle * 180) / Math.PI,
  );
  page.drawText(text, {
    x: diagonal.x,
    y: diagonal.y,
    size: diagonalSize,
    font,
    color: lib.rgb(0.6, 0.6, 0.6),
    opacity: 0.25,
    rotate: lib.degrees(diagonal.rotateDegrees),
  });
}

/**
 * A clock for one stamping: `check()` throws WatermarkBoundExceeded once `budgetMs` has passed, and
 * `race()` stops waiting for pdf-lib's parse or save at that moment (both yield between objects, so the
 * timer fires; the abandoned step runs to its end in the background, bounded by MAX_WATERMARK_BYTES).
 */
function budgetClock(budgetMs: number) {
  const deadline = performance.now() + budgetMs;
  const overBudget = () => new WatermarkBoundExceeded(`stamping took longer than ${budgetMs / 1000} s`);
  return {
    check(): void {
      if (performance.now() >= deadline) throw overBudget();
    },
    async race<T>(work: Promise<T>): Promise<T> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(overBudget()), Math.max(0, deadline - performance.now()));
      });
      work.catch(() => undefined);
      try {
        return await Promise.race([work, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Stamps `text` on every page of a PDF. An encrypted PDF cannot be changed without its password and a
 * PDF that pdf-lib cannot parse cannot be changed at all: both come back as they were, with the reason,
 * so the caller can serve them unwatermarked and say so. A PDF of more than `maxPages` pages
 * (MAX_WATERMARK_PAGES), or one whose stamping outlasts `budgetMs` milliseconds (WATERMARK_TIME_BUDGET_MS),
 * throws WatermarkBoundExceeded: fail closed, never the original. Pure: bytes in, bytes out.
 */
export async function watermarkPdf(
  bytes: Uint8Array,
  options: { text: string; budgetMs?: number; maxPages?: number },
): Promise<WatermarkResult> {
  const clock = budgetClock(options.budgetMs ?? WATERMARK_TIME_BUDGET_MS);
  const maxPages = options.maxPages ?? MAX_WATERMARK_PAGES;
  const lib = await import('pdf-lib');
  let pdf: import('pdf-lib').PDFDocument;
  try {
    // Loading with ignoreEncryption and asking is more reliable than catching EncryptedPDFError: pdf-lib's
    // ES5-compiled error classes fail `instanceof`.
    pdf = await clock.race(lib.PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false }));
  } catch (error) {
    if (error instanceof WatermarkBoundExceeded) throw error;
    return { bytes, watermarked: false, reason: 'unreadable' };
  }
  if (pdf.isEncrypted) return { bytes, watermarked: false, reason: 'encrypted' };
  let pages: PDFPage[];
  try {
    pages = pdf.getPages();
  } catch {
    // pdf-lib parses leniently and fails later (no catalog, no page tree): either way it cannot be stamped.
    return { bytes, watermarked: false, reason: 'unreadable' };
  }
  if (pages.length > maxPages)
    throw new WatermarkBoundExceeded(`it has ${pages.length} pages; at most ${maxPages} can be watermarked`);
  try {
    const font = await pdf.embedFont(lib.StandardFonts.Helvetica);
    const text = encodable(options.text, font);
    for (const page of pages) {
      clock.check();
      stamp(lib, page, text, font);
    }
    return { bytes: await clock.race(pdf.save()), watermarked: true, reason: null };
  } catch (error) {
    if (error instanceof WatermarkBoundExceeded) throw error;
    return { bytes, watermarked: false, reason: 'unreadable' };
  }
}
