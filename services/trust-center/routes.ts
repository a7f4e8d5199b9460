import { cacheableResponse } from '#services/trust-center/http-cache';
import { machineRoutes } from '#services/trust-center/machine-routes';
import { mcpRoutes } from '#services/trust-center/mcp-route';
import { trustCenterOverview } from '#services/trust-center/overview';
import {
  languageOfRequest,
  noTrustCenter,
  notModified,
  service,
  tags,
  VISITOR_ROUTE,
} from '#services/trust-center/route-parts';
import {
  overviewQuery,
  trustCenterOverview as overviewSchema,
  searchQuery,
  trustCenterSearch,
} from '#services/trust-center/schemas';
import { searchTrustCenter } from '#services/trust-center/search';
import { trustCenterViewer } from '#services/trust-center/viewer';
import { defineRoute } from '#shared/http/route';

/** The trust center's own API for visitors, the machine-readable documents at its root, and its MCP server. */
export const trustCenterRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/public/trust-center',
    operationId: 'getTrustCenter',
    summary: 'Read the trust center of this host',
    description: `${VISITOR_ROUTE} Everything the overview shows: brand, contact, certifications with their status, documents with their access level, FAQs, subprocessors and the NDA text, in the visitor's language (\`?lang=\` or \`Accept-Language\`), each text in the default language where it is not translated.`,
    tags,
    auth: 'public',
    request: { query: overviewQuery },
    responses: {
      200: { description: 'The trust center', schema: overviewSchema },
      304: notModified,
      404: noTrustCenter,
    },
    async handler({ query, headers }) {
      const viewer = await trustCenterViewer(headers);
      const language = await languageOfRequest(viewer.tenantId, query.lang, headers);
      const body = await trustCenterOverview(viewer.tenantId, language);
      return cacheableResponse(headers, body, { vary: ['Accept-Language'] });
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/public/trust-center/search',
    operationId: 'searchTrustCenter',
    summary: "Search this host's trust center",
    description: `${VISITOR_ROUTE} Searches the knowledge base in the visitor's language, typos tolerated and word prefixes matched; when nothing in that language matches, the default language's entries.`,
    tags,
    auth: 'public',
    request: { query: searchQuery },
    responses: {
      200: { description: 'Matching entries, best first', schema: trustCenterSearch },
      304: notModified,
      404: noTrustCenter,
    },
    async handler({ query, headers }) {
      const viewer = await trustCenterViewer(headers);
      const language = await languageOfRequest(viewer.tenantId, query.lang, headers);
      const body = await searchTrustCenter(viewer.tenantId, language, query.q, query.limit);
      return cacheableResponse(headers, body, { vary: ['Accept-Language'] });
    },
  }),
  ...machineRoutes,
  ...mcpRoutes,
];
