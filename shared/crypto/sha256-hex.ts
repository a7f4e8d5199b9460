import { createHash } from 'node:crypto';

/** The SHA-256 of bytes, or of a string's UTF-8, as lowercase hex: file checksums, stored token hashes. */
export function sha256Hex(data: string | Uint8Array): string {
  return typeof data === 'string'
    ? createHash('sha256').update(data, 'utf8').digest('hex')
    : createHash('sha256').update(data).digest('hex');
}
