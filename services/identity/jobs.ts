import { defineJob } from '#shared/jobs/job';

export const ORGANIZATION_PURGE_JOB = 'organization-purge';
export const API_KEY_EXPIRY_JOB = 'api-key-expiry-warnings';

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
  defineJob({
    name: API_KEY_EXPIRY_JOB,
    service: 'identity',
    entry: 'services/identity/api-key-expiry-handler.ts',
    // 06:00 UTC daily: a warning is due at most once a day, and one Query per organization is all it costs.
    schedule: { cron: '0 6 * * ? *' },
    summary: 'Emits api_key.expiring 30, 7 and 1 days before an API key expires, once each',
  }),
];
