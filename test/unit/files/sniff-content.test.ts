import { describe, expect, it } from 'vitest';
import { contentMatchesType } from '#shared/files/sniff-content';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
/** The start of a ZIP archive whose first entry is the given part name. */
const zipWithPart = (name: string) =>
  new Uint8Array(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(name)]));
const windowsExecutable = ascii('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00');

describe('contentMatchesType', () => {
  it('accepts a PDF that starts with the %PDF- header', () => {
    expect(contentMatchesType('application/pdf', ascii('%PDF-1.4\n%%EOF\n'))).toBe(true);
  });

  it('refuses a Windows executable declared as a PDF', () => {
    expect(contentMatchesType('application/pdf', windowsExecutable)).toBe(false);
  });

  it('refuses a PDF header that does not open the file', () => {
    expect(contentMatchesType('application/pdf', ascii('junk%PDF-1.4'))).toBe(false);
  });

  it('accepts a PNG by its eight-byte signature', () => {
    expect(contentMatchesType('image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe(
      true,
    );
  });

  it('refuses a truncated PNG signature', () => {
    expect(contentMatchesType('image/png', bytes(0x89, 0x50, 0x4e, 0x47))).toBe(false);
  });

  it('accepts a JPEG that starts with FF D8 FF', () => {
    expect(contentMatchesType('image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10))).toBe(true);
  });

  it('refuses a PNG declared as a JPEG', () => {
    expect(contentMatchesType('image/jpeg', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe(
      false,
    );
  });

  it('accepts a Word document: a ZIP package with word/ parts', () => {
    expect(contentMatchesType(DOCX, zipWithPart('word/document.xml'))).toBe(true);
  });

  it('refuses a workbook declared as a Word document', () => {
    expect(contentMatchesType(DOCX, zipWithPart('xl/workbook.xml'))).toBe(false);
  });

  it('accepts a workbook: a ZIP package with xl/ parts', () => {
    expect(contentMatchesType(XLSX, zipWithPart('xl/workbook.xml'))).toBe(true);
  });

  it('refuses a Word document declared without the ZIP signature', () => {
    expect(contentMatchesType(DOCX, ascii('word/document.xml'))).toBe(false);
  });

  it('accepts UTF-8 text, accents and emoji included', () => {
    expect(contentMatchesType('text/plain', new Uint8Array(Buffer.from('Grüße, ça va? 🔒\n')))).toBe(true);
  });

  it('refuses text with a NUL byte', () => {
    expect(contentMatchesType('text/plain', ascii('hello\x00world'))).toBe(false);
  });

  it('refuses text that is not valid UTF-8', () => {
    expect(contentMatchesType('text/plain', bytes(0x68, 0x69, 0xc3, 0x28))).toBe(false);
  });

  it('refuses an executable declared as text', () => {
    expect(contentMatchesType('text/plain', windowsExecutable)).toBe(false);
  });
});
