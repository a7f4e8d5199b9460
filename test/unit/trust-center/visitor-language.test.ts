import { describe, expect, it } from 'vitest';
import { visitorLanguage } from '#services/trust-center/visitor-language';

const offered = { enabled: ['en', 'de'] as const, fallback: 'en' as const };
const choose = (requested: { lang?: string; acceptLanguage?: string }) =>
  visitorLanguage(requested, { enabled: [...offered.enabled], fallback: offered.fallback });

describe("the visitor's language", () => {
  it('is ?lang= when the trust center offers it, whatever Accept-Language says', () => {
    expect(choose({ lang: 'de', acceptLanguage: 'en' })).toBe('de');
    expect(choose({ lang: 'DE' })).toBe('de');
  });

  it('ignores a ?lang= the trust center does not offer, and asks Accept-Language', () => {
    expect(choose({ lang: 'fr', acceptLanguage: 'de' })).toBe('de');
    expect(choose({ lang: 'xx' })).toBe('en');
  });

  it('takes the best offered language of Accept-Language by quality, regional variants included', () => {
    expect(choose({ acceptLanguage: 'fr;q=1, de-AT;q=0.8, en;q=0.5' })).toBe('de');
    expect(choose({ acceptLanguage: 'en;q=0.2, de;q=0.9' })).toBe('de');
    expect(choose({ acceptLanguage: 'de-CH' })).toBe('de');
  });

  it('is the default language when nothing offered is asked for', () => {
    expect(choose({})).toBe('en');
    expect(choose({ acceptLanguage: 'ja, it;q=0.5' })).toBe('en');
    expect(choose({ acceptLanguage: '*;q=0, garbage,,;;' })).toBe('en');
  });
});
