import * as z from 'zod';
import { ACCESS_LEVELS } from '#shared/access-levels';
import { singleLine } from '#shared/http/text-fields';
import { LANGUAGES } from '#shared/languages';

/**
 * What a visitor (a person through the site, or a machine) reads of a trust center: published content
 * only, each item reduced to its public fields. One declaration for the overview API, `/trust.json`
 * (trust-data.ts builds its JSON Schema from these), the MCP tools and the site.
 */

export const visitorLanguage = z.enum(LANGUAGES).meta({ id: 'TrustCenterLanguage' });

export const publicCertification = z
  .object({
    id: z.string(),
    framework: z.string().meta({ example: 'SOC 2 Type II' }),
    issuer: z.string(),
    issued_at: z.iso.date(),
    expires_at: z.iso.date(),
    status: z
      .enum(['valid', 'expiring', 'expired'])
      .describe('On the day of the answer: `expiring` within 60 days of expires_at, `expired` after it.'),
    description: z.string().nullable(),
  })
  .meta({ id: 'PublicCertification' });

export const publicDocument = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    category: z.string().nullable(),
    access_level: z
      .enum(ACCESS_LEVELS)
      .describe('`public`: anyone may download; `restricted` and `requires_nda`: request access first.'),
    featured: z.boolean(),
    language: visitorLanguage.describe('The language of the file itself.'),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'PublicDocument' });

export const publicFaq = z
  .object({
    id: z.string(),
    question: z.string(),
    answer: z.string(),
    category: z.string().nullable(),
    language: visitorLanguage,
  })
  .meta({ id: 'PublicFaq' });

export const publicSubprocessor = z
  .object({
    id: z.string(),
    name: z.string(),
    purpose: z.string(),
    data_categories: z.array(z.string()),
    location: z.string().describe('ISO 3166-1 alpha-2 country code.'),
    website: z.string().nullable(),
    status: z.enum(['active', 'planned']).describe('`planned`: announced, not processing data yet.'),
  })
  .meta({ id: 'PublicSubprocessor' });

export const publicNda = z
  .object({
    version: z.union([z.number().int(), z.string()]),
    language: z.string(),
    source: z.enum(['tenant', 'platform_default']),
    body: z.string().describe('Markdown.'),
  })
  .meta({ id: 'PublicNda' });

export const publicContact = z
  .object({
    security_email: z.string().nullable().describe('Where to report a vulnerability (also in security.txt).'),
    privacy_policy_url: z.string().nullable(),
  })
  .meta({ id: 'PublicContact' });

export const publicBrand = z
  .object({
    title: z.string(),
    tagline: z.string().nullable(),
    intro: z.string().nullable(),
    logo_url: z.string().nullable(),
    primary_color: z.string().nullable(),
    footer_text: z.string().nullable(),
  })
  .meta({ id: 'PublicBrand' });

export const trustCenterOverview = z
  .object({
    language: visitorLanguage.describe('The language of this answer (text missing in it is in the default).'),
    default_language: visitorLanguage,
    languages: z.array(visitorLanguage).describe('Every language the trust center offers.'),
    brand: publicBrand,
    contact: publicContact,
    certifications: z.array(publicCertification),
    documents: z.array(publicDocument),
    faqs: z.array(publicFaq),
    subprocessors: z.array(publicSubprocessor),
    nda: publicNda.describe('The NDA a visitor accepts to receive `requires_nda` documents.'),
    updated_at: z.iso
      .datetime()
      .nullable()
      .describe('The newest change of anything shown; null for an empty trust center.'),
  })
  .meta({ id: 'TrustCenterOverview' });

export const trustCenterSearchResult = z
  .object({
    id: z.string(),
    question: z.string(),
    answer: z.string(),
    tags: z.array(z.string()),
    language: visitorLanguage,
    score: z.number().describe('Relevance; higher is better. Comparable only within one response.'),
  })
  .meta({ id: 'TrustCenterSearchResult' });

export const trustCenterSearch = z
  .object({
    language: visitorLanguage.describe(
      'The language searched: the one asked for, or the default when nothing in it matched.',
    ),
    results: z.array(trustCenterSearchResult),
    total: z.number().int().describe('How many entries matched, before `limit`.'),
  })
  .meta({ id: 'TrustCenterSearchResponse' });

const langQuery = singleLine(35)
  .optional()
  .describe(
    'The language to read in (`en`, `de`, `fr`); otherwise `Accept-Language` decides. A language the trust center does not offer falls back to its default.',
  );

export const overviewQuery = z.object({ lang: langQuery });

export const searchQuery = z.object({
  q: singleLine(200).describe('What to look for: words, word prefixes; typos are tolerated.'),
  lang: langQuery,
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('How many results, 1 to 50.'),
});

export type TrustCenterOverview = z.output<typeof trustCenterOverview>;
export type TrustCenterSearch = z.output<typeof trustCenterSearch>;
export type PublicDocument = z.output<typeof publicDocument>;
export type PublicCertification = z.output<typeof publicCertification>;
export type PublicSubprocessor = z.output<typeof publicSubprocessor>;
export type PublicFaq = z.output<typeof publicFaq>;
