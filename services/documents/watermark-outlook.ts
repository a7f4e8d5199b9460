/**
 * Domain (pure): whether downloads of a document's current file will be watermarked, decided when the file
 * or the access level changes, so the admin hears it then (upload, confirm and PATCH responses, and the
 * `document.uploaded` / `document.updated` events) rather than only at the first download. The same rule
 * and vocabulary as the download (document-download-url.ts, watermark.ts).
 */
import type { WatermarkSkippedReason } from '#services/documents/watermark';

/** What the upload-time check recorded about a version (see store.ts). */
export interface RecordedFile {
  contentType: string;
  /** Set for PDFs since encryption is recorded at upload; absent for older versions. */
  encrypted?: boolean;
}

/**
 * `applies`: downloads of the current file are stamped with the viewer and the date (a restricted or
 * NDA-gated document whose file is a PDF that is not encrypted). `skipped_reason`: why a restricted or
 * NDA-gated document's file will be served unstamped (`not_pdf`, or `encrypted`: a PDF cannot be changed
 * without its password); null when it applies, when the document is public, or before the first file.
 * A PDF stored before encryption was recorded counts as stampable; its download still says otherwise.
 */
export function watermarkOutlook(
  accessLevel: string,
  file: RecordedFile | undefined,
): { applies: boolean; skipped_reason: WatermarkSkippedReason | null } {
  if (accessLevel === 'public' || !file) return { applies: false, skipped_reason: null };
  if (file.contentType !== 'application/pdf') return { applies: false, skipped_reason: 'not_pdf' };
  if (file.encrypted === true) return { applies: false, skipped_reason: 'encrypted' };
  return { applies: true, skipped_reason: null };
}
