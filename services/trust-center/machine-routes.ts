/**
 * The machine-readable documents at the root of every trust center's host: `/trust.json` and its schema,
 * `/llms.txt`, `/.well-known/security.txt`, `/sitemap.xml` and `/robots.txt`. Routes of the route table
 * like any other (public), so the local gateway, API Gateway and CloudFront serve them from one list.
 */
import * as z from 'zod';
import { tenantHosts } from '#services/brand/public';
import { cacheableResponse } from '#services/trust-center/http-cache';
import { llmsTxt, robotsTxt, securityTxt, sitemapXml } from '#services/trust-center/machine-texts';
import { trustCenterContent } from '#services/trust-center/overview';
import {
  noTrustCenter,
  notModified,
  service,
  tags,
  textBody,
  VISITOR_ROUTE,
} from '#services/trust-center/route-parts';
import {
  buildTrustData,
  TRUST_SCHEMA_PATH,
  trustData,
  trustDataSchema,
} from '#services/trust-center/trust-data';
import { originOf, trustCenterViewer } from '#services/trust-center/viewer';
import { NotFoundError } from '#shared/errors';
import { defineRoute } from '#shared/http/route';

const TEXT = 'text/plain; charset=utf-8';
const MARKDOWN = 'text/markdown; charset=utf-8';
const XML = 'application/xml; charset=utf-8';

export const machineRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/trust.json',
    operationId: 'getTrustData',
    summary: 'Every public fact of this trust center, as JSON',
    description: `${VISITOR_ROUTE} Certifications with issuer and validity dates, subprocessors with purpose and location, documents with their access level (and where to request access), FAQs, contacts and the date of the last change, in the default language with every translation. Versioned (\`version\`); \`$schema\` names its JSON Schema, published at \`${TRUST_SCHEMA_PATH}\` beside it.`,
    tags,
    auth: 'public',
    responses: {
      200: { description: 'The trust data', schema: trustData },
      304: notModified,
      404: noTrustCenter,
    },
    async handler({ headers }) {
      const viewer = await trustCenterViewer(headers);
      const content = await trustCenterContent(viewer.tenantId);
      return cacheableResponse(headers, buildTrustData(content, viewer.origin));
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: TRUST_SCHEMA_PATH,
    operationId: 'getTrustDataSchema',
    summary: 'The JSON Schema of /trust.json',
    description: `${VISITOR_ROUTE} JSON Schema 2020-12, generated from the same declaration the server checks /trust.json against.`,
    tags,
    auth: 'public',
    responses: {
      200: { description: 'The JSON Schema', schema: z.looseObject({ $schema: z.string() }) },
      304: notModified,
      404: noTrustCenter,
    },
    async handler({ headers }) {
      const viewer = await trustCenterViewer(headers);
      return cacheableResponse(headers, trustDataSchema(viewer.origin));
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/llms.txt',
    operationId: 'getLlmsTxt',
    summary: 'A markdown summary of this trust center for language models (llms.txt)',
    description: `${VISITOR_ROUTE} The llmstxt.org format: name, summary, certifications, documents with their access level, subprocessors, and links to trust.json and the MCP server.`,
    tags,
    auth: 'public',
    responses: {
      200: { description: 'llms.txt', alternatives: { 'text/markdown': textBody } },
      304: notModified,
      404: noTrustCenter,
    },
    async handler({ headers }) {
      const viewer = await trustCenterViewer(headers);
      const content = await trustCenterContent(viewer.tenantId);
      return cacheableResponse(headers, llmsTxt(content, viewer.origin), { contentType: MARKDOWN });
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/.well-known/security.txt',
    operationId: 'getSecurityTxt',
    summary: 'How to report a vulnerability (RFC 9116)',
    description: `${VISITOR_ROUTE} \`Contact\` is the brand's security contact; \`Expires\` the first day of the sixth month ahead; \`Preferred-Languages\` the trust center's languages; one \`Canonical\` per host of the trust center. 404 while the brand names no security contact.`,
    tags,
    auth: 'public',
    responses: {
      200: { description: 'security.txt', alternatives: { 'text/plain': textBody } },
      304: notModified,
      404: {
        description: 'No trust center on this host, or it names no security contact',
        schema: noTrustCenter.schema,
      },
    },
    async handler({ headers }) {
      const viewer = await trustCenterViewer(headers);
      const { brand } = await trustCenterContent(viewer.tenantId);
      if (!brand.securityContact) throw new NotFoundError('This trust center names no security contact');
      const hosts = await tenantHosts(viewer.tenantId);
      const text = securityTxt({
        securityContact: brand.securityContact,
        languages: brand.languages,
        canonicalUrls: (hosts.length > 0 ? hosts : [viewer.host]).map(
          (host) => `${originOf(host)}/.well-known/security.txt`,
        ),
        now: new Date(),
      });
      return cacheableResponse(headers, text, { contentType: TEXT });
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/sitemap.xml',
    operationId: 'getSitemap',
    summary: "The site's pages for search engines (sitemap.xml)",
    description: `${VISITOR_ROUTE} Each entry page in every language, with hreflang alternates and the date of the last change.`,
    tags,
    auth: 'public',
    responses: {
      200: { description: 'The sitemap', alternatives: { 'application/xml': textBody } },
      304: notModified,
      404: noTrustCenter,
    },
    async handler({ headers }) {
      const viewer = await trustCenterViewer(headers);
      const content = await trustCenterContent(viewer.tenantId);
      return cacheableResponse(headers, sitemapXml(content, viewer.origin), { contentType: XML });
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/robots.txt',
    operationId: 'getRobotsTxt',
    summary: 'What crawlers may visit (robots.txt)',
    description: `${VISITOR_ROUTE} The site is open to crawlers, the API and the MCP server are not; names the sitemap.`,
    tags,
    auth: 'public',
    responses: {
      200: { description: 'robots.txt', alternatives: { 'text/plain': textBody } },
      304: notModified,
      404: noTrustCenter,
    },
    async handler({ headers }) {
      const viewer = await trustCenterViewer(headers);
      return cacheableResponse(headers, robotsTxt(viewer.origin), { contentType: TEXT });
    },
  }),
];
