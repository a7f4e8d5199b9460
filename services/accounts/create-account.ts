import type { CreateAccountBody, NdaInput } from '#services/accounts/schemas';
import { type AccountItem, accounts } from '#services/accounts/store';
import { toAccountView } from '#services/accounts/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents, type PlannedChange } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';

/** The stored form of an NDA; a signing date is kept only when there is one. */
export function toNdaItem(nda: NdaInput): NonNullable<AccountItem['nda']> {
  return nda.signed_at ? { status: nda.status, signedAt: nda.signed_at } : { status: nda.status };
}

export async function createAccount(
  identity: Identity,
  body: CreateAccountBody,
  now = new Date(),
): Promise<AccountItem> {
  const change = planAccountCreation(identity, body, now);
  await commitWithEvents(change.writes, change.events);
  return change.item;
}

/** The account's item, its write and its event, uncommitted (bulk requests commit many at once). */
export function planAccountCreation(
  identity: Identity,
  body: CreateAccountBody,
  now: Date,
): PlannedChange<AccountItem> {
  const timestamp = now.toISOString();
  const item: AccountItem = {
    tenantId: identity.tenantId,
    accountId: newId('account'),
    title: body.title,
    description: body.description,
    contacts: body.contacts.map((contact) => ({
      contactId: newId('contact'),
      email: contact.email,
      firstName: contact.first_name,
      lastName: contact.last_name,
      title: contact.title,
    })),
    nda: toNdaItem(body.nda ?? { status: 'none' }),
    accessExpiresAt: body.access_expires_at ?? undefined,
    emailDomains: body.email_domains ?? [],
    createdAt: timestamp,
    updatedAt: timestamp,
    version: 1,
  };
  const put = accounts.create(item).params({ table: config.tableName });
  return {
    item,
    writes: [asPut(put)],
    events: [domainEvent('account.created', identity, { account: toAccountView(item) }, now)],
  };
}
