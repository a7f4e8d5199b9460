import * as z from 'zod';
import { pageQuery } from '#shared/http/pagination';
import { multiLine, singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';

export const FAQ_LANGUAGES = ['en', 'de', 'fr'] as const;
/** Positions are zero-padded to ten digits in the ordering key, so they stay below 10^10. */
export const MAX_FAQ_POSITION = 9_999_999_999;

const language = z.enum(FAQ_LANGUAGES);
const position = z
  .number()
  .int()
  .min(0)
  .max(MAX_FAQ_POSITION)
  .describe('Ordering: lists run by position, then by creation.');

export const createFaqBody = z
  .strictObject({
    question: singleLine(500),
    answer: multiLine(10_000),
    category: singleLine(100).optional(),
    language: language
      .optional()
      .describe(
        "The FAQ's language; the trust center's default language (its brand's `default_language`) when absent.",
      ),
    published: z.boolean().default(false),
    position: position.optional().describe('Where the FAQ goes; by default after every other FAQ.'),
  })
  .meta({ id: 'CreateFaqRequest' });

export const updateFaqBody = z
  .strictObject({
    question: singleLine(500).optional(),
    answer: multiLine(10_000).optional(),
    category: singleLine(100).nullable().optional(),
    language: language.optional(),
    published: z.boolean().optional(),
    position: position.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Provide at least one field to update' })
  .meta({ id: 'UpdateFaqRequest', minProperties: 1 });

export const listFaqsQuery = z.object({
  ...pageQuery,
  language: language.optional().describe('Only FAQs in this language.'),
  category: singleLine(100).optional().describe('Only FAQs in this category (exact match).'),
  published: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('Only published (`true`) or unpublished (`false`) FAQs.'),
});

export const faq = z
  .object({
    id: z.string().meta({ example: 'faq_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    question: z.string(),
    answer: z.string(),
    category: z.string().nullable(),
    language: language,
    published: z.boolean(),
    position: z.number().int(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Faq' });

export const faqIdParams = z.strictObject({
  id: z.string().regex(idPattern('faq'), 'Not an FAQ id'),
});

export type CreateFaqBody = z.output<typeof createFaqBody>;
export type UpdateFaqBody = z.output<typeof updateFaqBody>;
export type ListFaqsQuery = z.output<typeof listFaqsQuery>;
export type FaqView = z.output<typeof faq>;
