import { accountDomains } from '#services/access-requests/account-lookup';
import { ndaRecordsOfAccount, ndaRecordsOfDomain } from '#services/access-requests/nda-store';
import type { NdaRecordView } from '#services/access-requests/schemas';
import { toNdaRecordView } from '#services/access-requests/view';
import { NotFoundError } from '#shared/errors';

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

// A spreadsheet runs a cell as a formula when it starts with = + - @, or with a tab, CR, LF or NUL it
// may skip (OWASP CSV Injection; ASVS 5.0 V1.2.10); leading blanks are skipped too, since some importers trim.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the trigger.
const FORMULA_START = /^[\u0000-\u0020]*[=+\-@]|^[\t\r\n\u0000]/;
// Quoted: the RFC 4180 specials, the semicolon and the tab (separators of spreadsheets in many locales,
// which would otherwise open a new cell mid-value) and text that does not start and end with a visible character.
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;
// Controls other than tab, CR and LF cannot be typed into a request any more, but older records may hold
// them; NUL in particular ends a field in C-based readers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * One RFC 4180 field (§2.5–2.7) of the NDA record export: `null` is empty, numbers are written as they
 * are, text is quoted when it holds a special (doubling its quotes). Text a spreadsheet would run as a
 * formula gets a leading apostrophe, which spreadsheets read as "this cell is text" (OWASP CSV Injection):
 * signer names and companies are typed by visitors. Unprintable controls become U+FFFD.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = value.replace(UNPRINTABLE, '\uFFFD');
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header row, then one row per record, CRLF line ends (RFC 4180). */
export function ndaRecordsCsv(records: readonly NdaRecordView[]): string {
  const rows = [
    NDA_RECORD_COLUMNS.join(','),
    ...records.map((record) => NDA_RECORD_COLUMNS.map((column) => csvField(record[column])).join(',')),
  ];
  return `${rows.join('\r\n')}\r\n`;
}
