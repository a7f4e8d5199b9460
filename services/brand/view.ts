import { readableTextColor } from '#services/brand/contrast';
import { BRAND_FONTS, type BrandFontId, DEFAULT_BRAND_FONT, fontFiles } from '#services/brand/fonts';
import type { BrandView, DomainView } from '#services/brand/schemas';
import type { BrandAssetItem, BrandItem, DomainItem } from '#services/brand/store';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '#shared/languages';

/** The brand colour a trust center has before its first change. */
export const DEFAULT_PRIMARY_COLOR = '#1f4e79';
/** The title a trust center has before its first change, when its organization has no name either. */
const DEFAULT_TITLE = 'Trust Center';

/** Under which path the brand's images are served, and nothing else (CloudFront caches it apart: infra). */
export const BRAND_ASSET_PATH_PREFIX = '/api/v1/public/brand/';

/** Where the site and the API serve a brand asset: a path on the trust center's own host (tenant from host). */
export const BRAND_ASSET_PATHS = {
  logo: `${BRAND_ASSET_PATH_PREFIX}logo`,
  favicon: `${BRAND_ASSET_PATH_PREFIX}favicon`,
} as const;
export type BrandAssetKind = keyof typeof BRAND_ASSET_PATHS;

/** What a brand answer is made from besides the brand item. */
export interface BrandContext {
  organizationName: string | null;
  defaultHost: string | null;
  domains: readonly DomainItem[];
}

const swatchOf = (color: string) => ({ color, ...textOn(color) });
const textOn = (color: string) => {
  const { color: text_color, contrast } = readableTextColor(color);
  return { text_color, contrast };
};

/** The version a brand asset's URL names (`?v=`): its content's SHA-256, first 16 hex digits (64 bits). */
export function assetVersion(asset: Pick<BrandAssetItem, 'sha256'>): string {
  return asset.sha256.slice(0, 16);
}

/** Where the current version of a brand asset is served: a path on the trust center's own host. */
export function assetUrl(kind: BrandAssetKind, asset: Pick<BrandAssetItem, 'sha256'>): string {
  return `${BRAND_ASSET_PATHS[kind]}?v=${assetVersion(asset)}`;
}

function assetView(kind: BrandAssetKind, asset: BrandAssetItem | undefined) {
  if (!asset) return null;
  return {
    url: assetUrl(kind, asset),
    content_type: asset.contentType,
    size: asset.size,
    sha256: asset.sha256,
    width: asset.width ?? null,
    height: asset.height ?? null,
    uploaded_at: asset.uploadedAt,
  };
}

/** A text per language, every language present (null where none is set): never an empty map. */
function perLanguage(value: unknown): Record<Language, string | null> {
  const stored = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  return Object.fromEntries(
    LANGUAGES.map((language) => {
      const text = stored[language];
      return [language, typeof text === 'string' ? text : null];
    }),
  ) as Record<Language, string | null>;
}

/** The brand as the API answers it: every field, with defaults where nothing was saved. */
export function toBrandView(item: BrandItem | null, context: BrandContext): BrandView {
  const primary = item?.primaryColor ?? DEFAULT_PRIMARY_COLOR;
  const font = (item?.font ?? DEFAULT_BRAND_FONT) as BrandFontId;
  const languages = (item?.languages as Language[] | undefined) ?? [...LANGUAGES];
  return {
    title: item?.title ?? context.organizationName ?? DEFAULT_TITLE,
    primary_color: primary,
    secondary_color: item?.secondaryColor ?? null,
    accent_color: item?.accentColor ?? null,
    colors: {
      primary: swatchOf(primary),
      secondary: item?.secondaryColor ? swatchOf(item.secondaryColor) : null,
      accent: item?.accentColor ? swatchOf(item.accentColor) : null,
    },
    font: { id: font, family: BRAND_FONTS[font].family, files: fontFiles(font) },
    footer_text: item?.footerText ?? null,
    deployment_domains: context.domains.map((domain) => domain.host).join(','),
    default_host: context.defaultHost,
    tagline: perLanguage(item?.tagline),
    intro: perLanguage(item?.intro),
    security_contact: item?.securityContact ?? null,
    privacy_policy_url: item?.privacyPolicyUrl ?? null,
    default_language: (item?.defaultLanguage as Language | undefined) ?? DEFAULT_LANGUAGE,
    languages,
    logo: assetView('logo', item?.logo as BrandAssetItem | undefined),
    favicon: assetView('favicon', item?.favicon as BrandAssetItem | undefined),
    updated_at: item?.updatedAt ?? null,
  };
}

/** The TXT record that proves control of a custom domain. */
export function verificationRecord(domain: Pick<DomainItem, 'host' | 'token'>) {
  return {
    type: 'TXT' as const,
    name: `_domain-verification.${domain.host}`,
    value: `domain-verification=${domain.token}`,
  };
}

export function toDomainView(domain: DomainItem): DomainView {
  return {
    host: domain.host,
    kind: 'custom',
    status: domain.status,
    verification: verificationRecord(domain),
    created_at: domain.createdAt,
    verified_at: domain.verifiedAt ?? null,
    last_checked_at: domain.lastCheckedAt ?? null,
  };
}

/** The default host as a listed domain: always active, nothing to prove. */
export function defaultHostView(host: string): DomainView {
  return {
    host,
    kind: 'default',
    status: 'active',
    verification: null,
    created_at: null,
    verified_at: null,
    last_checked_at: null,
  };
}
