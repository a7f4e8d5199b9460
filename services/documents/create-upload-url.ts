import { assertWithinQuota } from '#services/billing/public';
import { presignDocumentUpload, stagedUploadKey } from '#services/documents/document-files';
import { refuseWhenVersionsFull } from '#services/documents/document-versions';
import type { CreateUploadUrlBody } from '#services/documents/schemas';
import { type DocumentUploadItem, documentUploads, findDocument } from '#services/documents/store';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { epochSeconds } from '#shared/data/table';
import { NotFoundError, PayloadTooLargeError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';

/**
 * 100 MiB. The bytes go straight to S3, so the API's body limits do not apply; the confirm streams the
 * object once to hash it, which a Lambda does for this size in seconds.
 */
export const MAX_PRESIGNED_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Long enough to send 100 MiB over a slow line, short enough that a leaked link is soon useless. */
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;
/** A confirm is accepted this long after the URL expires: an upload started at the last second may still be running. */
export const CONFIRM_GRACE_SECONDS = 60 * 60;

/** A file larger than the presigned upload accepts; `param` names the field or object that is too large. */
export class FileTooLargeError extends PayloadTooLargeError {
  override name = 'FileTooLargeError';
  constructor(param: string, options?: ErrorOptions) {
    super(MAX_PRESIGNED_UPLOAD_BYTES, {
      ...options,
      param,
      message: `The file exceeds the limit of ${MAX_PRESIGNED_UPLOAD_BYTES} bytes`,
    });
  }
}

export interface UploadUrl {
  upload: DocumentUploadItem;
  url: string;
  headers: Record<string, string>;
}

/**
 * Starts a presigned upload: a PUT URL for a staging key under the tenant's prefix, and a pending upload
 * record holding what the uploader declared, which `confirmUpload` then checks the object against.
 */
export async function createUploadUrl(
  identity: Identity,
  documentId: string,
  body: CreateUploadUrlBody,
  now = new Date(),
): Promise<UploadUrl> {
  if (body.size_bytes > MAX_PRESIGNED_UPLOAD_BYTES) throw new FileTooLargeError('size_bytes');
  const document = await findDocument(identity.tenantId, documentId);
  if (!document) throw new NotFoundError('No such document', 'id');
  refuseWhenVersionsFull(document);
  // Refused before any bytes travel; the confirm checks again with the object's real size.
  await assertWithinQuota(identity.tenantId, 'storage_bytes', body.size_bytes);

  const urlExpiresAt = new Date(now.getTime() + UPLOAD_URL_TTL_SECONDS * 1000);
  const upload: DocumentUploadItem = {
    tenantId: identity.tenantId,
    documentId,
    uploadId: newId('upload'),
    contentType: body.content_type,
    sizeBytes: body.size_bytes,
    sha256: body.sha256,
    status: 'pending',
    createdAt: now.toISOString(),
    urlExpiresAt: urlExpiresAt.toISOString(),
    ttl: epochSeconds(urlExpiresAt) + CONFIRM_GRACE_SECONDS,
  };
  const url = await presignDocumentUpload(stagedUploadKey(identity.tenantId, documentId, upload.uploadId), {
    contentType: upload.contentType,
    sizeBytes: upload.sizeBytes,
    expiresInSeconds: UPLOAD_URL_TTL_SECONDS,
  });
  const put = documentUploads.create(upload).params({ table: config.tableName });
  const event = domainEvent(
    'document.upload_started',
    identity,
    {
      document_id: documentId,
      upload_id: upload.uploadId,
      content_type: body.content_type,
      size_bytes: upload.sizeBytes,
      expires_at: upload.urlExpiresAt,
    },
    now,
  );
  await commitWithEvents([asPut(put)], [event]);
  return { upload, url, headers: { 'Content-Type': upload.contentType } };
}
