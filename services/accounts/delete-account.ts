import { accounts, findAccount } from '#services/accounts/store';
import { toAccountView } from '#services/accounts/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asDelete } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

export async function deleteAccount(
  identity: Identity,
  accountId: string,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<void> {
  const current = await findAccount(identity.tenantId, accountId);
  if (!current) throw new NotFoundError('No such account', 'id');
  checkIfMatch(ifMatch, current.version);

  // Only the version that was read is deleted, so the event describes what actually went away.
  const remove = asDelete(
    accounts
      .delete({ tenantId: identity.tenantId, accountId })
      .where(({ version }, { eq }) => eq(version, current.version))
      .params({ table: config.tableName }),
  );
  const event = domainEvent('account.deleted', identity, { account: toAccountView(current) }, now);
  await commitIfCurrent([remove], [event]);
}
