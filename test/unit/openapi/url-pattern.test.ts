import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { urlPattern } from '#shared/openapi/url-pattern';

describe('the published URL pattern', () => {
  it('matches only strings the WHATWG URL parser reads with the same scheme and no credentials', () => {
    const pattern = urlPattern(['https', 'http']);

    fc.assert(
      fc.property(fc.stringMatching(pattern), (value) => {
        const url = new URL(value);
        expect(['https:', 'http:']).toContain(url.protocol);
        expect(url.username + url.password).toBe('');
      }),
      { numRuns: 2000, seed: 5 },
    );
  });

  it.each([
    'https://hooks.slack.com/services/T000/B000/XXXX',
    'http://127.0.0.1:8080/ok/x',
    'https://example.com',
    'https://outlook.office.com/webhook/a?b=c#d',
  ])('matches %s', (value) => {
    expect(urlPattern(['https', 'http']).test(value)).toBe(true);
  });

  it.each([
    'ftp://example.com/hook',
    'https://user:pass@example.com/hook',
    'https://example.com/with space',
    'https://xn--zz.example/',
    'https://1.2.3.999/',
    'https://example.com:65536/',
    'example.com',
  ])('refuses %s', (value) => {
    expect(urlPattern(['https', 'http']).test(value)).toBe(false);
  });
});
