/**
 * What the trust center takes from the brand service (`brandOf`), in its own words: the one place that
 * knows the brand's shape, so a change there touches this file only.
 */
import { type BrandView, brandOf } from '#services/brand/public';
import { DEFAULT_LANGUAGE, type Language } from '#shared/languages';

export interface BrandFacts {
  title: string;
  tagline: Partial<Record<Language, string>>;
  intro: Partial<Record<Language, string>>;
  logoUrl: string | null;
  primaryColor: string | null;
  footerText: string | null;
  /** The address of the security team (security.txt's Contact), or null when the brand names none. */
  securityContact: string | null;
  privacyPolicyUrl: string | null;
  defaultLanguage: Language;
  /** Every language offered, the default first. */
  languages: Language[];
  updatedAt: string | null;
}

/** The tenant's brand facts, read from the brand service. */
export async function brandFacts(tenantId: string): Promise<BrandFacts> {
  return factsOfBrand(await brandOf(tenantId));
}

/** The facts of a brand the caller has already read (`brandOf`), so that it is not read twice. */
export function factsOfBrand(brand: BrandView): BrandFacts {
  const defaultLanguage = brand.default_language ?? DEFAULT_LANGUAGE;
  return {
    title: brand.title,
    tagline: texts(brand.tagline),
    intro: texts(brand.intro),
    logoUrl: brand.logo?.url ?? null,
    primaryColor: brand.primary_color ?? null,
    footerText: brand.footer_text ?? null,
    securityContact: brand.security_contact ?? null,
    privacyPolicyUrl: brand.privacy_policy_url ?? null,
    defaultLanguage,
    languages: [...new Set([defaultLanguage, ...brand.languages])],
    updatedAt: brand.updated_at ?? null,
  };
}

/** A per-language text of the brand, the languages without one left out. */
function texts(byLanguage: Partial<Record<Language, string | null>>): Partial<Record<Language, string>> {
  return Object.fromEntries(
    Object.entries(byLanguage).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
