/**
 * The one builder of `Content-Disposition` headers (document and certificate downloads through S3's
 * `response-content-disposition`, CSV exports): an ASCII `filename` every client understands, and, when
 * the name has characters ASCII cannot carry, the whole name as `filename*=UTF-8''…`. Rules from RFC 6266
 * (§4.3 and Appendix D: filename first, no `\` or `%XX` in it, filename* only when ASCII is not faithful)
 * and RFC 8187 §3.2 (ext-value: UTF-8 bytes, every byte outside attr-char percent-encoded). Pure.
 */

/** Longest ASCII stem, in characters. */
export const MAX_ASCII_STEM_CHARS = 100;
/** Longest UTF-8 stem, in bytes: with the extension, well inside the 255-byte file names of common filesystems. */
export const MAX_UTF8_STEM_BYTES = 180;

const EXTENSION = /^[a-z0-9]{1,10}$/;

/** RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~". */
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

/**
 * Cyrillic after NFKD has taken ё, й, ї, ў apart: Russian per ICAO Doc 9303 Part 3 (the passport
 * scheme), plus the Ukrainian, Belarusian, Serbian and Macedonian letters it lacks.
 */
// biome-ignore format: a transliteration table reads best as a table
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia', є: 'ie', і: 'i', ґ: 'g', ђ: 'dj',
  ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
};

/** Greek after NFKD has dropped the tonos, per ELOT 743 (ISO 843 type 2) in its simple form. */
// biome-ignore format: a transliteration table reads best as a table
const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps',
  ω: 'o',
};

/** Latin letters NFKD leaves whole. */
// biome-ignore format: a transliteration table reads best as a table
const LATIN: Record<string, string> = {
  ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŋ: 'ng',
};

const TRANSLITERATION: Record<string, string> = { ...CYRILLIC, ...GREEK, ...LATIN };

/** A letter's ASCII spelling, keeping its case ("Ж" is "Zh"); undefined when it has none here. */
function transliterate(char: string): string | undefined {
  const lower = char.toLowerCase();
  const ascii = TRANSLITERATION[lower];
  if (ascii === undefined || lower === char) return ascii;
  return ascii.charAt(0).toUpperCase() + ascii.slice(1);
}

/**
 * Characters that never reach a file name: controls and format characters (C0, C1, the bidi overrides
 * and isolates that could display `report‮fdp.exe` as `reportexe.pdf`), line and paragraph separators,
 * surrogates, private-use and unassigned code points. The zero-width joiner and non-joiner stay: emoji
 * sequences and Persian words need them.
 */
const INVISIBLE = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/gu;
/** Quotes, straight and curly: dropped, so "Ada's report" keeps reading as one word. */
const QUOTES = /["'`\u2018\u2019\u201c\u201d]/g;
/** Path separators, the other characters Windows forbids in a name, and any run of white space. */
const SEPARATING = /[\s\p{Zs}\\/:*?<>|]+/gu;
/** What a name must not start or end with: a dot (hidden files, Windows' trailing dot) or a dash. */
const LOOSE_ENDS = /^[-.]+|[-.]+$/g;

/** Quotes dropped, white space and separators as dashes (before controls go, so a line break still separates). */
function separated(title: string): string {
  return title.replace(QUOTES, '').replace(SEPARATING, '-').replace(INVISIBLE, '');
}

function tidy(stem: string): string {
  return stem.replace(/-{2,}/g, '-').replace(LOOSE_ENDS, '');
}

/** `text` cut to at most `maxBytes` of UTF-8, between user-perceived characters (no half emoji). */
function truncateUtf8(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) {
    const size = Buffer.byteLength(segment, 'utf8');
    if (bytes + size > maxBytes) break;
    out += segment;
    bytes += size;
  }
  return out;
}

/**
 * The full name's stem, safe on every filesystem: NFKC (so a fullwidth ／ is a /), quotes and invisible
 * characters dropped, separators and white space (line breaks and tabs included) as single dashes, at most MAX_UTF8_STEM_BYTES; may be empty.
 */
export function unicodeStem(title: string): string {
  const cleaned = tidy(separated(title.normalize('NFKC')));
  return tidy(truncateUtf8(cleaned, MAX_UTF8_STEM_BYTES));
}

/**
 * The ASCII stem: accents stripped (NFKD), Cyrillic, Greek and a few Latin letters transliterated, every
 * other run of characters a dash, at most MAX_ASCII_STEM_CHARS. When no ASCII letter survives (a CJK or
 * Arabic title) it is `fallback`, followed by any digits that did ("document-2026"), so it still reads.
 */
export function asciiStem(title: string, fallback = 'document'): string {
  const spelled = [...separated(title.normalize('NFKD')).replace(/\p{M}/gu, '')]
    .map((char) => transliterate(char) ?? char)
    .join('');
  const stem = tidy(tidy(spelled.replace(/[^A-Za-z0-9._-]+/g, '-')).slice(0, MAX_ASCII_STEM_CHARS));
  if (/[A-Za-z]/.test(stem)) return stem;
  return stem ? `${fallback}-${stem}` : fallback;
}

/** RFC 8187 ext-value of `text`: `UTF-8''` then its UTF-8 bytes, attr-chars as they are, others as %XX. */
export function rfc8187Value(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded +=
      byte < 0x80 && ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `UTF-8''${encoded}`;
}

/**
 * `attachment; filename="<ascii>.<ext>"` and, when the title is not faithfully ASCII,
 * `; filename*=UTF-8''<the whole name, percent-encoded>`. `title` is any text (a document title);
 * `extension` is lowercase letters and digits without the dot ("pdf"); `fallback` is the ASCII stem when
 * nothing of the title is ASCII. The value is always pure ASCII with no quote, backslash or control
 * character inside the quoted name, so it is safe as a header and as S3's response-content-disposition.
 */
export function attachmentDisposition(title: string, extension: string, fallback = 'document'): string {
  if (!EXTENSION.test(extension)) throw new TypeError(`Not a file name extension: ${extension}`);
  const ascii = `${asciiStem(title, fallback)}.${extension}`;
  const unicode = `${unicodeStem(title) || asciiStem(title, fallback)}.${extension}`;
  const header = `attachment; filename="${ascii}"`;
  const faithfulInAscii = [...unicode].every((char) => char.charCodeAt(0) < 0x80);
  return faithfulInAscii ? header : `${header}; filename*=${rfc8187Value(unicode)}`;
}
