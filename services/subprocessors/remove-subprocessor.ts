import { findSubprocessor, subprocessors } from '#services/subprocessors/store';
import { subprocessorChangeData, subprocessorChanges } from '#services/subprocessors/subprocessor-changes';
import { toSubprocessorView } from '#services/subprocessors/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asDelete } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

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
  const remove = asDelete(
    subprocessors
      .delete({ tenantId: identity.tenantId, subprocessorId })
      .where(({ version }, { eq }) => eq(version, current.version))
      .params({ table: config.tableName }),
  );
  const view = toSubprocessorView(current);
  const data = subprocessorChangeData(
    view,
    subprocessorChanges(view, null),
    options.effectiveDate ?? now.toISOString().slice(0, 10),
  );
  await commitIfCurrent([remove], [domainEvent('subprocessor.removed', identity, data, now)]);
}
