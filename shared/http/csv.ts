/**
 * CSV for exports (RFC 4180), safe to open in a spreadsheet: the one field writer every CSV answer uses.
 */

// A spreadsheet runs a cell as a formula when it starts with = + - @, or with a tab, CR, LF or NUL it
// may skip (OWASP CSV Injection; ASVS 5.0 V1.2.10); leading blanks are skipped too, since some importers trim.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the trigger.
const FORMULA_START = /^[\u0000-\u0020]*[=+\-@]|^[\t\r\n\u0000]/;
// Quoted: the RFC 4180 specials, the semicolon and the tab (separators of spreadsheets in many locales,
// which would otherwise open a new cell mid-value) and text that does not start and end with a visible character.
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;
// Controls other than tab, CR and LF cannot be typed into a request any more, but older records may hold
// them; NUL in particular ends a field in C-based readers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * One RFC 4180 field (§2.5–2.7): `null` is empty, numbers are written as they
 * are, text is quoted when it holds a special (doubling its quotes). Text a spreadsheet would run as a
 * formula gets a leading apostrophe, which spreadsheets read as "this cell is text" (OWASP CSV Injection):
 * exported text is often typed by visitors (names, companies, referring domains). Unprintable controls become U+FFFD.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = value.replace(UNPRINTABLE, '\uFFFD');
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV document: a header row, then the rows, CRLF line ends (RFC 4180 §2.1–2.3). */
export function csvDocument(
  columns: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const lines = [columns.map(csvField).join(','), ...rows.map((row) => row.map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
