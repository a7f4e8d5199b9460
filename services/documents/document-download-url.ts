import { documentObjectKey, presignDocumentDownload } from '#services/documents/document-files';
import { downloadFilename } from '#services/documents/download-filename';
import type { DocumentContentType } from '#services/documents/sniff-content';
import { findDocument } from '#services/documents/store';
import type { Identity } from '#shared/auth/identity';
import { NotFoundError } from '#shared/http/errors';

/** Long enough to start a download, short enough that a leaked link is soon useless. */
export const DOWNLOAD_URL_TTL_SECONDS = 300;

/** A short-lived presigned GET for one version (the current one by default), served as an attachment. */
export async function documentDownloadUrl(
  identity: Identity,
  documentId: string,
  versionId: string | undefined,
  now = new Date(),
): Promise<{ url: string; expires_at: string }> {
  const item = await findDocument(identity.tenantId, documentId);
  if (!item) throw new NotFoundError('No such document', 'id');
  if (item.versions.length === 0) throw new NotFoundError('The document has no file yet', 'id');
  const version =
    versionId === undefined
      ? item.versions.at(-1)
      : item.versions.find((candidate) => candidate.versionId === versionId);
  if (!version) throw new NotFoundError('The document has no such version', 'version_id');

  const url = await presignDocumentDownload(
    documentObjectKey(identity.tenantId, documentId, version.versionId),
    {
      filename: downloadFilename(item.title, version.contentType as DocumentContentType),
      contentType: version.contentType,
      expiresInSeconds: DOWNLOAD_URL_TTL_SECONDS,
    },
  );
  return { url, expires_at: new Date(now.getTime() + DOWNLOAD_URL_TTL_SECONDS * 1000).toISOString() };
}
