import { attachmentDisposition } from '#shared/content-disposition';
import type { DocumentContentType } from '#shared/files/sniff-content';

/** The file name extension a download gets for each stored type. */
export const EXTENSIONS: Record<DocumentContentType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'text/plain': 'txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/**
 * The Content-Disposition a download of a file titled `title` (any text) of `contentType` is served with:
 * an attachment named after the title, with the type's extension, in ASCII and, when the title needs it,
 * in full UTF-8 (RFC 6266 / RFC 8187; the rules are in shared/content-disposition.ts).
 */
export function downloadDisposition(title: string, contentType: DocumentContentType): string {
  return attachmentDisposition(title, EXTENSIONS[contentType]);
}
