import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkFileContent } from '#shared/files/check-file-content';
import { checkPdf } from '#shared/files/check-pdf';
import { MAX_IMAGE_PIXELS, MAX_ZIP_ENTRIES, MAX_ZIP_UNCOMPRESSED_BYTES } from '#shared/files/file-limits';
import {
  DOCX,
  docx,
  docxBomb,
  docxEntries,
  html,
  jpegImage,
  pdf,
  png,
  XLSX,
  xlsx,
  zip,
} from '../documents/file-fixtures.ts';

const withHtml = (bytes: Buffer) => Buffer.concat([bytes, html]);

describe('checkFileContent: PDF', () => {
  it('accepts a real PDF and counts its pages', async () => {
    expect(await checkFileContent('application/pdf', await pdf(3))).toEqual({
      valid: true,
      pages: 3,
      encrypted: false,
    });
  });

  it('accepts an encrypted PDF and says it is encrypted, so the upload can say it will not be watermarked', async () => {
    const document = await PDFDocument.create();
    document.addPage([612, 792]);
    const plain = Buffer.from(await document.save({ useObjectStreams: false })).toString('latin1');
    const locked = Buffer.from(
      plain.replace(
        /trailer\s*<</,
        (t) => `${t}\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>`,
      ),
      'latin1',
    );
    expect(locked.toString('latin1')).not.toBe(plain);

    expect(await checkFileContent('application/pdf', locked)).toEqual({
      valid: true,
      pages: 1,
      encrypted: true,
    });
  });

  it('refuses a PDF header followed by anything but a PDF', async () => {
    const verdict = await checkFileContent(
      'application/pdf',
      Buffer.from('%PDF-1.7\nnot really a pdf\n%%EOF\n'),
    );

    expect(verdict).toEqual({ valid: false, reason: 'its objects or page tree cannot be parsed' });
  });

  it('refuses a real PDF with HTML appended after its end-of-file marker', async () => {
    const verdict = await checkFileContent('application/pdf', withHtml(await pdf()));

    expect(verdict.valid).toBe(false);
    expect(verdict).toMatchObject({ reason: expect.stringContaining('%%EOF') });
  });

  it('accepts line ends and NUL padding after the end-of-file marker', async () => {
    const padded = Buffer.concat([await pdf(), Buffer.from('\r\n\0\0\0')]);

    expect(await checkFileContent('application/pdf', padded)).toMatchObject({ valid: true, pages: 1 });
  });

  it('refuses a PDF cut short', async () => {
    const whole = await pdf();

    expect((await checkFileContent('application/pdf', whole.subarray(0, whole.length / 2))).valid).toBe(
      false,
    );
  });

  it('refuses a PDF whose parse outlasts its time budget, saying so', async () => {
    const verdict = await checkPdf(await pdf(2_000), 0);

    expect(verdict).toMatchObject({
      valid: false,
      reason: expect.stringContaining('could not be checked within'),
    });
  });
});

describe('checkFileContent: PNG', () => {
  it('accepts a real PNG', async () => {
    expect(await checkFileContent('image/png', png())).toEqual({ valid: true, pages: null });
  });

  it('refuses the PNG signature followed by HTML', async () => {
    const polyglot = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), html]);

    expect((await checkFileContent('image/png', polyglot)).valid).toBe(false);
  });

  it('refuses a real PNG with HTML after its IEND chunk', async () => {
    expect(await checkFileContent('image/png', withHtml(png()))).toEqual({
      valid: false,
      reason: 'data follows its IEND chunk',
    });
  });

  it('refuses a PNG whose chunk checksum is wrong', async () => {
    const corrupt = png();
    corrupt[29] = (corrupt[29] as number) ^ 0xff; // inside IHDR's CRC

    expect((await checkFileContent('image/png', corrupt)).valid).toBe(false);
  });

  it('refuses a PNG declaring more pixels than the limit, before decoding it', async () => {
    const huge = png();
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);

    expect(await checkFileContent('image/png', huge)).toMatchObject({
      valid: false,
      reason: expect.stringContaining(`at most ${MAX_IMAGE_PIXELS} pixels`),
    });
  });
});

describe('checkFileContent: JPEG', () => {
  it('accepts a real JPEG', async () => {
    expect(await checkFileContent('image/jpeg', jpegImage())).toEqual({ valid: true, pages: null });
  });

  it('refuses the JPEG SOI marker followed by HTML', async () => {
    const polyglot = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), html, Buffer.from([0xff, 0xd9])]);

    expect((await checkFileContent('image/jpeg', polyglot)).valid).toBe(false);
  });

  it('refuses a real JPEG with HTML after its EOI marker', async () => {
    expect(await checkFileContent('image/jpeg', withHtml(jpegImage()))).toMatchObject({
      valid: false,
      reason: expect.stringContaining('EOI'),
    });
  });
});

