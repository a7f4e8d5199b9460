import { accountRoutes } from '#services/accounts/routes';
import { certificationRoutes } from '#services/certifications/routes';
import { documentRoutes } from '#services/documents/routes';
import { faqRoutes } from '#services/faqs/routes';
import { identityRoutes } from '#services/identity/routes';
import { knowledgeBaseRoutes } from '#services/knowledge-base/routes';
import { metaRoutes } from '#services/meta/routes';
import { subprocessorRoutes } from '#services/subprocessors/routes';
import type { Route } from '#shared/http/route';

/**
 * Every route of the API, collected from the services. The CDK app, the local gateway, the OpenAPI
 * document and the conformance suites all read this list; nothing about a route is declared elsewhere.
 */
export const routes: readonly Route[] = [
  ...accountRoutes,
  ...identityRoutes,
  ...metaRoutes,
  ...knowledgeBaseRoutes,
  ...certificationRoutes,
  ...faqRoutes,
  ...subprocessorRoutes,
  ...documentRoutes,
];

/** One Lambda per service; its entry file exports `handler`. */
export const services = [...new Set(routes.map((route) => route.service))].map((name) => ({
  name,
  entry: `services/${name}/handler.ts`,
}));

/** The REQUEST authorizer in front of every non-public route. */
export const authorizer = { name: 'authorizer', entry: 'services/identity/authorizer-handler.ts' };
