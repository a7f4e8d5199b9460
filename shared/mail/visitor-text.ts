/**
 * Text a visitor typed into a public form (name, company) that a mail repeats. It is never the tenant's
 * words: a mail shows it quoted, on one line, capped, and with its links and host names broken so that no
 * mail client turns them into links (`https://evil.example/login` -> `evil[.]example/login`).
 */

// Control and format characters (line breaks, bidi overrides, zero-width joiners) could fake a new line
// or reorder what the reader sees.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]+/gu;
// A scheme before `//` (https://, ftp://, hxxp://) or one of the schemes mail clients link without it.
const SCHEME = /\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|(?:mailto|javascript|vbscript|data|file|tel|sms):)/gi;
// Dotted names whose last label starts with a letter (a top-level domain), and dotted IPv4 addresses:
// what mail clients autolink. `J.R.R.` and `v1.2` stay as they are.
const HOST_NAME = /(?:[\p{L}\p{N}_-]+\.)+\p{L}[\p{L}\p{N}-]{1,62}|\b\d{1,3}(?:\.\d{1,3}){3}\b/gu;

/**
 * Breaks what could become a link: drops URL schemes and writes the dots of host names as `[.]`.
 * `Verify at https://evil.example/login` -> `Verify at evil[.]example/login`. Pure, no length change
 * beyond the brackets.
 */
export function neutralizeLinks(text: string): string {
  return text.replace(SCHEME, '').replace(HOST_NAME, (host) => host.replaceAll('.', '[.]'));
}

/**
 * One line of visitor text, made safe to show: invisible characters and line breaks become spaces,
 * links are neutralized, and the result is cut to `max` characters (code points) with `…`.
 */
export function visitorLine(text: string, max: number): string {
  const line = neutralizeLinks(text.replace(INVISIBLE, ' ')).replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length > max
    ? `${chars
        .slice(0, Math.max(1, max - 1))
        .join('')
        .trimEnd()}…`
    : line;
}

/**
 * Visitor text as a quotation: `visitorLine` inside typographic quotes (inner quotes made straight), so
 * the reader sees where the visitor's words begin and end. An empty value is `“”`.
 */
export function quoteVisitorText(text: string, max: number): string {
  return `“${visitorLine(text, max).replace(/[“”]/g, '"')}”`;
}
