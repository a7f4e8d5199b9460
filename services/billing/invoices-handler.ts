import { issueInvoices } from '#services/billing/issue-invoices';
import { INVOICES_JOB } from '#services/billing/jobs';
import { jobHandler } from '#shared/jobs/job';

export const handler = jobHandler(INVOICES_JOB, (now) => issueInvoices(now));
