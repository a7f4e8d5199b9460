/**
 * Where the site's facts come from: the host's tenant (services/brand), the tenant's published trust center,
 * brand included, in a language (services/trust-center). The one module of the site that reads other
 * services' content, so that their shapes meet the pages in one place.
 *
 * A page reads its brand and content from the trust center's published snapshot: one GetItem, read once per
 * request and shared by the layout and the page (services/trust-center/snapshot.ts). The snapshot follows
 * the event pipeline, so a change made through the API shows on the pages about 0.1–1 s after it is
 * committed (README, "The published snapshot").
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { type BrandFontId, viewerTenant } from '#services/brand/public';
import {
  publishedTrustCenter,
  searchTrustCenter,
  snapshotOverview,
  type TrustCenterOverview,
  type TrustCenterSnapshot,
} from '#services/trust-center/public';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '#shared/languages';

/** What the layout needs of a tenant's brand, whatever the brand service calls it. */
export interface SiteBrand {
  name: string;
  /** `#rrggbb`; the text colour on it is chosen by the brand service for contrast. */
  primary: string;
  primaryText: string;
  /** Paths on the trust center's own host (CSP `img-src 'self'`), versioned by content. */
  logoUrl: string | null;
  /** The logo's intrinsic size in CSS pixels, so the page reserves its box before it loads; null if unknown. */
  logoSize: { width: number; height: number } | null;
  faviconUrl: string | null;
  /** One of the fonts the platform serves itself (services/brand/fonts.ts); `system` loads none. */
  fontId: BrandFontId;
  tagline: string | null;
  intro: string | null;
  securityContact: string | null;
  privacyPolicyUrl: string | null;
  defaultLanguage: Language;
  languages: readonly Language[];
}

export type Overview = TrustCenterOverview;
export type SiteDocument = Overview['documents'][number];
export type SearchHits = Awaited<ReturnType<typeof searchTrustCenter>>;

const HEX = /^#[0-9a-fA-F]{6}$/;

/** The snapshot each SiteBrand was made from, so that the page's content comes from the same single read. */
const snapshots = new WeakMap<SiteBrand, TrustCenterSnapshot>();

/** The tenant whose trust center the viewer's host names; null for a host no trust center has. */
export async function tenantOfViewer(event: APIGatewayProxyEvent): Promise<string | null> {
  return (await viewerTenant(event))?.tenantId ?? null;
}

/** The tenant's brand in `language` (tagline and intro fall back to the brand's default language). */
export async function siteBrand(tenantId: string, language?: Language): Promise<SiteBrand> {
  const snapshot = await publishedTrustCenter(tenantId);
  const { brand } = snapshot;
  const defaultLanguage = brand.default_language ?? DEFAULT_LANGUAGE;
  const languages = brand.languages?.length ? brand.languages : LANGUAGES;
  const inLanguage = (texts: Partial<Record<Language, string | null>> | undefined) =>
    (language && texts?.[language]) || texts?.[defaultLanguage] || null;
  const { primary } = brand.colors;
  const site: SiteBrand = {
    name: brand.title,
    // Only a well-formed colour reaches the page's style element.
    primary: HEX.test(primary.color) ? primary.color : '#1f4fd1',
    primaryText: HEX.test(primary.text_color) ? primary.text_color : '#ffffff',
    logoUrl: brand.logo?.url ?? null,
    // Absent from a snapshot published before sizes were kept: then the page reserves no box.
    logoSize:
      brand.logo?.width && brand.logo.height ? { width: brand.logo.width, height: brand.logo.height } : null,
    faviconUrl: brand.favicon?.url ?? null,
    fontId: brand.font.id,
    tagline: inLanguage(brand.tagline),
    intro: inLanguage(brand.intro),
    securityContact: brand.security_contact,
    privacyPolicyUrl: brand.privacy_policy_url,
    defaultLanguage,
    languages,
  };
  snapshots.set(site, snapshot);
  return site;
}

/**
 * The published trust center in `language`, with the content service's fallback to other languages.
 * `brand`: the page's brand (siteBrand), whose snapshot it reuses (no read).
 */
export async function overviewOf(tenantId: string, language: Language, brand?: SiteBrand): Promise<Overview> {
  const snapshot = (brand && snapshots.get(brand)) ?? (await publishedTrustCenter(tenantId));
  return snapshotOverview(snapshot, language);
}

/** Knowledge-base answers for a visitor's question, typo tolerant. */
export function searchKnowledgeBase(
  tenantId: string,
  language: Language,
  query: string,
): Promise<SearchHits> {
  return searchTrustCenter(tenantId, language, query);
}
