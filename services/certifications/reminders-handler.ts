import { CERTIFICATION_REMINDERS_JOB } from '#services/certifications/jobs';
import { sendCertificationReminders } from '#services/certifications/send-certification-reminders';
import { jobHandler } from '#shared/jobs/job';

export const handler = jobHandler(CERTIFICATION_REMINDERS_JOB, (now) => sendCertificationReminders(now));
