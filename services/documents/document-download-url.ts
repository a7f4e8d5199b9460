import {
  documentObjectKey,
  headDocumentObject,
  readDocumentObject,
  watermarkedObjectKey,
} from '#services/documents/document-files';
import {
  DOWNLOAD_URL_TTL_SECONDS,
  MAX_DOWNLOAD_URL_TTL_SECONDS,
  MIN_DOWNLOAD_URL_TTL_SECONDS,
} from '#services/documents/download-url-limits';
import {
  type DocumentItem,
  documentCopies,
  findDocument,
  type StoredVersion,
} from '#services/documents/store';
import { viewerOf } from '#services/documents/viewer';
import {
  WatermarkBoundExceeded,
  type WatermarkSkippedReason,
  watermarkPdf,
  watermarkText,
} from '#services/documents/watermark';
import { WatermarkUnavailableError, watermarkLimitBreach } from '#services/documents/watermark-limits';
import type { Identity } from '#shared/auth/identity';
import { presignDownload, storeObject } from '#shared/aws/objects';
import { config } from '#shared/config';
import { sha256Hex } from '#shared/crypto/sha256-hex';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { downloadDisposition } from '#shared/files/download-filename';
import type { DocumentContentType } from '#shared/files/sniff-content';

export { DOWNLOAD_URL_TTL_SECONDS, MAX_DOWNLOAD_URL_TTL_SECONDS, MIN_DOWNLOAD_URL_TTL_SECONDS };

export interface DocumentDownload {
  url: string;
  expires_at: string;
  /** Whether the URL serves a copy stamped with the viewer and the date. */
  watermarked: boolean;
  /** Why a document that should be watermarked (restricted or NDA-gated) is served without; else null. */
  watermark_skipped_reason: WatermarkSkippedReason | null;
}

/** Public documents are never watermarked; restricted and NDA-gated ones are, when they are PDFs. */
export function wantsWatermark(item: DocumentItem): boolean {
  return item.accessLevel !== 'public';
}

function pickVersion(item: DocumentItem, versionId: string | undefined): StoredVersion {
  if (item.versions.length === 0) throw new NotFoundError('The document has no file yet', 'id');
  const version =
    versionId === undefined
      ? item.versions.at(-1)
      : item.versions.find((candidate) => candidate.versionId === versionId);
  if (!version) throw new NotFoundError('The document has no such version', 'version_id');
  return version;
}

/** The copy's record (so a delete finds it) and a `document.watermarked` event naming whom it was made for. */
async function recordWatermarkedCopy(
  item: DocumentItem,
  version: StoredVersion,
  objectKey: string,
  viewer: string,
  actor: Identity | undefined,
  now: Date,
): Promise<void> {
  const put = documentCopies
    .put({
      tenantId: item.tenantId,
      documentId: item.documentId,
      objectKey,
      versionId: version.versionId,
      createdAt: now.toISOString(),
    })
    .params({ table: config.tableName });
  const data = { document_id: item.documentId, version_id: version.versionId, viewer };
  // Without a caller (the visitor flow), the documents service itself made the copy.
  const event = domainEvent(
    'document.watermarked',
    actor ?? { tenantId: item.tenantId, system: 'documents' },
    data,
    now,
  );
  await commitWithEvents([asPut(put)], [event]);
}

const unavailable = (reason: string, options?: { cause?: unknown }) =>
  new WatermarkUnavailableError(
    `This restricted file cannot be watermarked in time, so it is not served: ${reason}. An admin can upload a smaller version`,
    'version_id',
    options,
  );

/**
 * The key of the copy to serve for this viewer: the stored version, or for a restricted PDF a watermarked
 * copy (made once per version, viewer and day, then reused). An encrypted or unparseable PDF is served as
 * it is, with the reason. A PDF past the watermark limits (a version stored before them) or whose stamping
 * outlasts WATERMARK_TIME_BUDGET_MS is refused with 409 WatermarkUnavailableError: never served unstamped.
 */
async function servedObject(
  item: DocumentItem,
  version: StoredVersion,
  viewer: () => Promise<string>,
  actor: Identity | undefined,
  now: Date,
): Promise<{ key: string; watermarked: boolean; reason: WatermarkSkippedReason | null }> {
  const original = documentObjectKey(item.tenantId, item.documentId, version.versionId);
  if (!wantsWatermark(item)) return { key: original, watermarked: false, reason: null };
  if (version.contentType !== 'application/pdf')
    return { key: original, watermarked: false, reason: 'not_pdf' };

  const breach = watermarkLimitBreach(version);
  if (breach) throw unavailable(breach);
  const viewerName = await viewer();
  const text = watermarkText(viewerName, now);
  const copy = watermarkedObjectKey(item.tenantId, item.documentId, version.versionId, text);
  if (await headDocumentObject(copy)) return { key: copy, watermarked: true, reason: null };
  let result: Awaited<ReturnType<typeof watermarkPdf>>;
  try {
    result = await watermarkPdf(await readDocumentObject(original), { text });
  } catch (error) {
    if (error instanceof WatermarkBoundExceeded) throw unavailable(error.message, { cause: error });
    throw error;
  }
  if (!result.watermarked) return { key: original, watermarked: false, reason: result.reason };
  // Recorded before it is stored: an object nothing records could never be deleted with its document.
  await recordWatermarkedCopy(item, version, copy, viewerName, actor, now);
  await storeObject(copy, result.bytes, 'application/pdf', sha256Hex(result.bytes));
  return { key: copy, watermarked: true, reason: null };
}

/**
 * A short-lived presigned GET of one version (the current one by default) for one viewer, served as an
 * attachment, watermarked with the viewer when the document is restricted. No access check here: the
 * caller decides who may download (the Admin API by scope; the visitor flow by its access request or
 * magic link, passing the visitor's email as `viewer`).
 */
export async function documentDownloadForViewer(
  tenantId: string,
  documentId: string,
  options: {
    versionId?: string;
    viewer: string | (() => Promise<string>);
    /** Who asks, for the event a new watermarked copy emits; the visitor flow has no caller identity. */
    actor?: Identity;
    expiresInSeconds?: number;
    now?: Date;
  },
): Promise<DocumentDownload> {
  const now = options.now ?? new Date();
  const expiresInSeconds = options.expiresInSeconds ?? DOWNLOAD_URL_TTL_SECONDS;
  const item = await findDocument(tenantId, documentId);
  if (!item) throw new NotFoundError('No such document', 'id');
  const version = pickVersion(item, options.versionId);
  const { viewer } = options;
  // Looked up only when a watermark needs it.
  const served = await servedObject(
    item,
    version,
    typeof viewer === 'string' ? async () => viewer : viewer,
    options.actor,
    now,
  );
  const url = await presignDownload(served.key, {
    contentDisposition: downloadDisposition(item.title, version.contentType as DocumentContentType),
    contentType: version.contentType,
    expiresInSeconds,
  });
  return {
    url,
    expires_at: new Date(now.getTime() + expiresInSeconds * 1000).toISOString(),
    watermarked: served.watermarked,
    watermark_skipped_reason: served.reason,
  };
}

/** The Admin API's download link: the caller (by email when a person) is the viewer a watermark names. */
export async function documentDownloadUrl(
  identity: Identity,
  documentId: string,
  options: { versionId?: string; expiresInSeconds?: number },
  now = new Date(),
): Promise<DocumentDownload> {
  return documentDownloadForViewer(identity.tenantId, documentId, {
    ...options,
    viewer: () => viewerOf(identity),
    actor: identity,
    now,
  });
}
