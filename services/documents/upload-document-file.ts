import { assertWithinQuota } from '#services/billing/public';
import { documentObjectKey } from '#services/documents/document-files';
import {
  commitNewVersion,
  newStoredVersion,
  refuseWhenVersionsFull,
} from '#services/documents/document-versions';
import { type DocumentItem, findDocument } from '#services/documents/store';
import { refuseUnstampableUpload } from '#services/documents/watermark-limits';
import type { Identity } from '#shared/auth/identity';
import { storeObject } from '#shared/aws/objects';
import { sha256Hex } from '#shared/crypto/sha256-hex';
import { NotFoundError, UnsupportedMediaTypeError } from '#shared/errors';
import { checkFileContent } from '#shared/files/check-file-content';
import { FileContentMismatchError } from '#shared/files/content-mismatch-error';
import { mediaType } from '#shared/files/media-type';
import {
  DOCUMENT_CONTENT_TYPES,
  type DocumentContentType,
  isDocumentContentType,
} from '#shared/files/sniff-content';
import { checkIfMatch } from '#shared/http/etag';

/**
 * 4 MiB. API Gateway hands binary bodies to Lambda base64-encoded (4/3 larger) and a synchronous
 * invocation takes at most 6 MB, so about 4.4 MB is the real ceiling in AWS; larger files take the
 * presigned upload (`POST …/upload-url`, see create-upload-url.ts).
 */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/**
 * Stores an upload as a new version (a new object; earlier versions stay) and makes it the current file.
 * The bytes must pass the structure check of their type (check-file-content.ts), else 415
 * FileContentMismatchError with the reason; a restricted or NDA-gated document takes a PDF only within the
 * watermark limits (file-limits.ts), else 413 UnstampablePdfError. The object is written before the
 * commit, so a committed version always has its bytes; if the commit is refused, the object just written
 * is removed again.
 */
export async function uploadDocumentFile(
  identity: Identity,
  documentId: string,
  upload: { bytes: Buffer; contentTypeHeader: string | undefined; ifMatch: string | undefined },
  now = new Date(),
): Promise<DocumentItem> {
  // The pipeline already enforced the allowlist; narrowing here keeps the type honest.
  const contentType = mediaType(upload.contentTypeHeader) ?? '';
  if (!isDocumentContentType(contentType)) throw new UnsupportedMediaTypeError(DOCUMENT_CONTENT_TYPES);
  const verdict = await checkFileContent(contentType as DocumentContentType, upload.bytes);
  if (!verdict.valid) throw new FileContentMismatchError(contentType, verdict.reason);

  const current = await findDocument(identity.tenantId, documentId);
  if (!current) throw new NotFoundError('No such document', 'id');
  checkIfMatch(upload.ifMatch, current.version);
  refuseWhenVersionsFull(current);
  const file = {
    contentType,
    size: upload.bytes.length,
    pages: verdict.pages,
    encrypted: verdict.encrypted,
  };
  refuseUnstampableUpload(current.accessLevel, file, 'body');
  // Refused before the bytes are stored; the commit's quota guard is what holds when uploads race.
  await assertWithinQuota(identity.tenantId, 'storage_bytes', file.size);

  const stored = newStoredVersion({ ...file, sha256: sha256Hex(upload.bytes) }, now);
  const key = documentObjectKey(identity.tenantId, documentId, stored.versionId);
  await storeObject(key, upload.bytes, contentType, stored.sha256);
  return commitNewVersion(identity, current, stored, key, now);
}
