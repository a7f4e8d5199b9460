import { ulid } from 'ulid';
import { assertWithinQuota, commitWithinQuota } from '#services/billing/public';
import {
  CERTIFICATE_CONTENT_TYPES,
  type CertificateContentType,
} from '#services/certifications/certificate-content-types';
import { certificateObjectKey } from '#services/certifications/certificate-files';
import {
  type CertificateFile,
  type CertificationItem,
  certifications,
  findCertification,
} from '#services/certifications/store';
import { toCertificateFileView, toCertificationView } from '#services/certifications/view';
import type { Identity } from '#shared/auth/identity';
import { removeObjects, storeObject } from '#shared/aws/objects';
import { config } from '#shared/config';
import { sha256Hex } from '#shared/crypto/sha256-hex';
import { asUpdate } from '#shared/data/outbox';
import { NotFoundError, UnsupportedMediaTypeError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
// The same structure check as document uploads: a polyglot or a renamed executable is refused here too.
import { checkFileContent } from '#shared/files/check-file-content';
import { FileContentMismatchError } from '#shared/files/content-mismatch-error';
import { mediaType } from '#shared/files/media-type';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

export { CERTIFICATE_CONTENT_TYPES, type CertificateContentType };

/**
 * 4 MiB, the documents' direct-upload limit, for the same reason: API Gateway hands binary bodies to
 * Lambda base64-encoded and a synchronous invocation takes at most 6 MB.
 */
export const MAX_CERTIFICATE_FILE_BYTES = 4 * 1024 * 1024;

function isCertificateContentType(value: string): value is CertificateContentType {
  return (CERTIFICATE_CONTENT_TYPES as readonly string[]).includes(value);
}

/**
 * Makes the upload the certification's one current file, once its bytes pass the structure check of their
 * type (PDF, PNG or JPEG; see check-file-content.ts), else 415 FileContentMismatchError with the reason. The new object is written under a new key before
 * the commit, so the certification always points at bytes that exist; after the commit the replaced
 * object is deleted, and if the commit is refused the new one is.
 */
export async function uploadCertificateFile(
  identity: Identity,
  certificationId: string,
  upload: { bytes: Buffer; contentTypeHeader: string | undefined; ifMatch: string | undefined },
  now = new Date(),
): Promise<CertificationItem> {
  // The pipeline already enforced the allowlist; narrowing here keeps the type honest.
  const contentType = mediaType(upload.contentTypeHeader) ?? '';
  if (!isCertificateContentType(contentType)) throw new UnsupportedMediaTypeError(CERTIFICATE_CONTENT_TYPES);
  const verdict = await checkFileContent(contentType, upload.bytes);
  if (!verdict.valid) throw new FileContentMismatchError(contentType, verdict.reason);

  const current = await findCertification(identity.tenantId, certificationId);
  if (!current) throw new NotFoundError('No such certification', 'id');
  checkIfMatch(upload.ifMatch, current.version);

  // The new file replaces the current one: the stored bytes change by the difference.
  const storedDelta = upload.bytes.length - (current.file?.size ?? 0);
  // Refused before the bytes are stored; the commit's quota guard is what holds when uploads race.
  if (storedDelta > 0) await assertWithinQuota(identity.tenantId, 'storage_bytes', storedDelta);
  const sha256 = sha256Hex(upload.bytes);
  const file: CertificateFile = {
    fileId: ulid(),
    contentType,
    size: upload.bytes.length,
    sha256,
    uploadedAt: now.toISOString(),
  };
  const key = certificateObjectKey(identity.tenantId, certificationId, file.fileId);
  await storeObject(key, upload.bytes, contentType, sha256);

  const next: CertificationItem = {
    ...current,
    file,
    updatedAt: file.uploadedAt,
    version: current.version + 1,
  };
  const update = certifications
    .patch({ tenantId: identity.tenantId, certificationId })
    .set({ file, updatedAt: next.updatedAt, version: next.version })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });
  const event = domainEvent(
    'certification.file_uploaded',
    identity,
    {
      certification: toCertificationView(next),
      file: toCertificateFileView(file),
      replaced: current.file !== undefined,
    },
    now,
  );
  try {
    // The stored bytes change in the same transaction, within the plan (billing's quota guard).
    await commitWithinQuota(identity.tenantId, 'storage_bytes', storedDelta, (guard) =>
      commitIfCurrent([asUpdate(update), ...guard], [event]),
    );
  } catch (error) {
    // Nothing points at the object just written: remove it, whatever refused the commit.
    await removeObjects([key]);
    throw error;
  }
  if (current.file) {
    await removeObjects([certificateObjectKey(identity.tenantId, certificationId, current.file.fileId)]);
  }
  return next;
}
