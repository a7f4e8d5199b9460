import { addContact } from '#services/accounts/add-contact';
import { listContacts } from '#services/accounts/list-contacts';
import { removeContact } from '#services/accounts/remove-contact';
import {
  accountIdParams,
  contact,
  contactIdParams,
  contactInput,
  listContactsQuery,
  updateContactBody,
} from '#services/accounts/schemas';
import { updateContact } from '#services/accounts/update-contact';
import { toContactView } from '#services/accounts/view';
import { etagOf } from '#shared/http/etag';
import { listBody, listingOf, listSchema, openCursor } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'accounts';
const tags = ['Accounts'];
const ifMatchNote =
  'Contacts are part of their account: the ETag is the account version, and `If-Match`, when sent, must name it (else 412).';

/** An account's contacts, embedded in the account item; every change is a new account version. */
export const contactRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/accounts/{id}/contacts',
    operationId: 'listAccountContacts',
    summary: "List an account's contacts",
    tags,
    auth: 'tenant',
    scope: 'accounts:read',
    request: { params: accountIdParams, query: listContactsQuery },
    responses: {
      200: {
        description: 'A page of contacts, in the order they were added',
        schema: listSchema('contacts', contact),
      },
    },
    async handler({ identity, params, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listAccountContacts', tenantId, { params, query });
      const page = await listContacts(tenantId, params.id, {
        limit: query.limit,
        position: await openCursor(listing, query.cursor),
      });
      return {
        status: 200,
        body: await listBody('contacts', listing, page.items.map(toContactView), page.position),
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/accounts/{id}/contacts',
    operationId: 'addAccountContact',
    summary: 'Add a contact to an account',
    description: `Contact emails are unique within an account, case-insensitively (else 409). ${ifMatchNote}`,
    tags,
    auth: 'tenant',
    scope: 'accounts:write',
    request: { params: accountIdParams, body: contactInput },
    responses: { 201: { description: 'The contact was added', schema: contact } },
    async handler({ identity, params, body, headers }) {
      const added = await addContact(callerOf(identity), params.id, body, headers['if-match']);
      return {
        status: 201,
        body: toContactView(added.contact),
        headers: { ETag: etagOf(added.account.version) },
      };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/accounts/{id}/contacts/{contact_id}',
    operationId: 'updateAccountContact',
    summary: "Update one of an account's contacts",
    description: ifMatchNote,
    tags,
    auth: 'tenant',
    scope: 'accounts:write',
    request: { params: contactIdParams, body: updateContactBody },
    responses: { 200: { description: 'The updated contact', schema: contact } },
    async handler({ identity, params, body, headers }) {
      const updated = await updateContact(
        callerOf(identity),
        params.id,
        params.contact_id,
        body,
        headers['if-match'],
      );
      return {
        status: 200,
        body: toContactView(updated.contact),
        headers: { ETag: etagOf(updated.account.version) },
      };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/accounts/{id}/contacts/{contact_id}',
    operationId: 'removeAccountContact',
    summary: 'Remove a contact from an account',
    description: ifMatchNote,
    tags,
    auth: 'tenant',
    scope: 'accounts:write',
    request: { params: contactIdParams },
    responses: { 204: { description: 'The contact was removed' } },
    async handler({ identity, params, headers }) {
      const account = await removeContact(
        callerOf(identity),
        params.id,
        params.contact_id,
        headers['if-match'],
      );
      return { status: 204, headers: { ETag: etagOf(account.version) } };
    },
  }),
];
