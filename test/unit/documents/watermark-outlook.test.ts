import { describe, expect, it } from 'vitest';
import { watermarkOutlook } from '#services/documents/watermark-outlook';

const PDF = 'application/pdf';

describe('watermarkOutlook', () => {
  it.each(['restricted', 'requires_nda'])('applies to a %s PDF that is not encrypted', (accessLevel) => {
    expect(watermarkOutlook(accessLevel, { contentType: PDF, encrypted: false })).toEqual({
      applies: true,
      skipped_reason: null,
    });
  });

  it.each(['restricted', 'requires_nda'])(
    'names encryption as the reason a %s PDF is never stamped',
    (accessLevel) => {
      expect(watermarkOutlook(accessLevel, { contentType: PDF, encrypted: true })).toEqual({
        applies: false,
        skipped_reason: 'encrypted',
      });
    },
  );

  it('names the type as the reason a restricted file that is not a PDF is never stamped', () => {
    expect(watermarkOutlook('restricted', { contentType: 'image/png' })).toEqual({
      applies: false,
      skipped_reason: 'not_pdf',
    });
  });

  it('gives no reason for a public document, whatever its file, nor before the first upload', () => {
    expect(watermarkOutlook('public', { contentType: PDF, encrypted: true })).toEqual({
      applies: false,
      skipped_reason: null,
    });
    expect(watermarkOutlook('restricted', undefined)).toEqual({ applies: false, skipped_reason: null });
  });

  it('counts a PDF stored before encryption was recorded as stampable; its download says otherwise', () => {
    expect(watermarkOutlook('restricted', { contentType: PDF })).toEqual({
      applies: true,
      skipped_reason: null,
    });
  });
});
