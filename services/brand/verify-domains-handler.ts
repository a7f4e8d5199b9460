import { DOMAIN_VERIFICATION_JOB } from '#services/brand/jobs';
import { verifyPendingDomains } from '#services/brand/verify-domains';
import { jobHandler } from '#shared/jobs/job';

export const handler = jobHandler(DOMAIN_VERIFICATION_JOB, verifyPendingDomains);
