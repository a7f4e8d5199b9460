import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvDocument } from '#shared/http/csv';

describe('csvDocument', () => {
  it('writes a header row and CRLF-ended rows that a CSV parser reads back as they were', () => {
    const rows = [
      ['a, b', 'say "hi"', 3],
      ['two\nlines', null, 0],
    ];

    const text = csvDocument(['text', 'quote', 'n'], rows);

    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe('text,quote,n');
    expect(parse(text, { columns: true })).toEqual([
      { text: 'a, b', quote: 'say "hi"', n: '3' },
      { text: 'two\nlines', quote: '', n: '0' },
    ]);
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(parse(csvDocument(['domain'], [['=HYPERLINK("x")']]), { columns: true })).toEqual([
      { domain: '\'=HYPERLINK("x")' },
    ]);
  });
});
