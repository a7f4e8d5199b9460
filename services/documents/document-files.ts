import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from '#shared/aws/s3';
import { config } from '#shared/config';

/**
 * The documents service's port to S3. Every key sits under `tenants/<tenantId>/`, the only prefix the
 * services' IAM grant covers; a version's key is derived from its ids, so it is never stored.
 */
export function documentObjectKey(tenantId: string, documentId: string, versionId: string): string {
  return `tenants/${tenantId}/documents/${documentId}/${versionId}`;
}

/** Where a presigned upload lands until its confirm moves it to a version key. */
export function stagedUploadKey(tenantId: string, documentId: string, uploadId: string): string {
  return `tenants/${tenantId}/documents/${documentId}/uploads/${uploadId}`;
}

/** A watermarked copy of one version for one watermark text (viewer and date), named by the text's hash. */
export function watermarkedObjectKey(
  tenantId: string,
  documentId: string,
  versionId: string,
  watermarkText: string,
): string {
  const digest = createHash('sha256').update(watermarkText).digest('hex');
  return `tenants/${tenantId}/documents/${documentId}/watermarked/${versionId}/${digest}.pdf`;
}

export async function readDocumentObject(key: string): Promise<Buffer> {
  const object = await s3().send(new GetObjectCommand({ Bucket: config.documentsBucket, Key: key }));
  return Buffer.from(
    await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
  );
}

/**
 * The object's size and ETag, or null when there is none. Without `s3:ListBucket` (not granted) S3
 * answers 403 rather than 404 for a missing key, so both mean "absent" here.
 */
export async function headDocumentObject(key: string): Promise<{ size: number; etag: string } | null> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: config.documentsBucket, Key: key }));
    return { size: head.ContentLength ?? 0, etag: head.ETag ?? '' };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || status === 403) return null;
    throw error;
  }
}

/** The object's first `length` bytes, by a Range GET, pinned to the ETag that was checked. */
export async function readObjectPrefix(key: string, etag: string, length: number): Promise<Buffer> {
  const object = await s3().send(
    new GetObjectCommand({
      Bucket: config.documentsBucket,
      Key: key,
      Range: `bytes=0-${length - 1}`,
      IfMatch: etag,
    }),
  );
  const bytes = await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
  return Buffer.from(bytes).subarray(0, length);
}

/** Streams the whole object through `inspect` (one chunk at a time) without holding it in memory. */
export async function streamObject(
  key: string,
  etag: string,
  inspect: (chunk: Buffer) => void,
): Promise<void> {
  const object = await s3().send(
    new GetObjectCommand({ Bucket: config.documentsBucket, Key: key, IfMatch: etag }),
  );
  for await (const chunk of object.Body as Readable) inspect(chunk as Buffer);
}

/** Server-side copy (no bytes through the Lambda), with the type and hash set on the copy. */
export async function copyDocumentObject(
  from: { key: string; etag: string },
  to: string,
  contentType: string,
  sha256: string,
): Promise<void> {
  await s3().send(
    new CopyObjectCommand({
      Bucket: config.documentsBucket,
      CopySource: `${config.documentsBucket}/${from.key}`,
      CopySourceIfMatch: from.etag,
      Key: to,
      MetadataDirective: 'REPLACE',
      ContentType: contentType,
      Metadata: { sha256 },
    }),
  );
}

/**
 * A presigned PUT for exactly `sizeBytes` bytes: Content-Length is a signed header, so S3 refuses a body
 * of any other length (the confirm checks again, for emulators that do not verify signatures).
 */
export async function presignDocumentUpload(
  key: string,
  upload: { contentType: string; sizeBytes: number; expiresInSeconds: number },
): Promise<string> {
  const command = new PutObjectCommand({
    Bucket: config.documentsBucket,
    Key: key,
    ContentType: upload.contentType,
    ContentLength: upload.sizeBytes,
  });
  return getSignedUrl(s3(), command, { expiresIn: upload.expiresInSeconds });
}
