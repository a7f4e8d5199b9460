import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import {
  documentObjectKey,
  removeDocumentObjects,
  storeDocumentObject,
} from '#services/documents/document-files';
import {
  contentMatchesType,
  DOCUMENT_CONTENT_TYPES,
  type DocumentContentType,
  isDocumentContentType,
} from '#services/documents/sniff-content';
import { type DocumentItem, documents, findDocument, type StoredVersion } from '#services/documents/store';
import { toDocumentView, toVersionView } from '#services/documents/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { ConflictError, HttpError, NotFoundError, UnsupportedMediaTypeError } from '#shared/http/errors';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

/**
 * 4 MiB. API Gateway hands binary bodies to Lambda base64-encoded (4/3 larger) and a synchronous
 * invocation takes at most 6 MB, so about 4.4 MB is the real ceiling in AWS; larger files need the
 * presigned upload that the content issue plans.
 */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
/** Versions live in the document's item (400 KB max); this keeps it far below that. */
export const MAX_DOCUMENT_VERSIONS = 100;

/** The body's bytes are not a file of the type its Content-Type declares. */
export class ContentMismatchError extends HttpError {
  override name = 'ContentMismatchError';
  constructor(contentType: string) {
    super(415, 'unsupported_media_type', `The body is not a valid ${contentType} file`, 'body');
  }
}

function mediaTypeOf(header: string | undefined): string {
  return header?.split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Stores an upload as a new version (a new object; earlier versions stay) and makes it the current file.
 * The object is written before the commit, so a committed version always has its bytes; if the commit is
 * refused, the object just written is removed again.
 */
export async function uploadDocumentFile(
  identity: Identity,
  documentId: string,
  upload: { bytes: Buffer; contentTypeHeader: string | undefined; ifMatch: string | undefined },
  now = new Date(),
): Promise<DocumentItem> {
  // The pipeline already enforced the allowlist; narrowing here keeps the type honest.
  const contentType = mediaTypeOf(upload.contentTypeHeader);
  if (!isDocumentContentType(contentType)) throw new UnsupportedMediaTypeError(DOCUMENT_CONTENT_TYPES);
  if (!contentMatchesType(contentType as DocumentContentType, upload.bytes))
    throw new ContentMismatchError(contentType);

  const current = await findDocument(identity.tenantId, documentId);
  if (!current) throw new NotFoundError('No such document', 'id');
  checkIfMatch(upload.ifMatch, current.version);
  if (current.versions.length >= MAX_DOCUMENT_VERSIONS) {
    throw new ConflictError(
      `A document keeps at most ${MAX_DOCUMENT_VERSIONS} versions; create a new document instead`,
      'id',
    );
  }

  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const stored: StoredVersion = {
    versionId: `ver_${ulid()}`,
    contentType,
    size: upload.bytes.length,
    sha256,
    uploadedAt: now.toISOString(),
  };
  const key = documentObjectKey(identity.tenantId, documentId, stored.versionId);
  await storeDocumentObject(key, upload.bytes, contentType, sha256);

  const next: DocumentItem = {
    ...current,
    versions: [...current.versions, stored],
    updatedAt: stored.uploadedAt,
    version: current.version + 1,
  };
  const update = documents
    .patch({ tenantId: identity.tenantId, documentId })
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
    await commitIfCurrent([asUpdate(update)], [event]);
  } catch (error) {
    // Nothing points at the object just written: remove it, whatever refused the commit.
    await removeDocumentObjects([key]);
    throw error;
  }
  return next;
}
