import { accounts, findAccount } from '#services/accounts/store';
import { toAccountView } from '#services/accounts/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { NotFoundError, PreconditionFailedError } from '#shared/http/errors';
import { checkIfMatch } from '#shared/http/etag';

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
  const { ReturnValues: _ignored, ...remove } = accounts
    .delete({ tenantId: identity.tenantId, accountId })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName }) as Record<string, unknown>;
  const event = domainEvent('account.deleted', identity, { account: toAccountView(current) }, now);
  try {
    await commitWithEvents([{ Delete: remove } as TransactItem], [event]);
  } catch (error) {
    if (error instanceof WriteConflict) throw new PreconditionFailedError();
    throw error;
  }
}
