// THROWAWAY STUB on branch issue-site, replaced by issue #13's services/brand/public.ts when it merges.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '#shared/languages';

/** A tenant's brand (stub of #13's shape). */
interface Swatch {
  color: string;
  text_color: string;
  contrast: number;
}
export interface BrandView {
  title: string;
  primary_color: string;
  colors: { primary: Swatch; secondary: Swatch | null; accent: Swatch | null };
  font: { id: string; family: string; files: string[] };
  footer_text: string | null;
  default_host: string | null;
  tagline: Partial<Record<Language, string>>;
  intro: Partial<Record<Language, string>>;
  security_contact: string | null;
  privacy_policy_url: string | null;
  default_language: Language;
  languages: Language[];
  logo: { url: string } | null;
  favicon: { url: string } | null;
}

/** Stub: the demo brand. */
export async function brandOf(_tenantId: string): Promise<BrandView> {
  return {
    title: 'Demo Company',
    primary_color: '#1f4fd1',
    colors: {
      primary: { color: '#1f4fd1', text_color: '#ffffff', contrast: 6.5 },
      secondary: null,
      accent: null,
    },
    font: { id: 'system', family: 'system-ui, sans-serif', files: [] },
    footer_text: null,
    default_host: null,
    tagline: {},
    intro: {},
    security_contact: 'security@example.com',
    privacy_policy_url: null,
    default_language: DEFAULT_LANGUAGE,
    languages: [...LANGUAGES],
    logo: null,
    favicon: null,
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
