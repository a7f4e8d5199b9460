import { findEntry, knowledgeBaseEntries, statsChange } from '#services/knowledge-base/store';
import { toEntryView } from '#services/knowledge-base/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { NotFoundError, PreconditionFailedError } from '#shared/http/errors';
import { checkIfMatch } from '#shared/http/etag';

export async function deleteEntry(
  identity: Identity,
  entryId: string,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<void> {
  const current = await findEntry(identity.tenantId, entryId);
  if (!current) throw new NotFoundError('No such knowledge base entry', 'id');
  checkIfMatch(ifMatch, current.version);

  const { ReturnValues: _ignored, ...remove } = knowledgeBaseEntries
    .delete({ tenantId: identity.tenantId, entryId })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName }) as Record<string, unknown>;
  const event = domainEvent('knowledge_base.deleted', identity, { entry: toEntryView(current) }, now);
  try {
    await commitWithEvents([{ Delete: remove } as TransactItem, statsChange(identity.tenantId, -1)], [event]);
  } catch (error) {
    // Changed or deleted between our read and our write: the caller's view is stale.
    if (error instanceof WriteConflict) throw new PreconditionFailedError();
    throw error;
  }
}
