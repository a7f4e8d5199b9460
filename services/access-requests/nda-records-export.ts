import { accountDomains } from '#services/access-requests/account-lookup';
import { ndaRecordsOfAccount, ndaRecordsOfDomain } from '#services/access-requests/nda-store';
import type { NdaRecordView } from '#services/access-requests/schemas';
import { toNdaRecordView } from '#services/access-requests/view';
import { NotFoundError } from '#shared/errors';
import { csvField } from '#shared/http/csv';

/**
 * Every NDA acceptance that belongs to a customer account: signed from one of its email domains, or on a
 * request that matched the account when it was submitted. Oldest first.
 */
export async function ndaRecordsOfCustomer(tenantId: string, accountId: string): Promise<NdaRecordView[]> {
  const domains = await accountDomains(tenantId, accountId);
  if (domains === null) throw new NotFoundError('No such account', 'id');
  const batches = await Promise.all([
    ndaRecordsOfAccount(tenantId, accountId),
    ...domains.map((domain) => ndaRecordsOfDomain(tenantId, domain)),
  ]);
  const byId = new Map(batches.flat().map((record) => [record.recordId, record]));
  return [...byId.values()]
    .sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt) || a.recordId.localeCompare(b.recordId))
    .map(toNdaRecordView);
}

export const NDA_RECORD_COLUMNS = [
  'id',
  'nda_version',
  'nda_sha256',
  'signer_name',
  'signer_email',
  'signer_company',
  'ip',
  'user_agent',
  'accepted_at',
  'access_request_id',
  'account_id',
] as const satisfies readonly (keyof NdaRecordView)[];

/** A header row, then one row per record, CRLF line ends (RFC 4180). */
export function ndaRecordsCsv(records: readonly NdaRecordView[]): string {
  const rows = [
    NDA_RECORD_COLUMNS.join(','),
    ...records.map((record) => NDA_RECORD_COLUMNS.map((column) => csvField(record[column])).join(',')),
  ];
  return `${rows.join('\r\n')}\r\n`;
}
