import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, MAX_UTF8_STEM_BYTES, rfc8187Value } from '#shared/content-disposition';
import { downloadDisposition } from '#shared/files/download-filename';

/** The two names a client reads from the header: the quoted ASCII one and the decoded RFC 8187 one. */
function namesIn(header: string): { filename: string; filenameStar: string | null } {
  const match =
    /^attachment; filename="([^"\\]*)"(?:; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+))?$/.exec(header);
  expect(match, header).not.toBeNull();
  const [, filename = '', encoded] = match as RegExpExecArray;
  return { filename, filenameStar: encoded === undefined ? null : decodeURIComponent(encoded) };
}

describe('downloadDisposition', () => {
  it('names a plain ASCII title as it is, with the extension of the type and no filename*', () => {
    expect(downloadDisposition('SOC2-Report_2025', 'application/pdf')).toBe(
      'attachment; filename="SOC2-Report_2025.pdf"',
    );
  });

  it('writes spaces as dashes, the way every name it serves is written', () => {
    expect(downloadDisposition('SOC 2 Type II Report', 'application/pdf')).toBe(
      'attachment; filename="SOC-2-Type-II-Report.pdf"',
    );
  });

  it('keeps a Cyrillic title whole in filename* and transliterates it for the ASCII name', () => {
    const names = namesIn(downloadDisposition('Отчёт о безопасности 2026 final', 'application/pdf'));

    expect(names).toEqual({
      filename: 'Otchet-o-bezopasnosti-2026-final.pdf',
      filenameStar: 'Отчёт-о-безопасности-2026-final.pdf',
    });
  });

  it('keeps a CJK title whole in filename* and falls back to a readable ASCII name', () => {
    expect(namesIn(downloadDisposition('安全报告', 'application/pdf'))).toEqual({
      filename: 'document.pdf',
      filenameStar: '安全报告.pdf',
    });
    expect(namesIn(downloadDisposition('安全报告 2026', 'application/pdf')).filename).toBe(
      'document-2026.pdf',
    );
  });

  it('strips accents for the ASCII name and keeps them in filename*', () => {
    expect(namesIn(downloadDisposition('Sécurité Übersicht', 'application/pdf'))).toEqual({
      filename: 'Securite-Ubersicht.pdf',
      filenameStar: 'Sécurité-Übersicht.pdf',
    });
  });

  it('spells the Latin, Greek and Cyrillic letters NFKD cannot take apart', () => {
    expect(namesIn(downloadDisposition('Straße Ærø Łódź', 'text/plain')).filename).toBe(
      'Strasse-Aero-Lodz.txt',
    );
    expect(namesIn(downloadDisposition('Έκθεση ασφάλειας', 'application/pdf')).filename).toBe(
      'Ekthesi-asfaleias.pdf',
    );
    expect(namesIn(downloadDisposition('Звіт Щорічний', 'application/pdf')).filename).toBe(
      'Zvit-Shchorichnii.pdf',
    );
  });

  it('keeps an emoji in filename* and falls back when nothing else is left', () => {
    expect(namesIn(downloadDisposition('🔒🔒', 'image/png'))).toEqual({
      filename: 'document.png',
      filenameStar: '🔒🔒.png',
    });
    expect(namesIn(downloadDisposition('Security 🔒 overview', 'application/pdf'))).toEqual({
      filename: 'Security-overview.pdf',
      filenameStar: 'Security-🔒-overview.pdf',
    });
  });

  it('keeps a right-to-left title in logical order and drops bidi overrides that could fake the extension', () => {
    expect(namesIn(downloadDisposition('تقرير الأمان', 'application/pdf'))).toEqual({
      filename: 'document.pdf',
      filenameStar: 'تقرير-الأمان.pdf',
    });
    expect(namesIn(downloadDisposition('report\u202Efdp.exe', 'text/plain'))).toEqual({
      filename: 'reportfdp.exe.txt',
      filenameStar: null,
    });
    expect(namesIn(downloadDisposition('דוח\u202Efdp.exe', 'text/plain')).filenameStar).toBe(
      'דוחfdp.exe.txt',
    );
  });

  it('drops quotes and turns path separators and line breaks into dashes, so the header cannot be broken out of', () => {
    expect(downloadDisposition('../"evil"\r\nname/x', 'text/plain')).toBe(
      'attachment; filename="evil-name-x.txt"',
    );
    expect(namesIn(downloadDisposition('Ada\u2019s "Bericht" über C:\\Temp／x', 'application/pdf'))).toEqual({
      filename: 'Adas-Bericht-uber-C-Temp-x.pdf',
      filenameStar: 'Adas-Bericht-über-C-Temp-x.pdf',
    });
  });

  it('cuts a very long title between characters, within the byte limit, keeping the extension', () => {
    const names = namesIn(downloadDisposition(`${'安全'.repeat(150)}👩‍👩‍👧`, 'application/pdf'));

    expect(names.filename).toBe('document.pdf');
    expect(Buffer.byteLength(names.filenameStar ?? '', 'utf8')).toBeLessThanOrEqual(MAX_UTF8_STEM_BYTES + 4);
    expect(names.filenameStar).toMatch(/^(安全)+安?\.pdf$/);
    expect(namesIn(downloadDisposition('A'.repeat(300), 'application/pdf')).filename).toBe(
      `${'A'.repeat(100)}.pdf`,
    );
  });

  it('does not split an emoji sequence at the byte limit', () => {
    const family = '👩‍👩‍👧';
    const names = namesIn(downloadDisposition(family.repeat(40), 'image/png'));

    expect((names.filenameStar ?? '').replace(/\.png$/, '').replaceAll(family, '')).toBe('');
  });
});

describe('attachmentDisposition', () => {
  it('percent-encodes every byte outside RFC 8187 attr-char, in upper-case hex', () => {
    expect(rfc8187Value('a b\'%;"é!#$&+-.^_`|~')).toBe("UTF-8''a%20b%27%25%3B%22%C3%A9!#$&+-.^_`|~");
  });

  it('names the CSV exports the same way', () => {
    expect(attachmentDisposition('nda-records-acc_01JD3Q6V9Z8X7W6V5T4S3R2Q1P', 'csv')).toBe(
      'attachment; filename="nda-records-acc_01JD3Q6V9Z8X7W6V5T4S3R2Q1P.csv"',
    );
  });

  it('refuses an extension that is not letters and digits', () => {
    expect(() => attachmentDisposition('x', 'pdf"; x=1')).toThrow(TypeError);
  });

  it('never lets a quote, backslash, control character or path separator reach the header, whatever the title', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({
            unit: fc.constantFrom('a', 'é', '"', '\\', '/', '.', ' ', '\n', '\u202e', '\u200d', '安', '👩'),
            maxLength: 300,
          }),
        ),
        (title) => {
          const header = attachmentDisposition(title, 'pdf');
          const { filename, filenameStar } = namesIn(header);

          expect(header).toMatch(/^[\x20-\x7e]+$/);
          for (const name of [filename, filenameStar ?? 'x.pdf']) {
            // The zero-width joiners are the only format characters kept (emoji sequences need them).
            expect(name).not.toMatch(/[\\/"'\p{Cc}]|(?![\u200c\u200d])\p{Cf}/u);
            expect(name).toMatch(/[^.-]\.pdf$/u);
            expect(name.startsWith('.')).toBe(false);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
