import { ORGANIZATION_PURGE_JOB } from '#services/identity/jobs';
import { purgeDueOrganizations } from '#services/identity/purge-organizations';
import { jobHandler } from '#shared/jobs/job';

export const handler = jobHandler(ORGANIZATION_PURGE_JOB, (now) => purgeDueOrganizations(now));
