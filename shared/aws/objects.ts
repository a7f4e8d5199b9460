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

let origin: Promise<string> | undefined;

/**
 * The origin presigned downloads point at (the bucket's endpoint: S3 in AWS, the emulator locally), for a
 * page that shows a stored image through a redirect and must allow it in its CSP `img-src`. Presigning is
 * local computation; the answer is kept for the container's life.
 */
export function downloadOrigin(): Promise<string> {
  origin ??= getSignedUrl(s3(), new GetObjectCommand({ Bucket: config.documentsBucket, Key: 'origin' }), {
    expiresIn: 60,
  }).then((url) => new URL(url).origin);
  return origin;
}
