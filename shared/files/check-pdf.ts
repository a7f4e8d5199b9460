/**
 * Structure check for PDFs (pure: bytes in, verdict out): the header opens the file, the end-of-file
 * marker closes it (ISO 32000-1 §7.5.5: "The last line of the file shall contain only the end-of-file
 * marker"), and pdf-lib parses every object in between, strictly, and finds a page tree with pages.
 */
import { PDF_CHECK_TIME_BUDGET_MS } from '#shared/files/file-limits';
import type { FileVerdict } from '#shared/files/file-verdict';

const HEADER = /^%PDF-[12]\.\d/;
const EOF_MARKER = Buffer.from('%%EOF', 'latin1');
/** What may follow the last %%EOF: end-of-line bytes, spaces and the NUL padding some writers leave. */
const TRAILING_FILLER = new Set([0x0a, 0x0d, 0x20, 0x09, 0x00]);

/** The bytes after the last `%%EOF` are only line ends or padding (no appended HTML or script). */
function endsWithEofMarker(bytes: Buffer): boolean {
  const marker = bytes.lastIndexOf(EOF_MARKER);
  if (marker < 0) return false;
  for (let index = marker + EOF_MARKER.length; index < bytes.length; index += 1) {
    if (!TRAILING_FILLER.has(bytes[index] as number)) return false;
  }
  return true;
}

class CheckTimedOut extends Error {
  override name = 'CheckTimedOut';
}

/** Rejects with CheckTimedOut after `ms`; pdf-lib yields between objects, so the timer does fire. */
async function withinBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimedOut()), ms);
  });
  // A parse that loses the race still runs to its end (bounded by the upload's size): keep it quiet.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether `bytes` are a whole, parseable PDF, its page count, and whether it is encrypted. An encrypted
 * PDF passes (its structure is in the clear; only strings and streams are encrypted). Refuses a file that does not open with
 * `%PDF-1.x`/`%PDF-2.x`, has anything but line ends after its last `%%EOF`, holds an object pdf-lib
 * cannot parse, has no page, or takes longer than `budgetMs` (PDF_CHECK_TIME_BUDGET_MS) to parse.
 */
export async function checkPdf(bytes: Buffer, budgetMs = PDF_CHECK_TIME_BUDGET_MS): Promise<FileVerdict> {
  if (!HEADER.test(bytes.subarray(0, 8).toString('latin1')))
    return { valid: false, reason: 'it does not start with a %PDF- header' };
  if (!endsWithEofMarker(bytes))
    return {
      valid: false,
      reason: 'it does not end with the %%EOF marker (data follows it, or it is cut short)',
    };
  const { PDFDocument } = await import('pdf-lib');
  try {
    const pdf = await withinBudget(
      PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true }),
      budgetMs,
    );
    const pages = pdf.getPageCount();
    if (pages < 1) return { valid: false, reason: 'it has no pages' };
    // An /Encrypt dictionary in the trailer: no stamp can be added without the password (see watermark.ts).
    return { valid: true, pages, encrypted: pdf.isEncrypted };
  } catch (error) {
    if (error instanceof CheckTimedOut) {
      return {
        valid: false,
        reason: `its structure could not be checked within ${budgetMs / 1000} s (too many objects)`,
      };
    }
    return { valid: false, reason: 'its objects or page tree cannot be parsed' };
  }
}
