import { storageUsageChange } from '#services/billing/public';
import { documentObjectKey, stagedUploadKey } from '#services/documents/document-files';
import {
  documentCopiesOf,
  documents,
  findDocument,
  forgetDocumentCopies,
  pendingDocumentUploads,
} from '#services/documents/store';
import { toDocumentView } from '#services/documents/view';
import type { Identity } from '#shared/auth/identity';
import { removeObjects } from '#shared/aws/objects';
import { config } from '#shared/config';
import { asDelete } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

/**
 * Deletes the document, then every stored version's object, any staged
 * (unconfirmed) upload and every watermarked copy. The objects go only after the commit: a
 * refused delete (412) must leave the files in place, and an object left behind by an S3 failure is
 * unreachable (no item points at it), whereas an item pointing at deleted objects would be broken.
 */
export async function deleteDocument(
  identity: Identity,
  documentId: string,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<void> {
  const current = await findDocument(identity.tenantId, documentId);
  if (!current) throw new NotFoundError('No such document', 'id');
  checkIfMatch(ifMatch, current.version);

  // Only the version that was read is deleted, so the event and the object list match what went away.
  const remove = asDelete(
    documents
      .delete({ tenantId: identity.tenantId, documentId })
      .where(({ version }, { eq }) => eq(version, current.version))
      .params({ table: config.tableName }),
  );
  const event = domainEvent('document.deleted', identity, { document: toDocumentView(current) }, now);
  const storedSize = current.versions.reduce((sum, version) => sum + version.size, 0);
  await commitIfCurrent([remove, storageUsageChange(identity.tenantId, -storedSize)], [event]);
  const [pending, copies] = await Promise.all([
    pendingDocumentUploads(identity.tenantId, documentId),
    documentCopiesOf(identity.tenantId, documentId),
  ]);
  await removeObjects([
    ...current.versions.map((version) => documentObjectKey(identity.tenantId, documentId, version.versionId)),
    ...pending.map((upload) => stagedUploadKey(identity.tenantId, documentId, upload.uploadId)),
    ...copies.map((copy) => copy.objectKey),
  ]);
  await forgetDocumentCopies(copies);
}
