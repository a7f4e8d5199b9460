import { apiUsageReport } from '#services/billing/api-usage-report';
import { apiUsageQuery, apiUsageReport as apiUsageReportSchema } from '#services/billing/api-usage-schemas';
import { addressableOrganization } from '#services/identity/public';
import { ValidationError } from '#shared/errors';
import { callerOf, defineRoute } from '#shared/http/route';

/** Seed 3's usage metrics, at its path under /api/v1 (SEED-MAP.md). */
export const apiUsageRoutes = [
  defineRoute({
    service: 'billing',
    method: 'GET',
    path: '/api/v1/analytics/usage',
    operationId: 'getApiUsage',
    summary: "Get the organization's API usage per key and for signed-in people",
    description:
      'Requests per day, per API key and for the organization’s signed-in people (together), by status class (`2xx`, `3xx`, `4xx`, `429`, `5xx`) and by operation (operation ids as in this document), with p50/p95 latency. Counted from the API’s access log after each response (never on the request path): in AWS a few seconds behind. Members read their own organization (`org_id` may be left out); platform operators name one with `org_id`; another organization’s id is a 404. A platform key needs `analytics:read`.',
    tags: ['Analytics'],
    auth: 'tenant',
    operators: true,
    scope: 'analytics:read',
    request: { query: apiUsageQuery },
    responses: { 200: { description: 'The usage of the period', schema: apiUsageReportSchema } },
    async handler({ identity, query }) {
      const caller = callerOf(identity);
      if (caller.principalType === 'operator' && query.org_id === undefined)
        throw new ValidationError('Platform operators name the organization: org_id', 'org_id');
      const { orgId } = await addressableOrganization(caller, query.org_id ?? caller.tenantId);
      return { status: 200, body: await apiUsageReport(orgId, query) };
    },
  }),
];
