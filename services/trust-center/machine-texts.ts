/**
 * Domain (pure): the plain-text and XML documents a trust center publishes at its root for machines:
 * `/.well-known/security.txt` (RFC 9116), `/llms.txt` (llmstxt.org), `/robots.txt` (RFC 9309) and
 * `/sitemap.xml` (sitemaps.org 0.9, with hreflang alternates). No I/O: routes.ts reads, these write.
 */
import type { TrustCenterContent } from '#services/trust-center/overview';
import {
  lastChange,
  publicCertification,
  publicDocument,
  publicSubprocessor,
} from '#services/trust-center/overview';
import { machineLinks, pageUrl, requestAccessUrl, SITE_ENTRY_PAGES } from '#services/trust-center/site-links';
import type { Language } from '#shared/languages';

/**
 * When a security.txt expires (its required `Expires`): the first day of the sixth month after `now`, UTC,
 * so the file is always 5 to 6 months from expiry (RFC 9116 §2.5.5 recommends less than a year) and stays
 * byte-identical, and so cacheable under one ETag, for a whole month.
 */
export function securityTxtExpiry(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 6, 1));
}

/**
 * security.txt (RFC 9116 §2.5): `Contact` (the brand's security address as a mailto URI), `Expires`,
 * `Preferred-Languages` (the trust center's languages, default first) and one `Canonical` per host the
 * trust center answers on (§2.5.2 allows several). Lines end with LF (§2.2 allows it).
 */
export function securityTxt(facts: {
  securityContact: string;
  languages: readonly Language[];
  canonicalUrls: readonly string[];
  now: Date;
}): string {
  const lines = [
    `Contact: mailto:${facts.securityContact}`,
    `Expires: ${securityTxtExpiry(facts.now).toISOString().replace('.000Z', 'Z')}`,
    `Preferred-Languages: ${facts.languages.join(', ')}`,
    ...facts.canonicalUrls.map((url) => `Canonical: ${url}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Text on one line, for a markdown list item: line breaks become spaces. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text inside a markdown link's brackets: brackets and backslashes escaped. */
function linkText(text: string): string {
  return oneLine(text).replace(/[\\[\]]/g, (character) => `\\${character}`);
}

const ACCESS_WORDS = {
  public: 'public, download freely',
  restricted: 'restricted, request access',
  requires_nda: 'requires an NDA, request access',
} as const;

/**
 * llms.txt (llmstxt.org): an H1 with the trust center's name, a blockquote summary, then sections of
 * markdown lists: certifications, documents (with their access level and where to ask for access),
 * subprocessors, and the machine-readable sources (trust.json, the MCP server).
 */
export function llmsTxt(content: TrustCenterContent, origin: string): string {
  const language = content.brand.defaultLanguage;
  const links = machineLinks(origin);
  const tagline = content.brand.tagline[language];
  const intro = content.brand.intro[language];
  const out: string[] = [`# ${oneLine(content.brand.title)}`, ''];
  out.push(
    `> ${oneLine(tagline ?? `The security and compliance posture of ${content.brand.title}: certifications, documents, subprocessors and answers to security questions.`)}`,
    '',
  );
  if (intro) out.push(oneLine(intro), '');
  const updated = lastChange(content);
  if (updated) out.push(`Last updated: ${updated}.`, '');

  out.push('## Certifications', '');
  if (content.certifications.length === 0) out.push('- None listed.');
  for (const item of content.certifications.map((each) => publicCertification(each, language))) {
    out.push(
      `- ${oneLine(item.framework)}, issued by ${oneLine(item.issuer)}: ${item.status}, valid ${item.issued_at} to ${item.expires_at}`,
    );
  }
  out.push('', '## Documents', '');
  if (content.documents.length === 0) out.push('- None listed.');
  for (const item of content.documents.map((each) => publicDocument(each, language))) {
    const where =
      item.access_level === 'public'
        ? pageUrl(origin, language, 'documents')
        : requestAccessUrl(origin, language, [item.id]);
    const description = item.description ? `: ${oneLine(item.description)}` : '';
    out.push(`- [${linkText(item.title)}](${where}) (${ACCESS_WORDS[item.access_level]})${description}`);
  }
  out.push('', '## Subprocessors', '');
  if (content.subprocessors.length === 0) out.push('- None listed.');
  for (const item of content.subprocessors.map((each) => publicSubprocessor(each, language))) {
    const planned = item.status === 'planned' ? ' (planned)' : '';
    out.push(`- ${oneLine(item.name)}${planned}, ${item.location}: ${oneLine(item.purpose)}`);
  }
  out.push(
    '',
    '## Machine-readable',
    '',
    `- [trust.json](${links.trustJson}): every public fact as JSON, with its JSON Schema`,
    `- [MCP server](${links.mcp}): read-only tools to list certifications, subprocessors and documents and to search the knowledge base (Streamable HTTP)`,
    `- [security.txt](${links.securityTxt}): how to report a vulnerability`,
    '',
    '## Optional',
    '',
    `- [FAQ](${pageUrl(origin, language, 'faq')}): answers to common security questions`,
    `- [Request access](${pageUrl(origin, language, 'request')}): ask for restricted and NDA-gated documents`,
  );
  return `${out.join('\n')}\n`;
}

/** robots.txt (RFC 9309): the site is open to crawlers, the API is not; names the sitemap. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    'Disallow: /mcp',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * sitemap.xml (sitemaps.org 0.9): each entry page of the site in every language the trust center offers,
 * with its translations as `xhtml:link rel="alternate" hreflang` (Google's documented form) and the date of
 * the newest change as `lastmod`.
 */
export function sitemapXml(content: TrustCenterContent, origin: string): string {
  const updated = lastChange(content)?.slice(0, 10);
  const languages = content.brand.languages;
  const urls = SITE_ENTRY_PAGES.flatMap((page) =>
    languages.map((language) => {
      const alternates = languages.map(
        (other) =>
          `    <xhtml:link rel="alternate" hreflang="${other}" href="${xmlEscape(pageUrl(origin, other, page))}"/>`,
      );
      return [
        '  <url>',
        `    <loc>${xmlEscape(pageUrl(origin, language, page))}</loc>`,
        ...alternates,
        ...(updated ? [`    <lastmod>${updated}</lastmod>`] : []),
        '  </url>',
      ].join('\n');
    }),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
