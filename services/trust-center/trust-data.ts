/**
 * `/trust.json`: every public fact of a trust center for machines, in one versioned document that names its
 * JSON Schema in `$schema`. The zod declaration below is the one source: the route validates its answers
 * against it, and `/trust.schema.json` is generated from it (`z.toJSONSchema`), never written by hand.
 */
import * as z from 'zod';
import type { TrustCenterContent } from '#services/trust-center/overview';
import {
  lastChange,
  publicCertification,
  publicDocument,
  publicFaq,
  publicSubprocessor,
} from '#services/trust-center/overview';
import {
  publicCertification as certificationSchema,
  publicDocument as documentSchema,
  publicFaq as faqSchema,
  publicContact,
  publicSubprocessor as subprocessorSchema,
  visitorLanguage,
} from '#services/trust-center/schemas';
import { machineLinks, requestAccessUrl, type TrustCenterLinks } from '#services/trust-center/site-links';
import type { Language } from '#shared/languages';

/**
 * The format's version: a consumer may rely on every field of a major version; a new major version gets a
 * new schema URL. Minor versions only add optional fields.
 */
export const TRUST_DATA_VERSION = '1.0';
export const TRUST_SCHEMA_PATH = '/trust.schema.json';

const translations = z
  .partialRecord(visitorLanguage, z.record(z.string(), z.string()))
  .describe('Translated text fields by language; the fields above are in `default_language`.');

export const trustData = z
  .object({
    $schema: z.string().describe(`The JSON Schema of this document (${TRUST_SCHEMA_PATH} beside it).`),
    version: z.literal(TRUST_DATA_VERSION).describe('The version of this format.'),
    trust_center: z.object({
      name: z.string(),
      url: z.string().describe('The trust center for people.'),
      default_language: visitorLanguage,
      languages: z.array(visitorLanguage),
      updated_at: z.iso
        .datetime()
        .nullable()
        .describe('The newest change of anything listed here; null for an empty trust center.'),
    }),
    contact: publicContact,
    certifications: z.array(certificationSchema.extend({ translations })),
    subprocessors: z.array(subprocessorSchema.extend({ translations })),
    documents: z.array(
      documentSchema.extend({
        translations,
        request_access_url: z
          .string()
          .nullable()
          .describe('Where a person asks for a restricted or NDA-gated document; null for public ones.'),
      }),
    ),
    faqs: z.array(faqSchema).describe('Published FAQs, in every language (each has its own `language`).'),
    links: z.object({
      llms_txt: z.string(),
      security_txt: z.string(),
      sitemap: z.string(),
      mcp: z.string().describe('The read-only MCP server (Streamable HTTP).'),
      overview_api: z.string(),
    }),
  })
  .meta({
    id: 'TrustData',
    title: 'Trust center data',
    description:
      'Every public fact of one trust center: certifications, subprocessors, documents with their access level, FAQs and contacts.',
  });

export type TrustData = z.output<typeof trustData>;

/** The JSON Schema (2020-12) of `/trust.json` on `origin`, generated from `trustData`. */
export function trustDataSchema(origin: string): Record<string, unknown> {
  return {
    ...z.toJSONSchema(trustData, { target: 'draft-2020-12', io: 'output' }),
    $id: `${origin}${TRUST_SCHEMA_PATH}`,
  };
}

/** `/trust.json` of a trust center, from its published content, in its default language with translations. */
export function buildTrustData(content: TrustCenterContent, origin: string): TrustData {
  const language: Language = content.brand.defaultLanguage;
  const links: TrustCenterLinks = machineLinks(origin);
  return {
    $schema: `${origin}${TRUST_SCHEMA_PATH}`,
    version: TRUST_DATA_VERSION,
    trust_center: {
      name: content.brand.title,
      url: `${origin}/${language}/`,
      default_language: language,
      languages: content.brand.languages,
      updated_at: lastChange(content),
    },
    contact: {
      security_email: content.brand.securityContact,
      privacy_policy_url: content.brand.privacyPolicyUrl,
    },
    certifications: content.certifications.map((item) => ({
      ...publicCertification(item, language),
      translations: translationsIn(item.translations),
    })),
    subprocessors: content.subprocessors.map((item) => ({
      ...publicSubprocessor(item, language),
      translations: translationsIn(item.translations),
    })),
    documents: content.documents.map((item) => ({
      ...publicDocument(item, language),
      translations: translationsIn(item.translations),
      request_access_url:
        item.access_level === 'public' ? null : requestAccessUrl(origin, language, [item.id]),
    })),
    faqs: content.faqs.map(publicFaq),
    links: {
      llms_txt: links.llmsTxt,
      security_txt: links.securityTxt,
      sitemap: links.sitemap,
      mcp: links.mcp,
      overview_api: links.overviewApi,
    },
  };
}

/** Every translation of an item, `{}` when there is none (the format always carries the field). */
function translationsIn(
  translations: Partial<Record<Language, Partial<Record<string, string>>>> | undefined,
): Partial<Record<Language, Record<string, string>>> {
  return (translations ?? {}) as Partial<Record<Language, Record<string, string>>>;
}
