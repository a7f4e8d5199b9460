import { defineJob } from '#shared/jobs/job';

export const SUBPROCESSOR_NOTICES_JOB = 'subprocessor-notices';

/** The notifications service's scheduled jobs; services/registry.ts collects them. */
export const notificationJobs = [
  defineJob({
    name: SUBPROCESSOR_NOTICES_JOB,
    service: 'notifications',
    entry: 'services/notifications/subprocessor-notices-handler.ts',
    // Batches wait 30 minutes for more changes; a run every 15 sends each within 45 minutes of its first change.
    schedule: { rateMinutes: 15 },
    summary: 'Emits subprocessor_notice.due for every batch of subprocessor changes older than 30 minutes',
  }),
];
