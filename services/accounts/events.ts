import * as z from 'zod';
import {
  account,
  contact,
  shareDocumentsBody,
  updateAccountBody,
  updateContactBody,
} from '#services/accounts/schemas';
import { defineEvent } from '#shared/events/catalogue';

const accountId = z.string().describe('The account the change belongs to.');

/** The events of customer accounts, their contacts and the documents shared with them. */
export const accountEvents = [
  defineEvent({
    type: 'account.created',
    summary: 'A customer account was created (alone or in a bulk request).',
    data: z.strictObject({ account }),
  }),
  defineEvent({
    type: 'account.updated',
    summary: 'A customer account was changed; `changed` names the fields the request set.',
    data: z.strictObject({ account, changed: z.array(updateAccountBody.keyof()) }),
  }),
  defineEvent({
    type: 'account.deleted',
    summary: 'A customer account was deleted; `account` is how it was just before.',
    data: z.strictObject({ account }),
  }),
  defineEvent({
    type: 'account.contact_added',
    summary: 'A contact was added to a customer account.',
    data: z.strictObject({ account_id: accountId, contact }),
  }),
  defineEvent({
    type: 'account.contact_updated',
    summary: 'A contact of a customer account was changed; `changed` names the fields the request set.',
    data: z.strictObject({
      account_id: accountId,
      contact,
      changed: z.array(updateContactBody.keyof()),
    }),
  }),
  defineEvent({
    type: 'account.contact_removed',
    summary: 'A contact was removed from a customer account; `contact` is how it was.',
    data: z.strictObject({ account_id: accountId, contact }),
  }),
  defineEvent({
    type: 'account.documents_shared',
    summary: 'Documents were shared with a customer account at one access level.',
    data: z.strictObject({
      account_id: accountId,
      document_ids: z.array(z.string()),
      access_level: shareDocumentsBody.shape.access_level,
    }),
  }),
  defineEvent({
    type: 'account.documents_unshared',
    summary: 'Documents stopped being shared with a customer account (they were deleted).',
    data: z.strictObject({
      account_id: accountId,
      document_ids: z.array(z.string()),
      reason: z.literal('document_deleted'),
    }),
  }),
];
