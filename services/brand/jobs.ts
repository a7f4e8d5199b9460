import { defineJob } from '#shared/jobs/job';

export const DOMAIN_VERIFICATION_JOB = 'domain-verification';

/** The brand service's scheduled jobs; services/registry.ts collects them. */
export const brandJobs = [
  defineJob({
    name: DOMAIN_VERIFICATION_JOB,
    service: 'brand',
    entry: 'services/brand/verify-domains-handler.ts',
    // Every five minutes: a customer who just published the TXT record waits at most that long.
    schedule: { rateMinutes: 5 },
    summary: 'Looks up the TXT record of every pending custom domain and activates those that prove control',
  }),
];
