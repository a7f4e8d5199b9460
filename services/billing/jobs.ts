import { defineJob } from '#shared/jobs/job';

export const INVOICES_JOB = 'monthly-invoices';

/** The billing service's scheduled jobs; services/registry.ts collects them. */
export const billingJobs = [
  defineJob({
    name: INVOICES_JOB,
    service: 'billing',
    entry: 'services/billing/invoices-handler.ts',
    // 00:30 UTC on the 1st; a run that failed or was missed is caught up by any later run that month.
    schedule: { cron: '30 0 1 * ? *' },
    access: ['invoicing'],
    summary: 'Issues each organization’s invoice for the month (its plan’s price), numbered without gaps',
  }),
];
