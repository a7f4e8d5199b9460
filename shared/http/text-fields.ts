import * as z from 'zod';

/**
 * The one rule for text that comes in through a request: which characters a string field may hold.
 * Every free-text string of every request schema (bodies and query parameters) is declared with
 * `singleLine` or `multiLine`; fields held to a stricter pattern of their own (ids, domains, hashes,
 * event types) or format (email) already admit no control character and keep that pattern, since the
 * OpenAPI generator publishes only one pattern per string.
 *
 * Refused everywhere: C0 controls (U+0000–U+001F) except where multi-line text allows them, DEL (U+007F),
 * C1 controls (U+0080–U+009F) and the Unicode line and paragraph separators (U+2028, U+2029), which
 * break lines in mail headers, CSV cells, logs and JavaScript alike. Sources: RFC 5322 §2.2 (header
 * fields hold no CR or LF), RFC 4180 §2 (a line break ends a CSV record), OWASP Input Validation Cheat
 * Sheet (allowlist the characters a field may hold), Unicode TR #13 (U+2028/U+2029 are newlines).
 *
 * The patterns are written with `\uXXXX` escapes so they read the same as ECMA-262 regular expressions
 * in the published JSON Schema (`pattern`), which is what a client validates against.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters is the point.
export const SINGLE_LINE_PATTERN = /^[^\u0000-\u001F\u007F-\u009F\u2028\u2029]*$/;

/**
 * Multi-line text: line feed (U+000A) and tab (U+0009) allowed, and CR only as part of a CRLF pair
 * (what HTML forms and Windows clients send), which is stored as a single LF. A lone CR, NUL and every
 * other control stay refused. Linear to match: each character fits exactly one alternative.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters is the point.
export const MULTI_LINE_PATTERN = /^(?:[^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]|\r\n)*$/;

export const SINGLE_LINE_MESSAGE =
  'Must be a single line of text: no line breaks, tabs or other control characters';
export const MULTI_LINE_MESSAGE =
  'Must be text without control characters: only line breaks (\\n or \\r\\n) and tabs are allowed';

export interface TextFieldOptions {
  /** Fewest characters after trimming; 1 by default (a present field is not blank). */
  min?: number;
  /**
   * Strip leading and trailing whitespace before the length checks; true by default. Turn off for
   * values compared byte for byte (tokens, challenges, passwords).
   */
  trim?: boolean;
}

function bounded(schema: z.ZodString, max: number, { min = 1, trim = true }: TextFieldOptions): z.ZodString {
  const trimmed = trim ? schema.trim() : schema;
  return (min > 0 ? trimmed.min(min) : trimmed).max(max);
}

/**
 * A single-line text field (names, titles, categories, URLs, tags, tokens, search
 * terms): a string of at most `max` UTF-16 code units, `min` (default 1) after trimming, holding no
 * control character at all (see `SINGLE_LINE_PATTERN`). The character rule is checked on the value as
 * sent, before trimming, so a trailing CR/LF is refused rather than silently dropped.
 *
 * Returns a `z.ZodString`, so callers may chain `.toLowerCase()`, `.refine()`, `.optional()`,
 * `.nullable()`, `.describe()` or `.meta()`. Do not chain `.regex()`: only the first pattern of a string
 * reaches the OpenAPI document; use `.refine()` for further rules. Parsing a bad value yields a zod
 * `invalid_format` issue (400 validation_error naming the field, via the pipeline).
 */
export function singleLine(max: number, options: TextFieldOptions = {}): z.ZodString {
  return bounded(z.string().regex(SINGLE_LINE_PATTERN, SINGLE_LINE_MESSAGE), max, options);
}

/**
 * A multi-line text field (descriptions, messages, answers, notes, NDA bodies): like `singleLine`, but
 * line feeds and tabs are allowed and each CRLF is normalized to LF before trimming and the length
 * checks (so `max` counts stored characters). NUL, a lone CR and every other control are refused.
 * Errors as `singleLine`.
 */
export function multiLine(max: number, options: TextFieldOptions = {}): z.ZodString {
  const normalized = z
    .string()
    .regex(MULTI_LINE_PATTERN, MULTI_LINE_MESSAGE)
    .overwrite((value) => value.replaceAll('\r\n', '\n'));
  return bounded(normalized, max, options);
}

// The characters SINGLE_LINE_PATTERN refuses, as runs to replace.
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters is the point.
const LINE_BREAKING_RUNS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

/**
 * Text made safe for one line of output (a mail subject or header, a chat title): every run of the
 * characters `SINGLE_LINE_PATTERN` refuses becomes one space. Defence in depth for text that left the
 * system before the request rule existed, or comes from somewhere other than a request. Never throws.
 * Source: RFC 5322 §2.2 (a header field is one line; CR and LF only fold or end it).
 */
export function toSingleLine(text: string): string {
  return text.replace(LINE_BREAKING_RUNS, ' ');
}
