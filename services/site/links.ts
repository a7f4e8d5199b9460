import { tenantHosts } from '#services/brand/public';
import { href } from '#services/site/page-context';
import { config } from '#shared/config';
import type { Language } from '#shared/languages';

/**
 * The absolute URL of a page of a tenant's trust center in a language, for links in the mail a visitor
 * receives (`https://trust.acme.com/de/access?token=…`): on the tenant's first verified custom domain,
 * else its default host (`<slug>.<platform host>`), with the platform's public scheme and port
 * (`TC_PUBLIC_URL`); the platform's own URL only for a tenant with no host at all. The language prefix
 * keeps the page in the mail's language whatever the browser's `Accept-Language` says.
 */
export async function trustCenterPageUrl(
  tenantId: string,
  language: Language,
  route: string,
  query?: Record<string, string>,
): Promise<string> {
  const hosts = await tenantHosts(tenantId);
  // The default host comes first; a custom domain is the tenant's own name for its trust center.
  const host = hosts[1] ?? hosts[0];
  const base = new URL(config.publicUrl);
  const origin = host
    ? `${base.protocol}//${host.replace(/:\d+$/, '')}${base.port ? `:${base.port}` : ''}`
    : base.origin;
  return `${origin}${href(language, route, query)}`;
}
