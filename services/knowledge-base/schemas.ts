import * as z from 'zod';
import { multiLine, singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';
import { LANGUAGES } from '#shared/languages';

export const language = z.enum(LANGUAGES).meta({ id: 'KnowledgeBaseLanguage' });

/** Tags are compared case-insensitively, so they are stored lower-case. */
export const tag = singleLine(40).toLowerCase();
const tags = z
  .array(tag)
  .max(20)
  .overwrite((values) => [...new Set(values)]);

export const createEntryBody = z
  .strictObject({
    question: multiLine(1000),
    answer: multiLine(10_000),
    tags: tags.default([]),
    language: language
      .optional()
      .describe(
        "The entry's language; the trust center's default language (its brand's `default_language`) when absent.",
      ),
  })
  .meta({ id: 'CreateKnowledgeBaseEntryRequest' });

export const updateEntryBody = z
  .strictObject({
    question: multiLine(1000).optional(),
    answer: multiLine(10_000).optional(),
    tags: tags.optional(),
    language: language.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Provide at least one field to update' })
  .meta({ id: 'UpdateKnowledgeBaseEntryRequest', minProperties: 1 });

export const entry = z
  .object({
    id: z.string().meta({ example: 'kb_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    question: z.string(),
    answer: z.string(),
    tags: z.array(z.string()),
    language,
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'KnowledgeBaseEntry' });

export const entryIdParams = z.strictObject({
  id: z.string().regex(idPattern('knowledgeBase'), 'Not a knowledge base entry id'),
});

export const listEntriesQuery = z.object({
  language: language.optional().describe('Only entries in this language.'),
  tag: tag.optional().describe('Only entries carrying this tag (case-insensitive).'),
});

export const searchEntriesQuery = z.object({
  q: singleLine(200).describe('What to look for: words, word prefixes, typos tolerated.'),
  language: language.optional().describe('Only entries in this language.'),
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('How many results, 1 to 50.'),
});

export const searchResult = z
  .object({
    id: z.string(),
    question: z.string(),
    answer: z.string(),
    tags: z.array(z.string()),
    language,
    score: z.number().describe('Relevance; higher is better. Comparable only within one response.'),
  })
  .meta({ id: 'KnowledgeBaseSearchResult' });

export const searchResponse = z
  .object({
    results: z.array(searchResult),
    total: z.number().int().describe('How many entries matched, before `limit`.'),
  })
  .meta({ id: 'KnowledgeBaseSearchResponse' });

export type Language = z.output<typeof language>;
export type CreateEntryBody = z.output<typeof createEntryBody>;
export type UpdateEntryBody = z.output<typeof updateEntryBody>;
export type EntryView = z.output<typeof entry>;
export type SearchResponse = z.output<typeof searchResponse>;
