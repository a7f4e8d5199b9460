import { commitWithinQuota } from '#services/billing/public';
import type { CreateDocumentBody } from '#services/documents/schemas';
import { type DocumentItem, documents } from '#services/documents/store';
import { toDocumentView } from '#services/documents/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents, type PlannedChange } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';
import type { Language } from '#shared/languages';
import { compactTranslations } from '#shared/translations';

/** The brand service (and the SDK clients it brings) is loaded by a creation that names no language only (bulk requests read it once). */
export const defaultLanguageOf = async (tenantId: string) =>
  (await import('#services/brand/public')).defaultLanguageOf(tenantId);

/**
 * The document's metadata; its file comes with `PUT /api/v1/documents/{id}/file`.
 * @throws QuotaExceededError (403) when the plan's documents are all taken, creations racing included;
 *   ConflictError (409) when too many race to be let through.
 */
export async function createDocument(
  identity: Identity,
  body: CreateDocumentBody,
  now = new Date(),
): Promise<DocumentItem> {
  const language = body.language ?? (await defaultLanguageOf(identity.tenantId));
  const change = planDocumentCreation(identity, body, now, language);
  // The plan's limit holds in the same transaction as the document (billing's quota guard).
  await commitWithinQuota(identity.tenantId, 'documents', 1, (guard) =>
    commitWithEvents([...change.writes, ...guard], change.events),
  );
  return change.item;
}

/**
 * The document's item, its write and its event, uncommitted (bulk requests commit many at once).
 * `defaultLanguage`: the trust center's (`defaultLanguageOf`), for a body that names no `language`.
 */
export function planDocumentCreation(
  identity: Identity,
  body: CreateDocumentBody,
  now: Date,
  defaultLanguage: Language,
): PlannedChange<DocumentItem> {
  const timestamp = now.toISOString();
  const item: DocumentItem = {
    tenantId: identity.tenantId,
    documentId: newId('document'),
    title: body.title,
    description: body.description,
    accessLevel: body.access_level,
    category: body.category,
    featured: body.featured,
    language: body.language ?? defaultLanguage,
    translations: compactTranslations(body.translations),
    versions: [],
    createdAt: timestamp,
    updatedAt: timestamp,
    version: 1,
  };
  const put = documents.create(item).params({ table: config.tableName });
  return {
    item,
    writes: [asPut(put)],
    events: [domainEvent('document.created', identity, { document: toDocumentView(item) }, now)],
  };
}
