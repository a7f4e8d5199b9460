/**
 * Content sniffing for uploaded files: the first gate, by signature, that a renamed executable fails
 * cheaply (a presigned upload is judged by its first bytes before it is read whole). Passing it is not
 * enough: every upload must then pass the structure check of its type (services/documents/check-file-content.ts).
 * Shared because documents and certifications both take these types (certificates a subset). Pure.
 */
export const DOCUMENT_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\x03\x04: a local file header, how every OOXML package starts

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

/**
 * OOXML packages are ZIP archives; the part names (stored uncompressed in the ZIP headers) tell a Word
 * document (`word/…`) from a workbook (`xl/…`).
 */
function isOoxmlPackage(bytes: Uint8Array, partPrefix: string): boolean {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return startsWith(bytes, ZIP) && view.includes(partPrefix, 0, 'latin1');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Whether the bytes are a file of the declared type, judged by their magic bytes (or, for text, by encoding). */
export function contentMatchesType(contentType: DocumentContentType, bytes: Uint8Array): boolean {
  switch (contentType) {
    case 'application/pdf':
      return startsWith(bytes, PDF);
    case 'image/png':
      return startsWith(bytes, PNG);
    case 'image/jpeg':
      return startsWith(bytes, JPEG);
    case 'text/plain':
      return isPlainText(bytes);
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      return isOoxmlPackage(bytes, 'word/');
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      return isOoxmlPackage(bytes, 'xl/');
  }
}

/**
 * The same judgement on the first bytes of a larger file (a presigned upload, read by a Range GET). Only
 * text needs care: the prefix may end inside a multi-byte character, which is not an encoding error.
 */
export function prefixMatchesType(contentType: DocumentContentType, prefix: Uint8Array): boolean {
  if (contentType !== 'text/plain') return contentMatchesType(contentType, prefix);
  if (prefix.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export function isDocumentContentType(value: string): value is DocumentContentType {
  return (DOCUMENT_CONTENT_TYPES as readonly string[]).includes(value);
}
