import { type AccountItem, accounts, type ContactItem, findAccount } from '#services/accounts/store';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate } from '#shared/data/outbox';
import { ConflictError, NotFoundError } from '#shared/errors';
import type { DomainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

/** The account whose contacts are about to change; `If-Match` names the account's version. */
export async function accountForContactChange(
  identity: Identity,
  accountId: string,
  ifMatch: string | undefined,
): Promise<AccountItem> {
  const current = await findAccount(identity.tenantId, accountId);
  if (!current) throw new NotFoundError('No such account', 'id');
  checkIfMatch(ifMatch, current.version);
  return current;
}

export function contactOf(item: AccountItem, contactId: string): ContactItem {
  const contact = item.contacts.find((candidate) => candidate.contactId === contactId);
  if (!contact) throw new NotFoundError('No such contact in this account', 'contact_id');
  return contact;
}

/** Contact emails are unique within an account, compared case-insensitively. */
export function ensureEmailFree(item: AccountItem, email: string, exceptContactId?: string): void {
  const taken = item.contacts.some(
    (contact) => contact.contactId !== exceptContactId && contact.email.toLowerCase() === email.toLowerCase(),
  );
  if (taken) throw new ConflictError(`The account already has a contact with email ${email}`, 'email');
}

/**
 * Commits a new contact list as the account's next version. The version condition makes concurrent
 * contact changes serial: the loser gets 412 instead of silently overwriting the winner's list.
 */
export async function saveContacts(
  current: AccountItem,
  contacts: ContactItem[],
  event: DomainEvent,
  now: Date,
): Promise<AccountItem> {
  const next: AccountItem = {
    ...current,
    contacts,
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  const update = accounts
    .patch({ tenantId: current.tenantId, accountId: current.accountId })
    .set({ contacts: next.contacts, updatedAt: next.updatedAt, version: next.version })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });
  await commitIfCurrent([asUpdate(update)], [event]);
  return next;
}
