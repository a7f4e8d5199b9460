import { sendApiKeyExpiryWarnings } from '#services/identity/api-key-expiry';
import { API_KEY_EXPIRY_JOB } from '#services/identity/jobs';
import { jobHandler } from '#shared/jobs/job';

export const handler = jobHandler(API_KEY_EXPIRY_JOB, (now) => sendApiKeyExpiryWarnings(now));
