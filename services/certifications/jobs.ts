import { defineJob } from '#shared/jobs/job';

export const CERTIFICATION_REMINDERS_JOB = 'certification-reminders';

/** The certifications service's scheduled jobs; services/registry.ts collects them. */
export const certificationJobs = [
  defineJob({
    name: CERTIFICATION_REMINDERS_JOB,
    service: 'certifications',
    entry: 'services/certifications/reminders-handler.ts',
    // Hourly, though a reminder is due at most once a day: a run is a few dozen small queries, and a
    // certification added today that is already at an offset gets its reminder within the hour.
    schedule: { rateMinutes: 60 },
    summary:
      'Emits certification.expiring for certifications 90, 60, 30, 14, 7 and 1 days from expiry and on the day',
  }),
];
