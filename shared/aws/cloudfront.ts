import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { traced } from '#shared/observability/tracer';

let client: CloudFrontClient | undefined;

/** CloudFront's control plane is global: its API lives in us-east-1 whatever the stack's region. */
export function cloudFront(): CloudFrontClient {
  client ??= traced(new CloudFrontClient({ region: 'us-east-1' }));
  return client;
}
