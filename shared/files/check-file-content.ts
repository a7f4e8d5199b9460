/**
 * The structure check every accepted upload passes, documents and certificates alike: the bytes must be
 * what the declared type says, from the first byte to the last. One check per type, each built on a
 * well-kept parser that is loaded only when a file of its type arrives (so other operations' bundles do
 * not pay for it). Pure: no I/O, no AWS.
 */
import type { FileVerdict } from '#shared/files/file-verdict';
import { contentMatchesType, type DocumentContentType } from '#shared/files/sniff-content';

export type { FileVerdict };

/**
 * Whether `bytes` are a whole, well-formed file of `contentType`, and for a PDF its page count. Never
 * throws for bad input: the verdict's `reason` says what is wrong, to complete "… is not a valid <type>
 * file: <reason>". The limits applied are in file-limits.ts; the rules per type in check-pdf.ts,
 * check-ooxml.ts and check-image.ts; text must be UTF-8 throughout without NUL bytes.
 */
export async function checkFileContent(
  contentType: DocumentContentType,
  bytes: Buffer,
): Promise<FileVerdict> {
  switch (contentType) {
    case 'application/pdf':
      return (await import('#shared/files/check-pdf')).checkPdf(bytes);
    case 'image/png':
      return (await import('#shared/files/check-image')).checkPng(bytes);
    case 'image/jpeg':
      return (await import('#shared/files/check-image')).checkJpeg(bytes);
    case 'text/plain':
      return contentMatchesType('text/plain', bytes)
        ? { valid: true, pages: null }
        : { valid: false, reason: 'it is not UTF-8 text without NUL bytes' };
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      return (await import('#shared/files/check-ooxml')).checkOoxml(contentType, bytes);
  }
}
