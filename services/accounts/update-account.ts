import { toNdaItem } from '#services/accounts/create-account';
import type { UpdateAccountBody } from '#services/accounts/schemas';
import { type AccountItem, accounts, findAccount } from '#services/accounts/store';
import { toAccountView } from '#services/accounts/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate, type PlannedChange } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { changedFields, domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

export async function updateAccount(
  identity: Identity,
  accountId: string,
  changes: UpdateAccountBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<AccountItem> {
  const current = await findAccount(identity.tenantId, accountId);
  if (!current) throw new NotFoundError('No such account', 'id');
  checkIfMatch(ifMatch, current.version);
  const change = planAccountUpdate(identity, current, changes, now);
  await commitIfCurrent(change.writes, change.events);
  return change.item;
}

/** The account as it will be, its write (guarded by the version read) and its event, uncommitted. */
export function planAccountUpdate(
  identity: Identity,
  current: AccountItem,
  changes: UpdateAccountBody,
  now: Date,
): PlannedChange<AccountItem> {
  const { accountId } = current;
  const next: AccountItem = {
    ...current,
    title: changes.title ?? current.title,
    description: changes.description === null ? undefined : (changes.description ?? current.description),
    nda: changes.nda ? toNdaItem(changes.nda) : current.nda,
    accessExpiresAt:
      changes.access_expires_at === null ? undefined : (changes.access_expires_at ?? current.accessExpiresAt),
    emailDomains: changes.email_domains ?? current.emailDomains,
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  let patch = accounts
    .patch({ tenantId: identity.tenantId, accountId })
    .set({ title: next.title, updatedAt: next.updatedAt, version: next.version });
  patch =
    next.description === undefined
      ? patch.remove(['description'])
      : patch.set({ description: next.description });
  if (changes.nda) patch = patch.set({ nda: toNdaItem(changes.nda) });
  if (changes.access_expires_at !== undefined) {
    patch =
      next.accessExpiresAt === undefined
        ? patch.remove(['accessExpiresAt'])
        : patch.set({ accessExpiresAt: next.accessExpiresAt });
  }
  if (changes.email_domains) patch = patch.set({ emailDomains: changes.email_domains });
  const update = patch
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });

  const event = domainEvent(
    'account.updated',
    identity,
    { account: toAccountView(next), changed: changedFields(changes) },
    now,
  );
  return { item: next, writes: [asUpdate(update)], events: [event] };
}
