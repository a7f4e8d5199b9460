import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  MULTI_LINE_MESSAGE,
  MULTI_LINE_PATTERN,
  multiLine,
  SINGLE_LINE_MESSAGE,
  SINGLE_LINE_PATTERN,
  singleLine,
  toSingleLine,
} from '#shared/http/text-fields';
import { parseOrThrow } from '#shared/http/validation';

const REFUSED_EVERYWHERE = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u000c',
  '\r',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009f',
  '\u2028',
  '\u2029',
];
const FINE = [
  'Jane Doe',
  'Zoë Ægir-Łukasz',
  'SOC 2 Type II',
  '株式会社',
  'مرحبا',
  '🏳️‍🌈 team',
  'e\u0301',
  'a\u00a0b',
];

describe('a single-line field', () => {
  const name = singleLine(200);

  it.each(FINE)('accepts printable text: %s', (text) => {
    expect(name.parse(text)).toBe(text);
  });

  it.each([...REFUSED_EVERYWHERE, '\n', '\t'])('refuses %j anywhere in the value', (character) => {
    for (const text of [`${character}Jane`, `Ja${character}ne`, `Jane${character}`]) {
      expect(name.safeParse(text).success, JSON.stringify(text)).toBe(false);
    }
  });

  it('refuses a header injection with the field named in a validation error', () => {
    const body = z.strictObject({ name });

    expect(() => parseOrThrow(body, { name: 'Jane\r\nBcc: x@evil.example' }, 'body')).toThrow(
      expect.objectContaining({
        name: 'ValidationError',
        param: 'name',
        message: SINGLE_LINE_MESSAGE,
      }),
    );
  });

  it('trims surrounding spaces, then applies the length bounds', () => {
    expect(name.parse('  Jane  ')).toBe('Jane');
    expect(name.safeParse('   ').success).toBe(false);
    expect(singleLine(4).safeParse('abcde').success).toBe(false);
  });

  it('keeps the value as sent when trimming is off, and allows empty text with min 0', () => {
    expect(singleLine(10, { trim: false }).parse(' a ')).toBe(' a ');
    expect(singleLine(10, { min: 0 }).parse('')).toBe('');
  });
});

describe('a multi-line field', () => {
  const message = multiLine(20, { min: 0 });

  it('accepts line feeds and tabs', () => {
    expect(message.parse('one\n\ttwo')).toBe('one\n\ttwo');
  });

  it('stores CR LF as LF, and counts the length after that', () => {
    expect(message.parse('one\r\ntwo\r\n\r\nthree')).toBe('one\ntwo\n\nthree');
    expect(multiLine(9).parse('1234\r\n5678')).toBe('1234\n5678');
  });

  it.each(REFUSED_EVERYWHERE)('refuses %j (a lone CR included)', (character) => {
    expect(message.safeParse(`a${character}b`).success).toBe(false);
  });

  it('names the field and says what it allows', () => {
    const body = z.strictObject({ message });

    expect(() => parseOrThrow(body, { message: 'hello\u0000' }, 'body')).toThrow(
      expect.objectContaining({ param: 'message', message: MULTI_LINE_MESSAGE }),
    );
  });

  it('matches a 100,000-character text in linear time', () => {
    const text = 'line of text\r\n'.repeat(8000);
    const started = performance.now();

    expect(multiLine(200_000).safeParse(text).success).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('the published rule', () => {
  it('is the pattern zod checks, emitted as the JSON Schema pattern', () => {
    expect(z.toJSONSchema(singleLine(10))).toMatchObject({ pattern: SINGLE_LINE_PATTERN.source });
    expect(z.toJSONSchema(multiLine(10))).toMatchObject({ pattern: MULTI_LINE_PATTERN.source });
  });

  it('decides every character the way a client compiling the pattern does', () => {
    // A client reads `pattern` as an ECMA-262 regex without flags; zod must agree on every code point.
    const clientSingle = new RegExp(SINGLE_LINE_PATTERN.source);
    const clientMulti = new RegExp(MULTI_LINE_PATTERN.source);
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-composite', maxLength: 8 }),
        fc.integer({ min: 0, max: 0x3000 }),
        (text, code) => {
          const value = `${text}${String.fromCharCode(code)}${text}`;

          expect(z.string().regex(SINGLE_LINE_PATTERN).safeParse(value).success).toBe(
            clientSingle.test(value),
          );
          expect(z.string().regex(MULTI_LINE_PATTERN).safeParse(value).success).toBe(clientMulti.test(value));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('text made one line for output', () => {
  it('turns each run of line breaks and controls into one space', () => {
    expect(toSingleLine('Jane\r\nBcc: x@evil.example')).toBe('Jane Bcc: x@evil.example');
    expect(toSingleLine('a\u0000\u2028\u0085b\tc')).toBe('a b c');
  });

  it('leaves printable text as it is', () => {
    for (const text of FINE) expect(toSingleLine(text)).toBe(text);
  });

  it('always yields text a single-line field accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(SINGLE_LINE_PATTERN.test(toSingleLine(text))).toBe(true);
      }),
    );
  });
});
