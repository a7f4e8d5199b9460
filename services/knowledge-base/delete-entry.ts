import { findEntry, knowledgeBaseEntries, statsChange } from '#services/knowledge-base/store';
import { toEntryView } from '#services/knowledge-base/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asDelete } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

export async function deleteEntry(
  identity: Identity,
  entryId: string,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<void> {
  const current = await findEntry(identity.tenantId, entryId);
  if (!current) throw new NotFoundError('No such knowledge base entry', 'id');
  checkIfMatch(ifMatch, current.version);

  const remove = asDelete(
    knowledgeBaseEntries
      .delete({ tenantId: identity.tenantId, entryId })
      .where(({ version }, { eq }) => eq(version, current.version))
      .params({ table: config.tableName }),
  );
  const event = domainEvent('knowledge_base.deleted', identity, { entry: toEntryView(current) }, now);
  await commitIfCurrent([remove, statsChange(identity.tenantId, -1)], [event]);
}
