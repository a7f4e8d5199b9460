import * as z from 'zod';
import { LANGUAGES, type Language } from '#shared/languages';

/**
 * Per-language content for entities written once in the trust center's default language: the entity's own
 * fields are that text, and `translations` holds, per other language, the fields someone translated:
 * `{"de": {"description": "…"}, "fr": {…}}`. A visitor reading in a language gets each field translated
 * when a translation exists, else the entity's own text (the default language): a field never goes blank.
 */
export type Translations<F extends string> = Partial<Record<Language, Partial<Record<F, string>>>>;

/**
 * The request and response schema of `translations` for an entity whose translatable fields are `fields`
 * (each with its own text rule, e.g. `singleLine(200)`): an object keyed by language code, each holding
 * any of those fields. Unknown languages and fields are refused (strict objects).
 */
export function translationsField<S extends Record<string, z.ZodType>>(fields: S) {
  const perLanguage = z.strictObject(
    Object.fromEntries(Object.entries(fields).map(([name, schema]) => [name, schema.optional()])) as {
      [K in keyof S]: z.ZodOptional<S[K]>;
    },
  );
  return z
    .strictObject(
      Object.fromEntries(LANGUAGES.map((language) => [language, perLanguage.optional()])) as Record<
        Language,
        z.ZodOptional<typeof perLanguage>
      >,
    )
    .describe(
      'Translations of this entry\'s text, by language code (`{"de": {…}, "fr": {…}}`); the entry\'s own fields are in the trust center\'s default language. A visitor reading another language sees each translated field, else the entry\'s own text.',
    );
}

/**
 * `base` with each field of `fields` replaced by its translation into `language`, when there is one.
 * Translations stored before a field existed, or blank, never replace the text.
 */
export function localize<T extends Record<F, string | null | undefined>, F extends string>(
  base: T,
  translations: Translations<F> | undefined | null,
  language: Language,
  fields: readonly F[],
): T {
  const translated = translations?.[language];
  if (!translated) return base;
  const result = { ...base };
  for (const field of fields) {
    const text = translated[field];
    if (typeof text === 'string' && text.trim() !== '') (result as Record<F, string>)[field] = text;
  }
  return result;
}

/** Stored translations, read back: whatever is not a `{language: {field: text}}` map is dropped. */
export function storedTranslations<F extends string>(value: unknown): Translations<F> {
  if (value === null || typeof value !== 'object') return {};
  const result: Translations<F> = {};
  for (const language of LANGUAGES) {
    const fields = (value as Record<string, unknown>)[language];
    if (fields === null || typeof fields !== 'object') continue;
    const texts = Object.fromEntries(
      Object.entries(fields).filter(([, text]) => typeof text === 'string'),
    ) as Partial<Record<F, string>>;
    if (Object.keys(texts).length > 0) result[language] = texts;
  }
  return result;
}

/**
 * Translations as stored and shown: languages without a text dropped, and none at all as `undefined`
 * (never an empty map, which the event pipeline's stream records cannot carry: an empty nested map comes
 * back from DynamoDB Streams as a value without a type).
 */
export function compactTranslations<F extends string>(value: unknown): Translations<F> | undefined {
  const translations = storedTranslations<F>(value);
  return Object.keys(translations).length > 0 ? translations : undefined;
}

/** `{translations}` when there are any, else nothing: spread into a view. */
export function translationsOf<F extends string>(value: unknown): { translations?: Translations<F> } {
  const translations = compactTranslations<F>(value);
  return translations ? { translations } : {};
}
