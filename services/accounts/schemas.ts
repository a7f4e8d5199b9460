import * as z from 'zod';
import { ACCESS_LEVELS } from '#shared/access-levels';
import { domainNameField } from '#shared/http/domain-name';
import { pageQuery } from '#shared/http/pagination';
import { multiLine, singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';

const isoDate = z.iso.date('Must be a date as YYYY-MM-DD');

/** At most this many contacts are embedded in one account item. */
export const MAX_CONTACTS = 100;
export const MAX_EMAIL_DOMAINS = 50;

export const contactInput = z
  .strictObject({
    email: z.email().max(254),
    first_name: singleLine(100),
    last_name: singleLine(100),
    title: singleLine(200).optional(),
  })
  .meta({ id: 'ContactInput' });

export const updateContactBody = z
  .strictObject({
    email: z.email().max(254).optional(),
    first_name: singleLine(100).optional(),
    last_name: singleLine(100).optional(),
    title: singleLine(200).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Provide at least one field to update' })
  .meta({ id: 'UpdateContactRequest', minProperties: 1 });

/** Contact emails are unique within an account (case-insensitive). */
const uniqueContactEmails = (contacts: readonly { email: string }[], context: z.RefinementCtx) => {
  const seen = new Set<string>();
  contacts.forEach((contact, index) => {
    const email = contact.email.toLowerCase();
    if (seen.has(email)) {
      context.addIssue({
        code: 'custom',
        message: `Duplicate contact email: ${contact.email}`,
        path: [index, 'email'],
      });
    }
    seen.add(email);
  });
};

export const NDA_STATUSES = ['none', 'click_through', 'master_nda'] as const;
export type NdaStatus = (typeof NDA_STATUSES)[number];

export const ndaInput = z
  .strictObject({
    status: z.enum(NDA_STATUSES),
    signed_at: isoDate
      .nullable()
      .optional()
      .describe('Required for `master_nda`; must be absent for `none`.'),
  })
  .superRefine((nda, context) => {
    if (nda.status === 'master_nda' && !nda.signed_at) {
      context.addIssue({ code: 'custom', message: 'A master NDA needs signed_at', path: ['signed_at'] });
    }
    if (nda.status === 'none' && nda.signed_at) {
      context.addIssue({ code: 'custom', message: 'No NDA has no signed_at', path: ['signed_at'] });
    }
  })
  .meta({ id: 'NdaInput' });

// Lower-case host names of at least two labels (no wildcards, no trailing dot): auto-approval matches
// a visitor's email domain against these exactly.
const emailDomain = domainNameField();

const emailDomains = z
  .array(emailDomain)
  .max(MAX_EMAIL_DOMAINS)
  .superRefine((domains, context) => {
    domains.forEach((domain, index) => {
      if (domains.indexOf(domain) !== index) {
        context.addIssue({ code: 'custom', message: `Duplicate email domain: ${domain}`, path: [index] });
      }
    });
  })
  .describe(
    'Email domains of the account, each once (compared lower-cased); used to approve access requests automatically.',
  )
  .meta({ uniqueItems: true });

const accessExpiresAt = isoDate.nullable().describe('The day the account loses document access, if ever.');

export const createAccountBody = z
  .strictObject({
    title: singleLine(200),
    description: multiLine(2000, { min: 0 }).optional(),
    contacts: z
      .array(contactInput)
      .max(MAX_CONTACTS)
      .superRefine(uniqueContactEmails)
      .default([])
      .describe('No two contacts may share an email address (compared case-insensitively).'),
    nda: ndaInput.optional(),
    access_expires_at: accessExpiresAt.optional(),
    email_domains: emailDomains.optional(),
  })
  .meta({ id: 'CreateAccountRequest' });

export const updateAccountBody = z
  .strictObject({
    title: singleLine(200).optional(),
    description: multiLine(2000, { min: 0 }).nullable().optional(),
    nda: ndaInput.optional(),
    access_expires_at: accessExpiresAt.optional(),
    email_domains: emailDomains.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Provide at least one field to update' })
  .meta({ id: 'UpdateAccountRequest', minProperties: 1 });

export const contact = z
  .object({
    id: z.string().meta({ example: 'con_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    title: z.string().nullable(),
  })
  .meta({ id: 'Contact' });

export const nda = z
  .object({
    status: z.enum(NDA_STATUSES),
    signed_at: z.iso.date().nullable(),
  })
  .meta({ id: 'Nda' });

export const account = z
  .object({
    id: z.string().meta({ example: 'acc_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    title: z.string(),
    description: z.string().nullable(),
    contacts: z.array(contact),
    nda,
    access_expires_at: z.iso.date().nullable(),
    email_domains: z.array(z.string()),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Account' });

const accountId = z.string().regex(idPattern('account'), 'Not an account id');

export const accountIdParams = z.strictObject({ id: accountId });

export const contactIdParams = z.strictObject({
  id: accountId,
  contact_id: z.string().regex(idPattern('contact'), 'Not a contact id'),
});

export const listContactsQuery = z.object(pageQuery);

export type CreateAccountBody = z.output<typeof createAccountBody>;
export type UpdateAccountBody = z.output<typeof updateAccountBody>;
export type UpdateContactBody = z.output<typeof updateContactBody>;
export type ContactInput = z.output<typeof contactInput>;
export type NdaInput = z.output<typeof ndaInput>;
export type AccountView = z.output<typeof account>;
export type ContactView = z.output<typeof contact>;

export const shareAccessLevel = z.enum(ACCESS_LEVELS);

/** Seed 1's body, verbatim: `{"document_ids": [...], "access_level": "restricted"}`. */
export const shareDocumentsBody = z
  .strictObject({
    document_ids: z
      .array(z.string().regex(/^doc_[A-Za-z0-9_-]{1,64}$/, 'Not a document id'))
      .min(1)
      .max(100)
      .describe(
        'Documents of this trust center; an id that names none (or another tenant’s) is refused with 404 `document_ids` and nothing is shared.',
      ),
    access_level: shareAccessLevel,
  })
  .meta({ id: 'ShareDocumentsRequest' });
