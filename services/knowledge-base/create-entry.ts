import type { CreateEntryBody } from '#services/knowledge-base/schemas';
import {
  type EntryItem,
  knowledgeBaseEntries,
  MAX_ENTRIES_PER_TENANT,
  statsChange,
} from '#services/knowledge-base/store';
import { toEntryView } from '#services/knowledge-base/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { ConflictError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';

/** The brand service (and the SDK clients it brings) is loaded by a creation that names no language only. */
const defaultLanguageOf = async (tenantId: string) =>
  (await import('#services/brand/public')).defaultLanguageOf(tenantId);

export async function createEntry(
  identity: Identity,
  body: CreateEntryBody,
  now = new Date(),
): Promise<EntryItem> {
  const timestamp = now.toISOString();
  const item: EntryItem = {
    tenantId: identity.tenantId,
    entryId: newId('knowledgeBase'),
    question: body.question,
    answer: body.answer,
    tags: body.tags,
    language: body.language ?? (await defaultLanguageOf(identity.tenantId)),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: 1,
  };
  const put = knowledgeBaseEntries.create(item).params({ table: config.tableName });
  try {
    await commitWithEvents(
      [asPut(put), statsChange(identity.tenantId, 1)],
      [domainEvent('knowledge_base.created', identity, { entry: toEntryView(item) }, now)],
    );
  } catch (error) {
    // Item 1 is the stats item, whose condition is the per-tenant cap.
    if (error instanceof WriteConflict && error.failedIndexes.includes(1)) {
      throw new ConflictError(
        `The knowledge base already holds the maximum of ${MAX_ENTRIES_PER_TENANT} entries`,
      );
    }
    throw error;
  }
  return item;
}
