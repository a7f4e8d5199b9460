// THROWAWAY STUB on branch issue-site, replaced by issue #13's services/brand/public.ts when it merges.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '#shared/languages';

/** A tenant's brand as the site shows it (stub shape). */
export interface BrandView {
  name: string;
  colors: { primary: string; primary_text: string };
  font_family: string | null;
  logo_url: string | null;
  favicon_url: string | null;
  tagline: Partial<Record<Language, string>>;
  intro: Partial<Record<Language, string>>;
  security_contact: string | null;
  privacy_policy_url: string | null;
  default_language: Language;
  languages: Language[];
}

/** Stub: the demo brand. */
export async function brandOf(_tenantId: string): Promise<BrandView> {
  return {
    name: 'Demo Company',
    colors: { primary: '#1f4fd1', primary_text: '#ffffff' },
    font_family: null,
    logo_url: null,
    favicon_url: null,
    tagline: {},
    intro: {},
    security_contact: 'security@example.com',
    privacy_policy_url: null,
    default_language: DEFAULT_LANGUAGE,
    languages: [...LANGUAGES],
  };
}

/** Stub: `localhost` is the demo tenant (TC_SITE_STUB_TENANT). */
export async function viewerTenant(
  event: APIGatewayProxyEvent,
): Promise<{ tenantId: string; host: string } | null> {
  const host = (event.headers.host ?? event.headers.Host ?? '').toLowerCase();
  const tenantId = process.env.TC_SITE_STUB_TENANT;
  return tenantId && /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host) ? { tenantId, host } : null;
}

/** Stub. */
export async function tenantHosts(_tenantId: string): Promise<string[]> {
  return [];
}
