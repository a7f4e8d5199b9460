import { S3Client } from '@aws-sdk/client-s3';
import { config } from '#shared/config';
import { traced } from '#shared/observability/tracer';

let client: S3Client | undefined;

export function s3(): S3Client {
  const endpoint = config.endpoint('s3');
  client ??= traced(
    new S3Client({
      region: config.region,
      endpoint,
      forcePathStyle: endpoint !== undefined,
      // s3rver stores aws-chunked framing verbatim unless checksums are only sent when required.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
  return client;
}
