import { describe, expect, it } from 'vitest';
import { csvField, ndaRecordsCsv } from '#services/access-requests/nda-records-export';

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
  });

  it('writes a header row even without records', () => {
    expect(ndaRecordsCsv([])).toBe(
      'id,nda_version,nda_sha256,signer_name,signer_email,signer_company,ip,user_agent,accepted_at,access_request_id,account_id\r\n',
    );
  });
});
