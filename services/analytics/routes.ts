import Negotiator from 'negotiator';
import * as z from 'zod';
import { periodQuery } from '#services/analytics/period';
import { analyticsReport, REPORT_CSV } from '#services/analytics/read-reports';
import { accessRequestsReport, documentsReport, overviewReport } from '#services/analytics/schemas';
import { attachmentDisposition } from '#shared/content-disposition';
import { csvDocument } from '#shared/http/csv';
import { callerOf, defineRoute, type RouteResponse } from '#shared/http/route';

const service = 'analytics';
const tags = ['Analytics'];
const CSV = 'text/csv';
const csvSchema = z.string();
const PERIOD =
  'Counts are per UTC day, for `period=7d|30d|90d` (the last N days, today included; 30d by default) or `from`/`to` (dates, both included, at most 366 days). Counted on the server when the site serves a page or a file, without cookies: bots (by the isbot list) are not counted, and a visitor is known only within one day (a pseudonym from a salt discarded after the day), so `unique_visitors` over a period sums the days. Days older than the plan’s `analytics_retention_days` read as zero. Send `Accept: text/csv` for CSV (RFC 4180, header row)';

type ReportName = keyof typeof REPORT_CSV;

/** JSON, or CSV when the caller's Accept prefers it (RFC 9110 §12.5.1). */
async function answer<R>(
  name: ReportName,
  report: R,
  headers: Readonly<Record<string, string>>,
): Promise<RouteResponse> {
  const wanted = new Negotiator({ headers: { accept: headers.accept ?? '*/*' } }).mediaType([
    'application/json',
    CSV,
  ]);
  if (wanted !== CSV) return { status: 200, body: report, headers: { Vary: 'Accept' } };
  const { columns, rows } = REPORT_CSV[name](report as never);
  return {
    status: 200,
    body: csvDocument(columns, rows),
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachmentDisposition(`analytics-${name}`, 'csv'),
      Vary: 'Accept',
    },
  };
}

function reportRoute(
  name: ReportName,
  options: { path: string; operationId: string; summary: string; description: string; schema: z.ZodType },
) {
  return defineRoute({
    service,
    method: 'GET',
    path: options.path,
    operationId: options.operationId,
    summary: options.summary,
    description: `${options.description} ${PERIOD}: ${REPORT_CSV[name].describe}.`,
    tags,
    auth: 'tenant',
    scope: 'analytics:read',
    request: { query: periodQuery },
    responses: {
      200: { description: options.summary, schema: options.schema, alternatives: { [CSV]: csvSchema } },
    },
    async handler({ identity, query, headers }) {
      return answer(name, await analyticsReport(name, callerOf(identity).tenantId, query), headers);
    },
  });
}

export const analyticsRoutes = [
  reportRoute('overview', {
    path: '/api/v1/analytics/overview',
    operationId: 'getAnalyticsOverview',
    summary: 'Visitor analytics of the trust center',
    description:
      'Page views and unique visitors per day and in total, with downloads, and page views by page, language, referring domain, country and device class.',
    schema: overviewReport,
  }),
  reportRoute('documents', {
    path: '/api/v1/analytics/documents',
    operationId: 'getAnalyticsDocuments',
    summary: 'Document views and downloads',
    description:
      'Per document: downloads (public and granted), views (the access-request form opened for it) and the access requests naming it; per customer account: granted downloads, requests and approvals; views and downloads per day.',
    schema: documentsReport,
  }),
  reportRoute('access-requests', {
    path: '/api/v1/analytics/access-requests',
    operationId: 'getAnalyticsAccessRequests',
    summary: 'The access-request funnel',
    description:
      'Form viewed → submitted → NDA accepted → approved / rejected (`auto_decided`: by a rule) → first download, per day and in total, each step counted on the day it happened; conversion rates between the steps; time from submission to decision (nearest-rank p50 and p90, in seconds, over the decisions of the period).',
    schema: accessRequestsReport,
  }),
];
