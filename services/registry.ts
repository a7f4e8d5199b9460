import { accessRequestConsumers } from '#services/access-requests/consumers';
import { accessRequestRoutes } from '#services/access-requests/routes';
import { accountConsumers } from '#services/accounts/consumers';
import { accountRoutes } from '#services/accounts/routes';
import { analyticsConsumers } from '#services/analytics/consumers';
import { analyticsRoutes } from '#services/analytics/routes';
import { auditConsumers } from '#services/audit/consumers';
import { auditRoutes } from '#services/audit/routes';
import { apiUsageRoutes } from '#services/billing/api-usage-routes';
import { billingJobs } from '#services/billing/jobs';
import { billingRoutes } from '#services/billing/routes';
import { brandJobs } from '#services/brand/jobs';
import { brandRoutes } from '#services/brand/routes';
import { certificationJobs } from '#services/certifications/jobs';
import { certificationRoutes } from '#services/certifications/routes';
import { documentRoutes } from '#services/documents/routes';
import { faqRoutes } from '#services/faqs/routes';
import { identityConsumers } from '#services/identity/consumers';
import { identityJobs } from '#services/identity/jobs';
import { identityRoutes } from '#services/identity/routes';
import { knowledgeBaseRoutes } from '#services/knowledge-base/routes';
import { metaRoutes } from '#services/meta/routes';
import { notificationConsumers } from '#services/notifications/consumers';
import { notificationJobs } from '#services/notifications/jobs';
import { notificationRoutes } from '#services/notifications/routes';
import { subprocessorRoutes } from '#services/subprocessors/routes';
import { trustCenterConsumers } from '#services/trust-center/consumers';
import { trustCenterRoutes } from '#services/trust-center/routes';
import { webhookConsumers } from '#services/webhooks/consumers';
import { webhookRoutes } from '#services/webhooks/routes';
import type { Consumer } from '#shared/events/consumer';
import type { Route } from '#shared/http/route';
import type { Job } from '#shared/jobs/job';

/**
 * Every route of the API, collected from the services. The CDK app, the local gateway, the OpenAPI
 * document and the conformance suites all read this list; nothing about a route is declared elsewhere.
 */
export const routes: readonly Route[] = [
  ...accountRoutes,
  ...accessRequestRoutes,
  ...identityRoutes,
  ...metaRoutes,
  ...knowledgeBaseRoutes,
  ...certificationRoutes,
  ...faqRoutes,
  ...subprocessorRoutes,
  ...documentRoutes,
  ...auditRoutes,
  ...webhookRoutes,
  ...notificationRoutes,
  ...brandRoutes,
  ...billingRoutes,
  ...apiUsageRoutes,
  ...trustCenterRoutes,
  ...analyticsRoutes,
];

/** One Lambda per service; its entry file exports `handler`. */
export const services = [...new Set(routes.map((route) => route.service))].map((name) => ({
  name,
  entry: `services/${name}/handler.ts`,
}));

/**
 * Every scheduled job, collected from the services: the CDK app gives each a function and a schedule,
 * the local platform a timer and a trigger (`POST /_local/jobs/{name}`).
 */
export const jobs: readonly Job[] = [
  ...certificationJobs,
  ...notificationJobs,
  ...identityJobs,
  ...brandJobs,
  ...billingJobs,
];

/**
 * The trust-center site: every request outside `/api/` that no route claims (CloudFront's default
 * behaviour in AWS, the local gateway's fallback), rendered on the server.
 */
export const site = { name: 'site', entry: 'services/site/handler.tsx' };

/** The REQUEST authorizer in front of every non-public route. */
export const authorizer = { name: 'authorizer', entry: 'services/identity/authorizer-handler.ts' };

export { eventCatalogue } from '#services/catalogue';

/** The consumers of domain events: each gets a rule on the bus, and its own function in AWS. */
export const consumers: readonly Consumer[] = [
  ...accountConsumers,
  ...auditConsumers,
  ...webhookConsumers,
  ...accessRequestConsumers,
  ...notificationConsumers,
  ...trustCenterConsumers,
  ...identityConsumers,
  ...analyticsConsumers,
];

/** One Lambda per consumer; the service's events entry runs the consumer named by `TC_CONSUMER`. */
export const consumerFunctions = consumers.map((consumer) => ({
  name: consumer.name,
  service: consumer.service,
  entry: `services/${consumer.service}/events-handler.ts`,
}));

/** The function that makes webhook deliveries' retry attempts, fed by a queue (infra/constructs/webhook-retries.ts). */
export const webhookRetryFunction = { name: 'webhook-retries', entry: 'services/webhooks/retry-handler.ts' };

/**
 * The function that folds the API's access log into the usage counters, fed by a CloudWatch Logs
 * subscription (infra/constructs/api-usage-folding.ts).
 */
export const apiUsageFunction = { name: 'api-usage', entry: 'services/billing/usage-fold-handler.ts' };

/**
 * The function that commits the site's page views to the outbox, fed by a CloudWatch Logs subscription on
 * the site function's log group (infra/constructs/page-view-folding.ts).
 */
export const pageViewFunction = { name: 'page-views', entry: 'services/analytics/page-view-log-handler.ts' };

/** A Lambda function the CDK app deploys: its name, entry file and what invokes it. */
export interface LambdaFunction {
  name: string;
  entry: string;
  kind: 'service' | 'site' | 'authorizer' | 'consumer' | 'job' | 'queue' | 'log';
}

/**
 * Every Lambda function of the platform, for what measures them all (`npm run bench`). The consumers of
 * one service share one entry file and so one bundle; each is still its own function.
 */
export function lambdaFunctions(): LambdaFunction[] {
  return [
    ...services.map((service) => ({ ...service, kind: 'service' as const })),
    { ...site, kind: 'site' },
    { ...authorizer, kind: 'authorizer' },
    ...consumerFunctions.map(({ name, entry }) => ({ name, entry, kind: 'consumer' as const })),
    ...jobs.map(({ name, entry }) => ({ name, entry, kind: 'job' as const })),
    { ...webhookRetryFunction, kind: 'queue' },
    { ...apiUsageFunction, kind: 'log' },
    { ...pageViewFunction, kind: 'log' },
  ];
}
