/**
 * What an uploaded brand image is, judged by its bytes alone (pure): PNG, JPEG, WebP or SVG. Raster
 * images must then pass their structure check (shared/files/check-image.ts; WebP: the RIFF container's
 * declared size is the file's); an SVG must survive sanitizing (sanitize-svg.ts).
 */
import { imageSize } from 'image-size';
import type { FileVerdict } from '#shared/files/file-verdict';

export const BRAND_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
export type BrandImageType = (typeof BRAND_IMAGE_TYPES)[number];

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Buffer, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);

function looksLikeSvg(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // An XML declaration, comments and a doctype may come before the root element.
  const head = text
    .replace(/^\uFEFF/, '')
    .replace(/^\s*<\?xml[^>]*\?>/, '')
    .replace(/^(?:\s*<!--[\s\S]*?-->)*/, '')
    .replace(/^\s*<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>/i, '')
    .replace(/^(?:\s*<!--[\s\S]*?-->)*/, '')
    .trimStart();
  return /^<svg[\s>/]/i.test(head);
}

/** The type the bytes are, or null when they are none of BRAND_IMAGE_TYPES. */
export function sniffBrandImage(bytes: Buffer): BrandImageType | null {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'image/webp';
  if (looksLikeSvg(bytes)) return 'image/svg+xml';
  return null;
}

/** A WebP file is one RIFF container: its size field (little-endian, after `RIFF`) counts every byte after it. */
export function checkWebp(bytes: Buffer): FileVerdict {
  if (bytes.length < 20) return { valid: false, reason: 'it is too short to hold an image' };
  const declared = bytes.readUInt32LE(4);
  if (declared + 8 !== bytes.length)
    return {
      valid: false,
      reason: 'its RIFF size does not match its length (cut short, or data follows it)',
    };
  const chunk = bytes.toString('latin1', 12, 16);
  if (!['VP8 ', 'VP8L', 'VP8X'].includes(chunk))
    return { valid: false, reason: 'its first chunk is not VP8, VP8L or VP8X image data' };
  return { valid: true, pages: null };
}

/** An image's intrinsic size in CSS pixels, as a browser lays it out before its bytes arrive. */
export interface ImageDimensions {
  width: number;
  height: number;
}

/** EXIF orientations 5 to 8 turn the picture a quarter (CIPA DC-008, tag 0x0112): browsers swap its sides. */
const QUARTER_TURNS = new Set([5, 6, 7, 8]);

/**
 * The width and height a browser gives the image (pure), read from its header by image-size (a well-kept
 * parser of PNG, JPEG, WebP and SVG headers): a JPEG's EXIF orientation applied (browsers apply it, CSS
 * `image-orientation: from-image`), an SVG's `width`/`height` or else its `viewBox`. Null when the image
 * names no size (an SVG with neither), so the page reserves no box rather than a wrong one.
 */
export function imageDimensions(bytes: Buffer): ImageDimensions | null {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return null;
  }
  const { width, height, orientation } = size;
  if (!(width > 0 && height > 0)) return null;
  const dimensions = { width: Math.round(width), height: Math.round(height) };
  return orientation !== undefined && QUARTER_TURNS.has(orientation)
    ? { width: dimensions.height, height: dimensions.width }
    : dimensions;
}
