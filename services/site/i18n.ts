import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import Negotiator from 'negotiator';
import { de } from '#services/site/messages/de';
import { type Catalogue, en, type MessageId } from '#services/site/messages/en';
import { fr } from '#services/site/messages/fr';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '#shared/languages';

const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, de, fr };
const cache = createIntlCache();
const intls = new Map<Language, IntlShape<string>>();

export { isLanguage };

/**
 * The interface of one language: `t(id, values)` formats a message of the catalogue (ICU MessageFormat:
 * plurals, dates, numbers), `date`/`number` format values. Built once per language and container.
 */
export interface Translator {
  language: Language;
  t(id: MessageId, values?: Record<string, string | number | Date>): string;
  date(value: string | Date, options?: Intl.DateTimeFormatOptions): string;
  country(code: string): string;
}

/** The translator of `language`; messages are taken from its catalogue (every key is in every catalogue). */
export function translator(language: Language): Translator {
  let intl = intls.get(language);
  if (!intl) {
    intl = createIntl({ locale: language, messages: CATALOGUES[language], timeZone: 'UTC' }, cache);
    intls.set(language, intl);
  }
  const shape = intl;
  const regions = new Intl.DisplayNames([language], { type: 'region' });
  return {
    language,
    t: (id, values) => shape.formatMessage({ id }, values) as string,
    date: (value, options = { dateStyle: 'long' }) => shape.formatDate(value, options),
    country: (code) => regions.of(code) ?? code,
  };
}

/**
 * The visitor's language for a path without a language prefix: the best of `Accept-Language` (RFC 9110
 * §12.5.4, by quality) among the trust center's enabled languages, else the trust center's default.
 */
export function negotiateLanguage(
  acceptLanguage: string | undefined,
  enabled: readonly Language[] = LANGUAGES,
  fallback: Language = DEFAULT_LANGUAGE,
): Language {
  const negotiator = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } });
  // Negotiator matches `de-CH` to `de` by prefix; the first of the preferred is the best.
  const [best] = negotiator.languages([...enabled]);
  return isLanguage(best) ? best : fallback;
}
