import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from '#shared/aws/s3';
import { config } from '#shared/config';
import { logger } from '#shared/observability/logger';

/**
 * Objects in the documents bucket that services keep (document versions, certificate files, watermarked
 * copies). Keys always sit under `tenants/<tenantId>/`, the only prefix the services' IAM grant covers;
 * each service builds its own keys.
 */
export async function storeObject(
  key: string,
  bytes: Buffer | Uint8Array,
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
export async function removeObjects(keys: readonly string[]): Promise<void> {
  const results = await Promise.allSettled(
    keys.map((key) => s3().send(new DeleteObjectCommand({ Bucket: config.documentsBucket, Key: key }))),
  );
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      logger.error('Could not delete an object; it is orphaned', {
        key: keys[index],
        error: result.reason as Error,
      });
    }
  });
}

/**
 * A short-lived GET that serves the object with this type and Content-Disposition (built by
 * attachmentDisposition in shared/content-disposition.ts, the one place that writes the header).
 */
export async function presignDownload(
  key: string,
  download: { contentDisposition: string; contentType: string; expiresInSeconds: number },
): Promise<string> {
  const command = new GetObjectCommand({
    Bucket: config.documentsBucket,
    Key: key,
    ResponseContentType: download.contentType,
    ResponseContentDisposition: download.contentDisposition,
  });
  return getSignedUrl(s3(), command, { expiresIn: download.expiresInSeconds });
}

/**
 * The bytes of an object of the documents bucket, for an answer that serves them itself (a brand's image on
 * the trust center's own host) rather than through a presigned link.
 * @throws the S3 client's NoSuchKey when there is no such object.
 */
export async function readObject(key: string): Promise<Buffer> {
  const object = await s3().send(new GetObjectCommand({ Bucket: config.documentsBucket, Key: key }));
  return Buffer.from(
    await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
  );
}
