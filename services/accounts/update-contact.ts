import {
  accountForContactChange,
  contactOf,
  ensureEmailFree,
  saveContacts,
} from '#services/accounts/contact-changes';
import type { UpdateContactBody } from '#services/accounts/schemas';
import type { AccountItem, ContactItem } from '#services/accounts/store';
import { toContactView } from '#services/accounts/view';
import type { Identity } from '#shared/auth/identity';
import { changedFields, domainEvent } from '#shared/events/envelope';

export async function updateContact(
  identity: Identity,
  accountId: string,
  contactId: string,
  changes: UpdateContactBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<{ account: AccountItem; contact: ContactItem }> {
  const current = await accountForContactChange(identity, accountId, ifMatch);
  const before = contactOf(current, contactId);
  if (changes.email !== undefined) ensureEmailFree(current, changes.email, contactId);

  const title = changes.title === null ? undefined : (changes.title ?? before.title);
  const contact: ContactItem = {
    contactId,
    email: changes.email ?? before.email,
    firstName: changes.first_name ?? before.firstName,
    lastName: changes.last_name ?? before.lastName,
    ...(title ? { title } : {}),
  };
  const event = domainEvent(
    'account.contact_updated',
    identity,
    { account_id: accountId, contact: toContactView(contact), changed: changedFields(changes) },
    now,
  );
  const contacts = current.contacts.map((candidate) =>
    candidate.contactId === contactId ? contact : candidate,
  );
  const account = await saveContacts(current, contacts, event, now);
  return { account, contact };
}
