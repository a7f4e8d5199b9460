import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from '#shared/aws/s3';
import { config } from '#shared/config';
import { logger } from '#shared/observability/logger';

/**
 * The certifications service's port to S3 (the documents bucket). Every key sits under
 * `tenants/<tenantId>/`, the only prefix the services' IAM grant covers. Each upload gets a new key, so a
 * replaced file stays readable until the change that replaces it has committed.
 */
export function certificateObjectKey(tenantId: string, certificationId: string, fileId: string): string {
  return `tenants/${tenantId}/certifications/${certificationId}/${fileId}`;
}

export async function storeCertificateObject(
  key: string,
  bytes: Buffer,
  contentType: string,
  sha256: string,
): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: config.documentsBucket,
      Key: key,
      Body: bytes,
      ContentType: contentType,
      ContentLength: bytes.length,
      Metadata: { sha256 },
    }),
  );
}

/** Best effort: a failure is logged, never thrown, because the caller's change has already happened. */
export async function removeCertificateObject(key: string): Promise<void> {
  try {
    await s3().send(new DeleteObjectCommand({ Bucket: config.documentsBucket, Key: key }));
  } catch (error) {
    logger.error('Could not delete a certificate object; it is orphaned', { key, error: error as Error });
  }
}

export async function presignCertificateDownload(
  key: string,
  download: { filename: string; contentType: string; expiresInSeconds: number },
): Promise<string> {
  const command = new GetObjectCommand({
    Bucket: config.documentsBucket,
    Key: key,
    ResponseContentType: download.contentType,
    ResponseContentDisposition: `attachment; filename="${download.filename}"`,
  });
  return getSignedUrl(s3(), command, { expiresIn: download.expiresInSeconds });
}
