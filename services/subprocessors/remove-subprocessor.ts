import { findSubprocessor, subprocessors } from '#services/subprocessors/store';
import { subprocessorChangeData, subprocessorChanges } from '#services/subprocessors/subprocessor-changes';
import { toSubprocessorView } from '#services/subprocessors/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { NotFoundError, PreconditionFailedError } from '#shared/http/errors';
import { checkIfMatch } from '#shared/http/etag';

export async function removeSubprocessor(
  identity: Identity,
  subprocessorId: string,
  options: { ifMatch?: string; effectiveDate?: string },
  now = new Date(),
): Promise<void> {
  const current = await findSubprocessor(identity.tenantId, subprocessorId);
  if (!current) throw new NotFoundError('No such subprocessor', 'id');
  checkIfMatch(options.ifMatch, current.version);

  // Only the version that was read is deleted, so the event describes what actually went away.
  const { ReturnValues: _ignored, ...remove } = subprocessors
    .delete({ tenantId: identity.tenantId, subprocessorId })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName }) as Record<string, unknown>;
  const view = toSubprocessorView(current);
  const data = subprocessorChangeData(
    view,
    subprocessorChanges(view, null),
    options.effectiveDate ?? now.toISOString().slice(0, 10),
  );
  try {
    await commitWithEvents(
      [{ Delete: remove } as TransactItem],
      [domainEvent('subprocessor.removed', identity, data, now)],
    );
  } catch (error) {
    if (error instanceof WriteConflict) throw new PreconditionFailedError();
    throw error;
  }
}
