/**
 * THROWAWAY: stands in for `services/brand/public.ts` (the brand helper's promised interface) until it is
 * on main; replaced by an import of `#services/brand/public` at the merge. Hosts are
 * `<tenant id, lower case, "_" as "-">.localhost`, every tenant is found, and the brand is a default one.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Language } from '#shared/languages';

export interface BrandView {
  title: string;
  primary_color: string | null;
  footer_text: string | null;
  logo_url: string | null;
  tagline: Partial<Record<Language, string>>;
  intro: Partial<Record<Language, string>>;
  security_contact: string | null;
  privacy_policy_url: string | null;
  default_language: Language;
  enabled_languages: Language[];
  updated_at: string | null;
}

export async function brandOf(tenantId: string): Promise<BrandView> {
  return {
    title: `Trust Center ${tenantId.slice(-6)}`,
    primary_color: '#0066cc',
    footer_text: null,
    logo_url: null,
    tagline: {},
    intro: {},
    security_contact: `security@${tenantId.toLowerCase().replace('_', '-')}.example`,
    privacy_policy_url: null,
    default_language: 'en',
    enabled_languages: ['en', 'de', 'fr'],
    updated_at: null,
  };
}

export async function viewerTenant(
  event: APIGatewayProxyEvent,
): Promise<{ tenantId: string; host: string } | null> {
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'host')?.[1];
  const host = header?.split(':')[0]?.toLowerCase() ?? '';
  const match = /^org-([0-9a-z]{26})\.localhost$/.exec(host);
  return match ? { tenantId: `org_${(match[1] ?? '').toUpperCase()}`, host } : null;
}

export async function tenantHosts(tenantId: string): Promise<string[]> {
  return [`${tenantId.toLowerCase().replace('_', '-')}.localhost`];
}
