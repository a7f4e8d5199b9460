import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from '#shared/aws/s3';
import { config } from '#shared/config';
import { logger } from '#shared/observability/logger';

/**
 * The documents service's port to S3. Every key sits under `tenants/<tenantId>/`, the only prefix the
 * services' IAM grant covers; a version's key is derived from its ids, so it is never stored.
 */
export function documentObjectKey(tenantId: string, documentId: string, versionId: string): string {
  return `tenants/${tenantId}/documents/${documentId}/${versionId}`;
}

export async function storeDocumentObject(
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
export async function removeDocumentObjects(keys: readonly string[]): Promise<void> {
  const results = await Promise.allSettled(
    keys.map((key) => s3().send(new DeleteObjectCommand({ Bucket: config.documentsBucket, Key: key }))),
  );
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      logger.error('Could not delete a document object; it is orphaned', {
        key: keys[index],
        error: result.reason as Error,
      });
    }
  });
}

export async function presignDocumentDownload(
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
