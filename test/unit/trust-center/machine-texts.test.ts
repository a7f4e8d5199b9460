import { describe, expect, it } from 'vitest';
import { securityTxt, securityTxtExpiry } from '#services/trust-center/machine-texts';

describe('security.txt', () => {
  it('expires on the first day of the sixth month ahead: under a year, and the same all month', () => {
    expect(securityTxtExpiry(new Date('2026-11-30T13:00:00Z')).toISOString()).toBe(
      '2027-05-01T00:00:00.000Z',
    );
    expect(securityTxtExpiry(new Date('2026-11-01T00:00:00Z')).toISOString()).toBe(
      '2027-05-01T00:00:00.000Z',
    );
    expect(securityTxtExpiry(new Date('2026-12-01T00:00:00Z')).toISOString()).toBe(
      '2027-06-01T00:00:00.000Z',
    );
  });

  it('holds Contact, Expires, Preferred-Languages and a Canonical per host, one field a line', () => {
    const text = securityTxt({
      securityContact: 'security@acme.example',
      languages: ['de', 'en'],
      canonicalUrls: [
        'https://acme.trust.example/.well-known/security.txt',
        'https://trust.acme.example/.well-known/security.txt',
      ],
      now: new Date('2026-11-30T00:00:00Z'),
    });

    expect(text).toBe(
      [
        'Contact: mailto:security@acme.example',
        'Expires: 2027-05-01T00:00:00Z',
        'Preferred-Languages: de, en',
        'Canonical: https://acme.trust.example/.well-known/security.txt',
        'Canonical: https://trust.acme.example/.well-known/security.txt',
        '',
      ].join('\n'),
    );
  });
});
