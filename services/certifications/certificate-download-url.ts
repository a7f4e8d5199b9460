import { certificateObjectKey } from '#services/certifications/certificate-files';
import { findCertification } from '#services/certifications/store';
import type { Identity } from '#shared/auth/identity';
import { presignDownload } from '#shared/aws/objects';
import { NotFoundError } from '#shared/errors';
import { downloadDisposition } from '#shared/files/download-filename';
import type { DocumentContentType } from '#shared/files/sniff-content';

/** Long enough to start a download, short enough that a leaked link is soon useless. */
export const CERTIFICATE_DOWNLOAD_URL_TTL_SECONDS = 300;

/** A short-lived presigned GET for the certification's current file, served as an attachment. */
export async function certificateDownloadUrl(
  identity: Identity,
  certificationId: string,
  now = new Date(),
): Promise<{ url: string; expires_at: string }> {
  const item = await findCertification(identity.tenantId, certificationId);
  if (!item) throw new NotFoundError('No such certification', 'id');
  if (!item.file) throw new NotFoundError('The certification has no file yet', 'id');

  const url = await presignDownload(
    certificateObjectKey(identity.tenantId, certificationId, item.file.fileId),
    {
      contentDisposition: downloadDisposition(
        `${item.framework} certificate`,
        item.file.contentType as DocumentContentType,
      ),
      contentType: item.file.contentType,
      expiresInSeconds: CERTIFICATE_DOWNLOAD_URL_TTL_SECONDS,
    },
  );
  return {
    url,
    expires_at: new Date(now.getTime() + CERTIFICATE_DOWNLOAD_URL_TTL_SECONDS * 1000).toISOString(),
  };
}
