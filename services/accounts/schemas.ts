import { z } from 'zod';
import { idPattern } from '#shared/ids';

const text = (max: number) => z.string().trim().min(1).max(max);

export const contactInput = z
  .strictObject({
    email: z.email().max(254),
    first_name: text(100),
    last_name: text(100),
    title: text(200).optional(),
  })
  .meta({ id: 'ContactInput' });

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

export const createAccountBody = z
  .strictObject({
    title: text(200),
    description: z.string().trim().max(2000).optional(),
    contacts: z.array(contactInput).max(100).superRefine(uniqueContactEmails).default([]),
  })
  .meta({ id: 'CreateAccountRequest' });

export const updateAccountBody = z
  .strictObject({
    title: text(200).optional(),
    description: z.string().trim().max(2000).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Provide at least one field to update' })
  .meta({ id: 'UpdateAccountRequest' });

export const contact = z
  .object({
    id: z.string(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    title: z.string().nullable(),
  })
  .meta({ id: 'Contact' });

export const account = z
  .object({
    id: z.string().meta({ example: 'acc_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    title: z.string(),
    description: z.string().nullable(),
    contacts: z.array(contact),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Account' });

export const accountIdParams = z.strictObject({
  id: z.string().regex(idPattern('account'), 'Not an account id'),
});

export type CreateAccountBody = z.output<typeof createAccountBody>;
export type UpdateAccountBody = z.output<typeof updateAccountBody>;
export type AccountView = z.output<typeof account>;
