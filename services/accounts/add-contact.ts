import { accountForContactChange, ensureEmailFree, saveContacts } from '#services/accounts/contact-changes';
import { type ContactInput, MAX_CONTACTS } from '#services/accounts/schemas';
import type { AccountItem, ContactItem } from '#services/accounts/store';
import { toContactView } from '#services/accounts/view';
import type { Identity } from '#shared/auth/identity';
import { ConflictError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';

export async function addContact(
  identity: Identity,
  accountId: string,
  input: ContactInput,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<{ account: AccountItem; contact: ContactItem }> {
  const current = await accountForContactChange(identity, accountId, ifMatch);
  ensureEmailFree(current, input.email);
  if (current.contacts.length >= MAX_CONTACTS) {
    throw new ConflictError(`An account holds at most ${MAX_CONTACTS} contacts`, 'contacts');
  }

  const contact: ContactItem = {
    contactId: newId('contact'),
    email: input.email,
    firstName: input.first_name,
    lastName: input.last_name,
    ...(input.title ? { title: input.title } : {}),
  };
  const event = domainEvent(
    'account.contact_added',
    identity,
    { account_id: accountId, contact: toContactView(contact) },
    now,
  );
  const account = await saveContacts(current, [...current.contacts, contact], event, now);
  return { account, contact };
}
