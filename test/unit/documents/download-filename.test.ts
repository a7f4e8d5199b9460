import { describe, expect, it } from 'vitest';
import { downloadFilename } from '#services/documents/download-filename';

describe('downloadFilename', () => {
  it('keeps a plain ASCII title and adds the extension of the type', () => {
    expect(downloadFilename('SOC2-Report_2025', 'application/pdf')).toBe('SOC2-Report_2025.pdf');
  });

  it('replaces spaces, quotes and path separators so the header cannot be broken out of', () => {
    expect(downloadFilename('../"evil"\r\nname/x', 'text/plain')).toBe('evil-name-x.txt');
  });

  it('drops accents instead of sending non-ASCII bytes', () => {
    expect(downloadFilename('Sécurité Übersicht', 'application/pdf')).toBe('Securite-Ubersicht.pdf');
  });

  it('falls back to "document" when nothing of the title survives', () => {
    expect(downloadFilename('🔒🔒', 'image/png')).toBe('document.png');
  });
});
