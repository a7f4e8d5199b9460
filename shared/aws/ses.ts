import { SESv2Client } from '@aws-sdk/client-sesv2';
import { config } from '#shared/config';
import { traced } from '#shared/observability/tracer';

let client: SESv2Client | undefined;

export function ses(): SESv2Client {
  client ??= traced(new SESv2Client({ region: config.region, endpoint: config.endpoint('ses') }));
  return client;
}
