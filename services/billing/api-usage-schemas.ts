/** The API usage report's query and answer (`GET /api/v1/analytics/usage`), and the quota warning's data. */
import * as z from 'zod';
import { STATUS_CLASSES } from '#services/billing/status-classes';
import { idPattern } from '#shared/ids';

const day = z.iso.date();

export const PERIODS = { '7d': 7, '30d': 30, '90d': 90 } as const;
/** The daily counters are kept 400 days; a report spans at most a year of them. */
export const MAX_REPORT_DAYS = 366;

export const apiUsageQuery = z
  .strictObject({
    org_id: z
      .string()
      .regex(idPattern('organization'), 'Not an organization id')
      .optional()
      .describe(
        'The organization (seed 3). Members may name only their own (or leave it out); platform operators must name one.',
      ),
    period: z
      .enum(Object.keys(PERIODS) as [keyof typeof PERIODS, ...(keyof typeof PERIODS)[]])
      .optional()
      .describe('The last 7, 30 or 90 days, today (UTC) included. The default is `30d`.'),
    from: day.optional().describe('First day (UTC) of a custom range, with `to`; not with `period`.'),
    to: day.optional().describe('Last day (UTC) of a custom range, inclusive, with `from`.'),
  })
  .refine((query) => (query.from === undefined) === (query.to === undefined), {
    message: '`from` and `to` go together',
    path: ['from'],
  })
  .refine((query) => query.from === undefined || query.period === undefined, {
    message: 'Give either `period` or `from`/`to`',
    path: ['period'],
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });

export type ApiUsageQuery = z.output<typeof apiUsageQuery>;

const count = z.number().int().min(0);

export const byStatus = z
  .object(
    Object.fromEntries(STATUS_CLASSES.map((name) => [name, count])) as Record<
      (typeof STATUS_CLASSES)[number],
      typeof count
    >,
  )
  .describe('Requests by how they ended. `4xx` counts client errors other than 429, so the classes add up.');

const latency = z
  .object({
    p50: z.number().int().nullable(),
    p95: z.number().int().nullable(),
  })
  .describe(
    'Milliseconds from arrival to response as API Gateway measured them: the median and the 95th percentile, each the upper bound of its histogram bucket (the true value is at most 10 % lower); null without requests.',
  );

const stats = {
  requests: count,
  by_status: byStatus,
  latency_ms: latency,
};

const operationUsage = z.object({
  operation: z
    .string()
    .describe('The operation id, as in the OpenAPI document.')
    .meta({ example: 'listAccounts' }),
  ...stats,
});

const dayUsage = z.object({ date: day, ...stats });

const credentialUsage = {
  ...stats,
  by_operation: z.array(operationUsage).describe('Most requested first.'),
  daily: z.array(dayUsage).describe('Every day of the period, oldest first; days without requests show 0.'),
};

export const apiUsageReport = z
  .object({
    organization_id: z.string(),
    period: z.object({ from: day, to: day, days: z.number().int() }),
    ...credentialUsage,
    api_keys: z
      .array(
        z.object({
          id: z.string(),
          name: z.string().nullable().describe('Null once the key has been purged.'),
          ...credentialUsage,
        }),
      )
      .describe('Every API key that sent a request in the period, most requests first.'),
    signed_in: z
      .object(credentialUsage)
      .describe('The organization’s people signed in (all together: they share one meter).'),
  })
  .meta({ id: 'ApiUsageReport' });

export type ApiUsageReport = z.output<typeof apiUsageReport>;

export const apiQuotaThreshold = z.strictObject({
  subject: z.enum(['organization', 'api_key']),
  api_key_id: z.string().nullable().describe('The key, when the subject is one.'),
  percent: z.union([z.literal(80), z.literal(100)]),
  used: count.describe('Requests this month that count against the quota (throttled ones do not).'),
  limit: count.describe('The plan’s monthly quota (`api_requests_per_month`).'),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  plan: z.string(),
});
