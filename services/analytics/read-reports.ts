/**
 * The analytics reports of one tenant for one period (use case): Query the counters of the kinds a report
 * needs, then build it (report.ts). Also each report's CSV form, so the CSV and the JSON never disagree.
 */
import { countersOf } from '#services/analytics/counters';
import { type PeriodQuery, periodOf } from '#services/analytics/period';
import { accessRequestsReport, documentsReport, FUNNEL, overviewReport } from '#services/analytics/report';

type Overview = ReturnType<typeof overviewReport>;
type Documents = ReturnType<typeof documentsReport>;
type AccessRequests = ReturnType<typeof accessRequestsReport>;

const READERS = {
  async overview(tenantId: string, query: PeriodQuery, now: Date) {
    const period = periodOf(query, now);
    const [totals, referrers] = await Promise.all([
      countersOf(tenantId, 'total', period.from, period.to, now),
      countersOf(tenantId, 'ref', period.from, period.to, now),
    ]);
    return overviewReport(period, totals, referrers);
  },
  async documents(tenantId: string, query: PeriodQuery, now: Date) {
    const period = periodOf(query, now);
    const [documents, accounts] = await Promise.all([
      countersOf(tenantId, 'doc', period.from, period.to, now),
      countersOf(tenantId, 'acct', period.from, period.to, now),
    ]);
    return documentsReport(period, documents, accounts);
  },
  async 'access-requests'(tenantId: string, query: PeriodQuery, now: Date) {
    const period = periodOf(query, now);
    const [totals, decisions] = await Promise.all([
      countersOf(tenantId, 'total', period.from, period.to, now),
      countersOf(tenantId, 'dec', period.from, period.to, now),
    ]);
    return accessRequestsReport(period, totals, decisions);
  },
};

/** One report of the tenant's analytics for the query's period. */
export async function analyticsReport(
  name: keyof typeof READERS,
  tenantId: string,
  query: PeriodQuery,
  now = new Date(),
) {
  return READERS[name](tenantId, query, now);
}

type Csv = { columns: string[]; rows: (string | number | null)[][] };

/** Each report as a table: what its CSV answer holds (described in the route's documentation). */
export const REPORT_CSV = {
  overview: Object.assign(
    (report: Overview): Csv => ({
      columns: ['date', 'page_views', 'unique_visitors', 'downloads'],
      rows: report.series.map((day) => [day.date, day.page_views, day.unique_visitors, day.downloads]),
    }),
    { describe: 'one row per day (`date,page_views,unique_visitors,downloads`), as `series`' },
  ),
  documents: Object.assign(
    (report: Documents): Csv => ({
      columns: ['document_id', 'downloads', 'views', 'public_downloads', 'granted_downloads', 'requests'],
      rows: report.documents.map((row) => [
        row.document_id,
        row.downloads,
        row.views,
        row.public_downloads,
        row.granted_downloads,
        row.requests,
      ]),
    }),
    { describe: 'one row per document, as `documents`' },
  ),
  'access-requests': Object.assign(
    (report: AccessRequests): Csv => ({
      columns: ['date', ...FUNNEL],
      rows: report.series.map((day) => [day.date, ...FUNNEL.map((name) => day[name])]),
    }),
    { describe: `one row per day (\`date,${FUNNEL.join(',')}\`), as \`series\`` },
  ),
};
