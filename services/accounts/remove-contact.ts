import { accountForContactChange, contactOf, saveContacts } from '#services/accounts/contact-changes';
import type { AccountItem } from '#services/accounts/store';
import { toContactView } from '#services/accounts/view';
import type { Identity } from '#shared/auth/identity';
import { domainEvent } from '#shared/events/envelope';

export async function removeContact(
  identity: Identity,
  accountId: string,
  contactId: string,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<AccountItem> {
  const current = await accountForContactChange(identity, accountId, ifMatch);
  const removed = contactOf(current, contactId);
  const event = domainEvent(
    'account.contact_removed',
    identity,
    { account_id: accountId, contact: toContactView(removed) },
    now,
  );
  const contacts = current.contacts.filter((contact) => contact.contactId !== contactId);
  return saveContacts(current, contacts, event, now);
}
