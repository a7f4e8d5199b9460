import { describe, expect, it } from 'vitest';
import { ndaRecordsCsv } from '#services/access-requests/nda-records-export';
import { csvField } from '#shared/http/csv';

describe('NDA record CSV', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(2)).toBe('2');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('+49 30 1234')).toBe("'+49 30 1234");
    expect(csvField('\t=1+1')).toBe('"\'\t=1+1"');
    expect(csvField('\r=1+1')).toBe('"\'\r=1+1"');
    expect(csvField(' =1+1')).toBe("' =1+1");
  });

  it('quotes a semicolon, so a spreadsheet that splits on it keeps the value in one cell', () => {
    expect(csvField('Acme;=1+1')).toBe('"Acme;=1+1"');
  });

  it('keeps the line breaks of a stored value inside its quoted field, one record per row', () => {
    const name = 'Jane\r\nBcc: x@evil.example';

    expect(csvField(name)).toBe('"Jane\r\nBcc: x@evil.example"');
  });

  it('replaces NUL and other unprintable controls that older records may hold', () => {
    expect(csvField('Acme\u0000Corp\u007f')).toBe('Acme\uFFFDCorp\uFFFD');
  });

  it('writes a header row even without records', () => {
    expect(ndaRecordsCsv([])).toBe(
      'id,nda_version,nda_sha256,signer_name,signer_email,signer_company,ip,user_agent,accepted_at,access_request_id,account_id\r\n',
    );
  });
});
