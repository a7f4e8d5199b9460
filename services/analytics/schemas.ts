import * as z from 'zod';
import { DEVICE_CLASSES } from '#services/analytics/events';

const count = z.number().int().min(0);
const ratio = z
  .number()
  .nullable()
  .describe('numerator / denominator over the period, unrounded; null when the denominator is 0');

const period = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    days: count.describe('Days in the period, both ends included'),
  })
  .meta({ id: 'AnalyticsPeriod' });

const viewsBy = <K extends string>(key: K, schema: z.ZodType<string>) =>
  z.array(
    z.object({ [key]: schema, page_views: count } as { [P in K]: z.ZodType<string> } & {
      page_views: typeof count;
    }),
  );

export const overviewReport = z
  .object({
    period,
    totals: z.object({
      page_views: count,
      unique_visitors: count.describe(
        'Sum of each day’s unique visitors: nothing links a visitor across days',
      ),
      downloads: count,
    }),
    series: z.array(
      z.object({ date: z.iso.date(), page_views: count, unique_visitors: count, downloads: count }),
    ),
    pages: viewsBy('page', z.string().describe('The page’s route: `overview`, `documents`, `request`…')),
    languages: viewsBy('language', z.string()),
    referrers: viewsBy(
      'domain',
      z.string().describe('The referring site’s host (direct and internal views are not listed)'),
    ),
    countries: viewsBy(
      'country',
      z.string().describe('ISO 3166-1 alpha-2 (CloudFront-Viewer-Country), or `unknown`'),
    ),
    devices: viewsBy('device', z.enum(DEVICE_CLASSES)),
  })
  .meta({ id: 'AnalyticsOverview' });

export const documentsReport = z
  .object({
    period,
    totals: z.object({
      views: count,
      downloads: count,
      public_downloads: count,
      granted_downloads: count,
      requests: count,
    }),
    series: z.array(z.object({ date: z.iso.date(), views: count, downloads: count })),
    documents: z.array(
      z.object({
        document_id: z.string(),
        downloads: count.describe('Files served: public downloads plus granted (watermarked) ones'),
        views: count.describe('The access-request form opened for this document (its card’s link)'),
        public_downloads: count,
        granted_downloads: count,
        requests: count.describe('Access requests that named it'),
      }),
    ),
    accounts: z.array(
      z.object({
        account_id: z.string(),
        downloads: count.describe('Granted downloads by visitors whose grant belongs to the account'),
        requests: count,
        approved: count,
      }),
    ),
  })
  .meta({ id: 'AnalyticsDocuments' });

const funnelCounts = {
  form_views: count.describe('Views of the access-request form'),
  submitted: count,
  nda_accepted: count.describe('Submissions that recorded an NDA acceptance'),
  approved: count,
  rejected: count,
  auto_decided: count.describe('Approvals and rejections decided by an auto-approval rule'),
  first_downloads: count.describe('Access requests whose visitor downloaded a first document'),
};

export const accessRequestsReport = z
  .object({
    period,
    funnel: z.object(funnelCounts),
    conversion: z.object({
      form_to_submission: ratio,
      submission_to_decision: ratio,
      approval_rate: ratio.describe('approved / (approved + rejected)'),
      auto_decision_rate: ratio.describe('auto_decided / (approved + rejected)'),
      approval_to_first_download: ratio,
    }),
    time_to_decision: z.object({
      decisions: count,
      p50_seconds: count.nullable().describe('Nearest-rank median of submission → decision, in seconds'),
      p90_seconds: count.nullable().describe('Nearest-rank 90th percentile, in seconds'),
    }),
    series: z.array(z.object({ date: z.iso.date(), ...funnelCounts })),
  })
  .meta({ id: 'AnalyticsAccessRequests' });
