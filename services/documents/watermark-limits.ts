/**
 * Where the watermark limits (file-limits.ts) are enforced: a restricted or NDA-gated PDF is stamped for
 * every viewer, so one past the limits is refused at every door instead of timing out, or being handed
 * out unstamped, at download. Doors: upload and confirm (413), making a public document restricted
 * (409), and the download itself (409) for versions stored before the limits existed.
 */
import { MAX_WATERMARK_BYTES, MAX_WATERMARK_PAGES } from '#services/documents/file-limits';
import { ConflictError, PayloadTooLargeError } from '#shared/errors';

/** What the limits look at: a version's type, its size in bytes, and its page count when counted. */
export interface StampableFile {
  contentType: string;
  size: number;
  pages?: number | null;
}

/** Why this file could not be watermarked in time ("it has 20000 pages; …"), or null when it can (or needs no stamp). */
export function watermarkLimitBreach(file: StampableFile): string | null {
  if (file.contentType !== 'application/pdf') return null;
  if (typeof file.pages === 'number' && file.pages > MAX_WATERMARK_PAGES)
    return `it has ${file.pages} pages; a restricted or NDA-gated PDF is watermarked for every viewer and may have at most ${MAX_WATERMARK_PAGES}`;
  if (file.size > MAX_WATERMARK_BYTES)
    return `it has ${file.size} bytes; a restricted or NDA-gated PDF is watermarked for every viewer and may have at most ${MAX_WATERMARK_BYTES}`;
  return null;
}

/** A PDF uploaded to a restricted or NDA-gated document is past the watermark limits. */
export class UnstampablePdfError extends PayloadTooLargeError {
  override name = 'UnstampablePdfError';
  constructor(reason: string, param: string, options?: ErrorOptions) {
    super(MAX_WATERMARK_BYTES, {
      ...options,
      param,
      message: `The PDF cannot be accepted for this document: ${reason}. Split it, or make the document public first`,
    });
  }
}

/**
 * A restricted copy cannot be made in time (past the limits, or over the stamping time budget), so nothing
 * is served unstamped; or a change would make a document restricted whose file is past the limits.
 */
export class WatermarkUnavailableError extends ConflictError {
  override name = 'WatermarkUnavailableError';
  constructor(message: string, param: string, options?: ErrorOptions) {
    super(message, param, options);
  }
}

/** Throws UnstampablePdfError (413) when `file` goes to a non-public document and breaks the limits. */
export function refuseUnstampableUpload(accessLevel: string, file: StampableFile, param: string): void {
  if (accessLevel === 'public') return;
  const breach = watermarkLimitBreach(file);
  if (breach) throw new UnstampablePdfError(breach, param);
}
