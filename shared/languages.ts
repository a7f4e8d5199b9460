/**
 * The languages the product speaks, as ISO 639-1 codes: the site's interface, per-language content,
 * emails and NDAs. One list, so that a fourth language is added in one place.
 */
export const LANGUAGES = ['en', 'de', 'fr'] as const;

/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** The language used when nothing else is known (no `Accept-Language`, no brand default). */
export const DEFAULT_LANGUAGE: Language = 'en';

/** Whether a value is one of {@link LANGUAGES} (a path segment, a stored attribute, a query value). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
