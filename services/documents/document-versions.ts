import { ulid } from 'ulid';
import { commitWithinQuota } from '#services/billing/public';
import { type DocumentItem, documents, type StoredVersion } from '#services/documents/store';
import { toDocumentView, toVersionView } from '#services/documents/view';
import type { Identity } from '#shared/auth/identity';
import { removeObjects } from '#shared/aws/objects';
import { config } from '#shared/config';
import { asUpdate, commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { ConflictError, PreconditionFailedError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';

/** Versions live in the document's item (400 KB max); this keeps it far below that. */
export const MAX_DOCUMENT_VERSIONS = 100;

/** A new version's record; `pages` and `encrypted` are kept only when the structure check reported them (PDFs). */
export function newStoredVersion(
  file: { contentType: string; size: number; sha256: string; pages?: number | null; encrypted?: boolean },
  now: Date,
): StoredVersion {
  const { pages, encrypted, ...rest } = file;
  return {
    versionId: `ver_${ulid()}`,
    ...rest,
    ...(typeof pages === 'number' ? { pages } : {}),
    ...(typeof encrypted === 'boolean' ? { encrypted } : {}),
    uploadedAt: now.toISOString(),
  };
}

export function refuseWhenVersionsFull(current: DocumentItem): void {
  if (current.versions.length >= MAX_DOCUMENT_VERSIONS) {
    throw new ConflictError(
      `A document keeps at most ${MAX_DOCUMENT_VERSIONS} versions; create a new document instead`,
      'id',
    );
  }
}

/**
 * Makes a stored object the document's new current version, with its `document.uploaded` event, in one
 * transaction guarded by the version the document was read at. Both upload paths (direct and presigned)
 * end here, so a version looks the same whichever way it came. The object is already at `objectKey`;
 * if the commit is refused it is removed again (nothing points at it). `alsoWrite` joins the transaction
 * after the document's update; a refusal of one of those is reported as a WriteConflict on its index
 * (counted from 0 within `alsoWrite`), a refusal of the document's update as a 412, a plan without room
 * for the bytes as QuotaExceededError (403).
 */
export async function commitNewVersion(
  identity: Identity,
  current: DocumentItem,
  stored: StoredVersion,
  objectKey: string,
  now: Date,
  alsoWrite: TransactItem[] = [],
): Promise<DocumentItem> {
  const next: DocumentItem = {
    ...current,
    versions: [...current.versions, stored],
    updatedAt: stored.uploadedAt,
    version: current.version + 1,
  };
  const update = documents
    .patch({ tenantId: identity.tenantId, documentId: current.documentId })
    .append({ versions: [stored] })
    .set({ updatedAt: next.updatedAt, version: next.version })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });
  const event = domainEvent(
    'document.uploaded',
    identity,
    { document: toDocumentView(next), version: toVersionView(stored), size: stored.size },
    now,
  );
  try {
    // The organization's stored bytes grow in the same transaction, on the condition that the plan has
    // room for them (billing's quota guard): uploads racing cannot pass the limit together.
    await commitWithinQuota(identity.tenantId, 'storage_bytes', stored.size, (guard) =>
      commitWithEvents([asUpdate(update), ...alsoWrite, ...guard], [event]),
    );
  } catch (error) {
    await removeObjects([objectKey]);
    if (error instanceof WriteConflict) {
      const others = error.failedIndexes.filter((index) => index >= 1 && index <= alsoWrite.length);
      if (others.length > 0)
        throw new WriteConflict(
          others.map((index) => index - 1),
          { cause: error },
        );
      throw new PreconditionFailedError();
    }
    throw error;
  }
  return next;
}
