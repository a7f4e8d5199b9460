/**
 * Use case: what a trust center shows a visitor, in their language. 1. Read the brand and every published
 * piece of content (each content service decides what is published, through its public.ts). 2. Reduce each
 * item to its public fields, translated into the visitor's language where a translation exists, else in the
 * default language. 3. Date it by its newest change.
 */

import type { BrandView } from '#services/brand/public';
import {
  allCertifications,
  CERTIFICATION_TRANSLATED_FIELDS,
  type CertificationView,
} from '#services/certifications/public';
import { DOCUMENT_TRANSLATED_FIELDS, type DocumentView, listedDocuments } from '#services/documents/public';
import { type FaqView, publishedFaqs } from '#services/faqs/public';
import {
  disclosedSubprocessors,
  SUBPROCESSOR_TRANSLATED_FIELDS,
  type SubprocessorView,
} from '#services/subprocessors/public';
import { type BrandFacts, brandFacts, factsOfBrand } from '#services/trust-center/brand-facts';
import type {
  PublicCertification,
  PublicDocument,
  PublicFaq,
  PublicSubprocessor,
  TrustCenterOverview,
} from '#services/trust-center/schemas';
import type { Language } from '#shared/languages';
import { localize } from '#shared/translations';

/** Everything published of one trust center, untranslated: what the overview and trust.json are made of. */
export interface TrustCenterContent {
  brand: BrandFacts;
  certifications: CertificationView[];
  documents: DocumentView[];
  faqs: FaqView[];
  subprocessors: SubprocessorView[];
}

/**
 * Reads the trust center's brand and published content, in parallel. `brand`: the tenant's brand as the
 * caller already read it, or is reading it (`brandOf`), so that a reader that keeps it does not read it twice.
 */
export async function trustCenterContent(
  tenantId: string,
  options: { now?: Date; brand?: BrandView | Promise<BrandView> } = {},
): Promise<TrustCenterContent> {
  const now = options.now ?? new Date();
  const [brand, certifications, documents, faqs, subprocessors] = await Promise.all([
    options.brand ? Promise.resolve(options.brand).then(factsOfBrand) : brandFacts(tenantId),
    allCertifications(tenantId, now),
    listedDocuments(tenantId),
    publishedFaqs(tenantId),
    disclosedSubprocessors(tenantId),
  ]);
  return { brand, certifications, documents, faqs, subprocessors };
}

/** The NDA an overview shows: the text a visitor accepts now (access-requests' `currentNda`). */
export type OverviewNda = TrustCenterOverview['nda'];

/**
 * The trust center's overview in `language`, read live: translated fields where translated, else the
 * default language. `knownBrand`: the tenant's brand if the caller has read it already (`brandOf`).
 */
export async function trustCenterOverview(
  tenantId: string,
  language: Language,
  knownBrand?: BrandView,
): Promise<TrustCenterOverview> {
  // Read side by side: the NDA needs nothing of the content. The platform's default NDA texts weigh
  // 20 KiB: loaded by the overview only, not by every visitor route.
  const [content, nda] = await Promise.all([
    trustCenterContent(tenantId, { brand: knownBrand }),
    import('#services/access-requests/public').then(({ currentNda }) => currentNda(tenantId, language)),
  ]);
  return overviewInLanguage(content, nda, language);
}

/**
 * The overview in `language` of content already read (pure): translated fields where translated, else the
 * default language. FAQs are written one language each: those in `language`, or, when there are none in
 * it, those in the default language.
 */
export function overviewInLanguage(
  content: TrustCenterContent,
  nda: OverviewNda,
  language: Language,
): TrustCenterOverview {
  const { brand } = content;
  return {
    language,
    default_language: brand.defaultLanguage,
    languages: brand.languages,
    brand: {
      title: brand.title,
      tagline: brand.tagline[language] ?? brand.tagline[brand.defaultLanguage] ?? null,
      intro: brand.intro[language] ?? brand.intro[brand.defaultLanguage] ?? null,
      logo_url: brand.logoUrl,
      primary_color: brand.primaryColor,
      footer_text: brand.footerText,
    },
    contact: { security_email: brand.securityContact, privacy_policy_url: brand.privacyPolicyUrl },
    certifications: content.certifications.map((item) => publicCertification(item, language)),
    documents: content.documents.map((item) => publicDocument(item, language)),
    faqs: inLanguage(content.faqs, language, brand.defaultLanguage).map(publicFaq),
    subprocessors: content.subprocessors.map((item) => publicSubprocessor(item, language)),
    nda: { version: nda.version, language: nda.language, source: nda.source, body: nda.body },
    updated_at: lastChange(content),
  };
}

/** Items written one language each: those in `language`, else (none in it) those in `fallback`. */
export function inLanguage<T extends { language: string }>(
  items: T[],
  language: Language,
  fallback: Language,
): T[] {
  const chosen = items.filter((item) => item.language === language);
  return chosen.length > 0 ? chosen : items.filter((item) => item.language === fallback);
}

/** The newest `updated_at` of the brand and every item shown; null when nothing carries one. */
export function lastChange(content: TrustCenterContent): string | null {
  const stamps = [
    content.brand.updatedAt,
    ...content.certifications.map((item) => item.updated_at),
    ...content.documents.map((item) => item.updated_at),
    ...content.faqs.map((item) => item.updated_at),
    ...content.subprocessors.map((item) => item.updated_at),
  ].filter((stamp): stamp is string => typeof stamp === 'string');
  return stamps.length === 0 ? null : stamps.reduce((a, b) => (a > b ? a : b));
}

export function publicCertification(item: CertificationView, language: Language): PublicCertification {
  const text = localize(
    { description: item.description },
    item.translations,
    language,
    CERTIFICATION_TRANSLATED_FIELDS,
  );
  return {
    id: item.id,
    framework: item.framework,
    issuer: item.issuer,
    issued_at: item.issued_at,
    expires_at: item.expires_at,
    status: item.status,
    description: text.description,
  };
}

export function publicDocument(item: DocumentView, language: Language): PublicDocument {
  const text = localize(
    { title: item.title, description: item.description },
    item.translations,
    language,
    DOCUMENT_TRANSLATED_FIELDS,
  );
  return {
    id: item.id,
    title: text.title,
    description: text.description,
    category: item.category,
    access_level: item.access_level,
    featured: item.featured,
    language: item.language,
    updated_at: item.updated_at,
  };
}

export function publicFaq(item: FaqView): PublicFaq {
  return {
    id: item.id,
    question: item.question,
    answer: item.answer,
    category: item.category,
    language: item.language,
  };
}

export function publicSubprocessor(item: SubprocessorView, language: Language): PublicSubprocessor {
  const text = localize(
    { purpose: item.purpose },
    item.translations,
    language,
    SUBPROCESSOR_TRANSLATED_FIELDS,
  );
  return {
    id: item.id,
    name: item.name,
    purpose: text.purpose,
    data_categories: item.data_categories,
    location: item.location,
    website: item.website,
    status: item.status as PublicSubprocessor['status'],
  };
}
