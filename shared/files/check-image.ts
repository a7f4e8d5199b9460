/**
 * Structure checks for PNG and JPEG (pure: bytes in, verdict out). Each image is decoded to its last
 * pixel by a well-kept decoder (pngjs verifies every chunk's CRC and the compressed data; jpeg-js every
 * segment and scan), within MAX_IMAGE_PIXELS, and the file must end where the format says it ends: the
 * IEND chunk for PNG, the EOI marker for JPEG. Nothing (such as HTML) may follow.
 */
import { MAX_IMAGE_PIXELS } from '#shared/files/file-limits';
import type { FileVerdict } from '#shared/files/file-verdict';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Length, type, CRC: the 12 bytes around every chunk's data (PNG spec §5.3). */
const CHUNK_OVERHEAD = 12;

const tooManyPixels = (width: number, height: number): FileVerdict => ({
  valid: false,
  reason: `it is ${width} × ${height} pixels; at most ${MAX_IMAGE_PIXELS} pixels are accepted`,
});

/**
 * Walks the chunks from the signature to IEND (PNG spec §5.3, §11.2.5: IEND "shall be last") and says
 * where IEND ends; null when a chunk runs past the end of the file or there is no IEND.
 */
function endOfIend(bytes: Buffer): number | null {
  let offset = PNG_SIGNATURE.length;
  while (offset + CHUNK_OVERHEAD <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const next = offset + CHUNK_OVERHEAD + length;
    if (next > bytes.length) return null;
    if (type === 'IEND') return next;
    offset = next;
  }
  return null;
}

/** Whether `bytes` are one whole PNG: IHDR first, every chunk's CRC right, every pixel decodable, IEND last. */
export async function checkPng(bytes: Buffer): Promise<FileVerdict> {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE))
    return { valid: false, reason: 'it does not start with the PNG signature' };
  if (bytes.toString('latin1', 12, 16) !== 'IHDR')
    return { valid: false, reason: 'its first chunk is not IHDR' };
  // Read before decoding: the decoder allocates width × height × 4 bytes.
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width * height > MAX_IMAGE_PIXELS) return tooManyPixels(width, height);
  const end = endOfIend(bytes);
  if (end === null) return { valid: false, reason: 'its chunks do not reach an IEND chunk' };
  if (end !== bytes.length) return { valid: false, reason: 'data follows its IEND chunk' };
  const { PNG } = await import('pngjs');
  try {
    PNG.sync.read(bytes, { checkCRC: true });
    return { valid: true, pages: null };
  } catch {
    return { valid: false, reason: 'its chunks or pixel data cannot be decoded' };
  }
}

/** Whether `bytes` are one whole JPEG: SOI first, every segment and scan decodable, EOI last. */
export async function checkJpeg(bytes: Buffer): Promise<FileVerdict> {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff)
    return { valid: false, reason: 'it does not start with the JPEG SOI marker' };
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9)
    return {
      valid: false,
      reason: 'it does not end with the EOI marker (data follows it, or it is cut short)',
    };
  const jpeg = await import('jpeg-js');
  try {
    // jpeg-js refuses a frame above maxResolutionInMP before it allocates the pixels.
    (jpeg.default ?? jpeg).decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: MAX_IMAGE_PIXELS / 1_000_000,
      maxMemoryUsageInMB: 512,
    });
    return { valid: true, pages: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/maxResolutionInMP/.test(message))
      return { valid: false, reason: `it has more than ${MAX_IMAGE_PIXELS} pixels` };
    return { valid: false, reason: 'its segments or scan data cannot be decoded' };
  }
}
