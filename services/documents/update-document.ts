import type { UpdateDocumentBody } from '#services/documents/schemas';
import { type DocumentItem, documents, findDocument } from '#services/documents/store';
import { toDocumentView } from '#services/documents/view';
import { WatermarkUnavailableError, watermarkLimitBreach } from '#services/documents/watermark-limits';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate, type PlannedChange } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { changedFields, domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';
import { compactTranslations } from '#shared/translations';

export async function updateDocument(
  identity: Identity,
  documentId: string,
  changes: UpdateDocumentBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<DocumentItem> {
  const current = await findDocument(identity.tenantId, documentId);
  if (!current) throw new NotFoundError('No such document', 'id');
  checkIfMatch(ifMatch, current.version);
  const change = planDocumentUpdate(identity, current, changes, now);
  await commitIfCurrent(change.writes, change.events);
  return change.item;
}

/**
 * The document as it will be, its write (guarded by the version read) and its event, uncommitted. Making
 * a public document restricted or NDA-gated is refused (409 WatermarkUnavailableError) while its current
 * file is a PDF past the watermark limits: every viewer would get a copy that cannot be stamped in time.
 */
export function planDocumentUpdate(
  identity: Identity,
  current: DocumentItem,
  changes: UpdateDocumentBody,
  now: Date,
): PlannedChange<DocumentItem> {
  const { documentId } = current;
  const next: DocumentItem = {
    ...current,
    title: changes.title ?? current.title,
    description: changes.description === null ? undefined : (changes.description ?? current.description),
    accessLevel: changes.access_level ?? current.accessLevel,
    category: changes.category === null ? undefined : (changes.category ?? current.category),
    featured: changes.featured ?? current.featured,
    language: changes.language ?? current.language,
    translations:
      changes.translations === undefined ? current.translations : compactTranslations(changes.translations),
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  const becomesRestricted = current.accessLevel === 'public' && next.accessLevel !== 'public';
  const currentFile = current.versions.at(-1);
  const breach = becomesRestricted && currentFile ? watermarkLimitBreach(currentFile) : null;
  if (breach) {
    throw new WatermarkUnavailableError(
      `The document cannot become ${next.accessLevel}: its current file would be watermarked for every viewer, but ${breach}. Upload a smaller file first`,
      'access_level',
    );
  }
  let patch = documents.patch({ tenantId: identity.tenantId, documentId }).set({
    title: next.title,
    accessLevel: next.accessLevel,
    featured: next.featured,
    language: next.language,
    updatedAt: next.updatedAt,
    version: next.version,
  });
  patch =
    next.description === undefined
      ? patch.remove(['description'])
      : patch.set({ description: next.description });
  patch = next.category === undefined ? patch.remove(['category']) : patch.set({ category: next.category });
  patch =
    next.translations === undefined
      ? patch.remove(['translations'])
      : patch.set({ translations: next.translations });
  const update = patch
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });

  const event = domainEvent(
    'document.updated',
    identity,
    { document: toDocumentView(next), changed: changedFields(changes) },
    now,
  );
  return { item: next, writes: [asUpdate(update)], events: [event] };
}
