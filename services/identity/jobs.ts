import { defineJob } from '#shared/jobs/job';

export const ORGANIZATION_PURGE_JOB = 'organization-purge';

/** The identity service's scheduled jobs; services/registry.ts collects them. */
export const identityJobs = [
  defineJob({
    name: ORGANIZATION_PURGE_JOB,
    service: 'identity',
    entry: 'services/identity/purge-handler.ts',
    // Hourly: a purge is due 30 days after a deletion, so an hour's delay is nothing, and a run that
    // finds nothing due is one Query of the organizations' index.
    schedule: { rateMinutes: 60 },
    access: ['tenantPurge'],
    summary:
      'Purges organizations 30 days after their deletion: items, files, sign-ins and usage keys, then emits organization.purged',
  }),
];
