import { createHash } from 'node:crypto';
import { assertWithinQuota } from '#services/billing/public';
import { FileTooLargeError, MAX_PRESIGNED_UPLOAD_BYTES } from '#services/documents/create-upload-url';
import {
  copyDocumentObject,
  documentObjectKey,
  headDocumentObject,
  readObjectPrefix,
  stagedUploadKey,
  streamObject,
} from '#services/documents/document-files';
import {
  commitNewVersion,
  newStoredVersion,
  refuseWhenVersionsFull,
} from '#services/documents/document-versions';
import {
  type DocumentItem,
  type DocumentUploadItem,
  documentUploads,
  findDocument,
  findDocumentUpload,
} from '#services/documents/store';
import { refuseUnstampableUpload } from '#services/documents/watermark-limits';
import type { Identity } from '#shared/auth/identity';
import { removeObjects } from '#shared/aws/objects';
import { config } from '#shared/config';
import { asUpdate, WriteConflict } from '#shared/data/outbox';
import { epochSeconds } from '#shared/data/table';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '#shared/errors';
import { checkFileContent } from '#shared/files/check-file-content';
import { FileContentMismatchError } from '#shared/files/content-mismatch-error';
import { type DocumentContentType, prefixMatchesType } from '#shared/files/sniff-content';
import { checkIfMatch } from '#shared/http/etag';

/** Enough of a file to judge its type: OOXML part names sit in the first few local headers of the ZIP. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Checks the staged object against what the upload declared and returns its SHA-256, page count and
 * whether it is an encrypted PDF: its size, its type (the first bytes, by a Range GET, so a wrong file
 * costs no full read), then the whole object read once for the hash and the structure check of its type (check-file-content.ts; the object
 * is at most MAX_PRESIGNED_UPLOAD_BYTES, held in memory for it). Every read is pinned to the ETag seen
 * first, so a second PUT in between cannot slip by.
 */
async function verifyStagedObject(
  upload: DocumentUploadItem,
  key: string,
  object: { size: number; etag: string },
): Promise<{ sha256: string; pages: number | null; encrypted?: boolean }> {
  if (object.size > MAX_PRESIGNED_UPLOAD_BYTES) throw new FileTooLargeError('upload_id');
  if (object.size !== upload.sizeBytes) {
    throw new ValidationError(
      `The uploaded file has ${object.size} bytes, but the upload declared ${upload.sizeBytes}`,
      'size_bytes',
    );
  }
  const contentType = upload.contentType as DocumentContentType;
  const prefix = await readObjectPrefix(key, object.etag, Math.min(object.size, SNIFF_BYTES));
  if (!prefixMatchesType(contentType, prefix))
    throw new FileContentMismatchError(contentType, undefined, 'upload_id');

  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let streamed = 0;
  await streamObject(key, object.etag, (chunk) => {
    hash.update(chunk);
    chunks.push(chunk);
    streamed += chunk.length;
  });
  if (streamed !== object.size)
    throw new ConflictError('The uploaded file changed while it was checked', 'upload_id');
  const sha256 = hash.digest('hex');
  if (upload.sha256 !== undefined && upload.sha256 !== sha256) {
    throw new ValidationError('The uploaded file does not match the declared sha256', 'sha256');
  }
  const verdict = await checkFileContent(contentType, Buffer.concat(chunks, streamed));
  if (!verdict.valid) throw new FileContentMismatchError(contentType, verdict.reason, 'upload_id');
  return { sha256, pages: verdict.pages, encrypted: verdict.encrypted };
}

function isS3PreconditionFailure(error: unknown): boolean {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412;
}

/**
 * Makes a presigned upload the document's new version, exactly as a direct upload would (same version
 * record, same `document.uploaded` event), after checking the object. A refused object is deleted and
 * the answer says why (413 too large, or a PDF past the watermark limits of a restricted document; 400;
 * 415 with the structure check's reason); the upload stays pending, so a corrected file may be PUT to the
 * same URL while it is valid. A confirmed upload cannot be confirmed again (409 naming its version).
 */
export async function confirmUpload(
  identity: Identity,
  documentId: string,
  uploadId: string,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<DocumentItem> {
  const upload = await findDocumentUpload(identity.tenantId, documentId, uploadId);
  if (!upload || upload.ttl <= epochSeconds(now)) {
    throw new NotFoundError('No such upload, or its confirm window has passed', 'upload_id');
  }
  if (upload.status === 'confirmed') {
    throw new ConflictError(`This upload was already confirmed as version ${upload.versionId}`, 'upload_id');
  }
  const stagedKey = stagedUploadKey(identity.tenantId, documentId, uploadId);
  const current = await findDocument(identity.tenantId, documentId);
  if (!current) {
    await removeObjects([stagedKey]);
    throw new NotFoundError('No such document', 'id');
  }
  checkIfMatch(ifMatch, current.version);
  refuseWhenVersionsFull(current);

  const object = await headDocumentObject(stagedKey);
  if (!object) {
    throw new ValidationError(
      'Nothing has been uploaded yet: PUT the file to the upload URL first',
      'upload_id',
    );
  }
  let checked: Awaited<ReturnType<typeof verifyStagedObject>>;
  try {
    checked = await verifyStagedObject(upload, stagedKey, object);
    refuseUnstampableUpload(
      current.accessLevel,
      { contentType: upload.contentType, size: object.size, pages: checked.pages },
      'upload_id',
    );
    // Refused before the copy; the commit's quota guard is what holds when confirms race.
    await assertWithinQuota(identity.tenantId, 'storage_bytes', object.size);
  } catch (error) {
    if (isS3PreconditionFailure(error)) {
      throw new ConflictError('The uploaded file changed while it was checked; confirm again', 'upload_id');
    }
    if (error instanceof DomainError && !(error instanceof ConflictError)) await removeObjects([stagedKey]);
    throw error;
  }

  const { sha256, pages, encrypted } = checked;
  const stored = newStoredVersion(
    { contentType: upload.contentType, size: object.size, sha256, pages, encrypted },
    now,
  );
  const versionKey = documentObjectKey(identity.tenantId, documentId, stored.versionId);
  try {
    await copyDocumentObject({ key: stagedKey, etag: object.etag }, versionKey, upload.contentType, sha256);
  } catch (error) {
    if (isS3PreconditionFailure(error)) {
      throw new ConflictError('The uploaded file changed while it was checked; confirm again', 'upload_id');
    }
    throw error;
  }
  const markConfirmed = documentUploads
    .patch({ tenantId: identity.tenantId, documentId, uploadId })
    .set({ status: 'confirmed', versionId: stored.versionId })
    .where(({ status }, { eq }) => eq(status, 'pending'))
    .params({ table: config.tableName });
  let next: DocumentItem;
  try {
    next = await commitNewVersion(identity, current, stored, versionKey, now, [asUpdate(markConfirmed)]);
  } catch (error) {
    if (error instanceof WriteConflict)
      throw new ConflictError('This upload was confirmed meanwhile', 'upload_id');
    throw error;
  }
  await removeObjects([stagedKey]);
  return next;
}