describe('checkFileContent: OOXML', () => {
  it('accepts a real Word document and a real workbook', async () => {
    expect(await checkFileContent(DOCX, docx())).toEqual({ valid: true, pages: null });
    expect(await checkFileContent(XLSX, xlsx())).toEqual({ valid: true, pages: null });
  });

  it('refuses a ZIP header followed by the string word/ and nothing of a package', async () => {
    const fake = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('word/document.xml'),
    ]);

    expect(await checkFileContent(DOCX, fake)).toEqual({
      valid: false,
      reason: 'it is not a readable ZIP package',
    });
  });

  it('refuses a workbook declared as a Word document', async () => {
    expect(await checkFileContent(DOCX, xlsx())).toEqual({
      valid: false,
      reason: 'it has no word/document.xml part',
    });
  });

  it('refuses a package without [Content_Types].xml', async () => {
    const parts = docxEntries().filter((entry) => entry.name !== '[Content_Types].xml');

    expect(await checkFileContent(DOCX, zip(parts))).toEqual({
      valid: false,
      reason: 'it has no [Content_Types].xml part',
    });
  });

  it('refuses a macro-enabled document renamed to .docx', async () => {
    const docm = zip(docxEntries('application/vnd.ms-word.document.macroEnabled.main+xml'));

    expect(await checkFileContent(DOCX, docm)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('does not declare'),
    });
  });

  it('refuses a package carrying a VBA project', async () => {
    const withMacros = zip([...docxEntries(), { name: 'word/vbaProject.bin', data: new Uint8Array(16) }]);

    expect(await checkFileContent(DOCX, withMacros)).toEqual({
      valid: false,
      reason: 'it carries macros (a VBA project)',
    });
  });

  it('refuses a package expanding to 1 GiB, by its ratio, without expanding it', async () => {
    const verdict = await checkFileContent(DOCX, await docxBomb(1024));

    expect(verdict).toMatchObject({ valid: false, reason: expect.stringContaining('expands more than') });
  });

  it('refuses a package whose parts together declare more than the expansion limit', async () => {
    const large = { compressed: 200 * 1024 * 1024, uncompressed: 200 * 1024 * 1024 };
    const entries = [
      ...docxEntries(),
      { name: 'word/media/a.bin', declared: large },
      { name: 'word/media/b.bin', declared: large },
    ];

    expect(await checkFileContent(DOCX, zip(entries))).toEqual({
      valid: false,
      reason: `it expands to more than ${MAX_ZIP_UNCOMPRESSED_BYTES} bytes`,
    });
  });

  it('refuses a package with more entries than the limit', async () => {
    const many = Array.from({ length: MAX_ZIP_ENTRIES }, (_, index) => ({ name: `word/p${index}.xml` }));

    expect(await checkFileContent(DOCX, zip([...docxEntries(), ...many]))).toMatchObject({
      valid: false,
      reason: expect.stringContaining(`at most ${MAX_ZIP_ENTRIES}`),
    });
  });

  it('refuses a part whose data is shorter than its declared size', async () => {
    const entries = docxEntries().map((entry) =>
      entry.name === 'word/document.xml'
        ? { ...entry, declared: { compressed: 20, uncompressed: 5000 } }
        : entry,
    );

    expect((await checkFileContent(DOCX, zip(entries))).valid).toBe(false);
  });

  it('refuses HTML hidden before, between or after the parts', async () => {
    expect((await checkFileContent(DOCX, zip(docxEntries(), { before: html }))).valid).toBe(false);
    expect(await checkFileContent(DOCX, zip(docxEntries(), { between: html }))).toEqual({
      valid: false,
      reason: 'it holds bytes that belong to no part',
    });
    expect((await checkFileContent(DOCX, zip(docxEntries(), { after: html }))).valid).toBe(false);
  });
});

describe('checkFileContent: text', () => {
  it('accepts UTF-8 text and refuses a NUL byte', async () => {
    expect(await checkFileContent('text/plain', Buffer.from('Grüße 🔒\n'))).toEqual({
      valid: true,
      pages: null,
    });
    expect((await checkFileContent('text/plain', Buffer.from('a\0b'))).valid).toBe(false);
  });
});
