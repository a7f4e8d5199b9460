import { describe, expect, it } from 'vitest';
import { checkWebp, imageDimensions, sniffBrandImage } from '#services/brand/image-type';
import { jpegImage, png } from '../documents/file-fixtures.ts';

/** `jpeg` with an EXIF APP1 segment after SOI whose IFD0 holds one tag: Orientation (0x0112) = `orientation`. */
function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(0x2a, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

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

describe('brand image sizes, as a browser lays the image out', () => {
  it('reads a PNG’s and a JPEG’s pixel size', () => {
    expect(imageDimensions(png(40, 20))).toEqual({ width: 40, height: 20 });
    expect(imageDimensions(jpegImage(16, 8))).toEqual({ width: 16, height: 8 });
  });

  it('turns a JPEG whose EXIF orientation is a quarter turn, as browsers show it', () => {
    expect(imageDimensions(withExifOrientation(jpegImage(16, 8), 6))).toEqual({ width: 8, height: 16 });
    expect(imageDimensions(withExifOrientation(jpegImage(16, 8), 3))).toEqual({ width: 16, height: 8 });
  });

  it('takes an SVG’s width and height, else its viewBox, and gives none for an SVG that names no size', () => {
    const svg = (attributes: string) =>
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" ${attributes}/>`);

    expect(imageDimensions(svg('width="120" height="40"'))).toEqual({ width: 120, height: 40 });
    expect(imageDimensions(svg('viewBox="0 0 300 100"'))).toEqual({ width: 300, height: 100 });
    expect(imageDimensions(svg(''))).toBeNull();
    expect(imageDimensions(Buffer.from('not an image'))).toBeNull();
  });
});
