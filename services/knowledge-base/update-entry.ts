import type { UpdateEntryBody } from '#services/knowledge-base/schemas';
import { type EntryItem, findEntry, knowledgeBaseEntries, statsChange } from '#services/knowledge-base/store';
import { toEntryView } from '#services/knowledge-base/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { changedFields, domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

export async function updateEntry(
  identity: Identity,
  entryId: string,
  changes: UpdateEntryBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<EntryItem> {
  const current = await findEntry(identity.tenantId, entryId);
  if (!current) throw new NotFoundError('No such knowledge base entry', 'id');
  checkIfMatch(ifMatch, current.version);

  const next: EntryItem = {
    ...current,
    question: changes.question ?? current.question,
    answer: changes.answer ?? current.answer,
    tags: changes.tags ?? current.tags,
    language: changes.language ?? current.language,
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  const update = knowledgeBaseEntries
    .patch({ tenantId: identity.tenantId, entryId })
    .set({
      question: next.question,
      answer: next.answer,
      tags: next.tags,
      language: next.language,
      updatedAt: next.updatedAt,
      version: next.version,
    })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });

  const event = domainEvent(
    'knowledge_base.updated',
    identity,
    { entry: toEntryView(next), changed: changedFields(changes) },
    now,
  );
  await commitIfCurrent([asUpdate(update), statsChange(identity.tenantId, 0)], [event]);
  return next;
}
