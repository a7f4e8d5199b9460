import { SUBPROCESSOR_NOTICES_JOB } from '#services/notifications/jobs';
import { emitDueNotices } from '#services/notifications/subprocessor-notices';
import { jobHandler } from '#shared/jobs/job';

export const handler = jobHandler(SUBPROCESSOR_NOTICES_JOB, (now) => emitDueNotices(now));
