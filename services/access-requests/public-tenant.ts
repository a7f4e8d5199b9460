import { defaultLanguageOf, publicTrustCenter } from '#services/brand/public';
import { isLanguage, type Language } from '#shared/languages';

/**
 * The tenant of a public request: the trust center of the viewer's host (services/brand/public.ts). The
 * `org_id` a form or query may still name is deprecated (accepted for one release): on a trust center's
 * host it must name that trust center, else 404.
 */
export async function publicTenant(
  headers: Readonly<Record<string, string>>,
  orgId: string | undefined,
): Promise<{ tenantId: string; name: string }> {
  return publicTrustCenter(headers, orgId);
}

/**
 * The language of a visitor's mail when the visitor's own is not known (not sent, or a request recorded
 * before languages were): the trust center's default language (its brand's).
 */
export async function trustCenterLanguage(tenantId: string, recorded?: string | null): Promise<Language> {
  if (isLanguage(recorded)) return recorded;
  return defaultLanguageOf(tenantId);
}
