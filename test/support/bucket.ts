import { S3Client } from '@aws-sdk/client-s3';
import { localAws } from '#infra/local/emulators/index';

/**
 * The platform's documents bucket and an S3 client on its s3rver, for tests that look at stored files.
 * Call after useTableFromThisProcess (test/support/table.ts), which points this process's config at it.
 */
export async function documentsBucket(): Promise<{ s3: S3Client; bucket: string }> {
  const { config } = await import('#shared/config');
  const s3 = new S3Client({
    region: localAws.region,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    endpoint: process.env.TC_ENDPOINT_S3,
    forcePathStyle: true,
  });
  return { s3, bucket: config.documentsBucket };
}
