import Negotiator from 'negotiator';
import { LANGUAGES, type Language } from '#shared/languages';

/**
 * The language a visitor reads the trust center in: `?lang=` when the trust center offers it, else the best
 * of `Accept-Language` (RFC 9110 §12.5.4, quality values and ranges such as `de-CH` → `de`, through
 * `negotiator`) among those it offers, else its default language. Content missing in that language falls
 * back to the default language field by field (shared/translations.ts).
 */
export function visitorLanguage(
  requested: { lang?: string | undefined; acceptLanguage?: string | undefined },
  offered: { enabled: readonly Language[]; fallback: Language },
): Language {
  const enabled = offered.enabled.length > 0 ? offered.enabled : [offered.fallback];
  const chosen = requested.lang?.toLowerCase();
  if (chosen && enabled.includes(chosen as Language)) return chosen as Language;
  if (requested.acceptLanguage) {
    const best = new Negotiator({ headers: { 'accept-language': requested.acceptLanguage } }).language([
      ...enabled,
    ]);
    if (best && enabled.includes(best as Language)) return best as Language;
  }
  return offered.fallback;
}

/** Whether a string names a language of the product (for `?lang=` values in schemas). */
export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
