import { describe, expect, it } from 'vitest';
import { checkWebp, sniffBrandImage } from '#services/brand/image-type';
import { png } from '../documents/file-fixtures.ts';

/** A minimal RIFF/WEBP container holding one VP8L chunk of `payload` bytes. */
function webp(payload = 8, trailing = 0): Buffer {
  const chunk = Buffer.concat([Buffer.from('VP8L'), Buffer.alloc(4), Buffer.alloc(payload)]);
  chunk.writeUInt32LE(payload, 4);
  const body = Buffer.concat([Buffer.from('WEBP'), chunk]);
  const header = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4)]);
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body, Buffer.alloc(trailing)]);
}

describe('brand image types, by content', () => {
  it('knows PNG, JPEG, WebP and SVG (with a declaration, comments and a doctype before it)', () => {
    expect(sniffBrandImage(png())).toBe('image/png');
    expect(sniffBrandImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffBrandImage(webp())).toBe('image/webp');
    expect(
      sniffBrandImage(
        Buffer.from(
          '\uFEFF<?xml version="1.0"?><!-- logo --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>',
        ),
      ),
    ).toBe('image/svg+xml');
  });

  it('knows nothing else: HTML, text, a GIF, binary junk', () => {
    for (const other of ['<html><svg/></html>', 'hello', 'GIF89a....', '\u0000<svg/>'])
      expect(sniffBrandImage(Buffer.from(other))).toBeNull();
  });

  it('takes a WebP only when its RIFF size is its length', () => {
    expect(checkWebp(webp())).toEqual({ valid: true, pages: null });
    expect(checkWebp(webp(8, 16)).valid).toBe(false);
    expect(checkWebp(webp().subarray(0, 20)).valid).toBe(false);
  });
});
