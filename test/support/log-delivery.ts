import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent } from 'aws-lambda';

/**
 * What a CloudWatch Logs subscription hands its Lambda function: base64 of gzipped CloudWatchLogsDecodedData
 * (CloudWatch Logs User Guide, "Subscription filters with AWS Lambda"), one log event per message, with ids
 * fixed by their position so that the same call gives the same delivery.
 */
export function logDelivery(
  messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE',
  messages: readonly string[],
  source: { logGroup: string; subscription: string },
): CloudWatchLogsEvent {
  const data = {
    messageType,
    owner: '123456789012',
    logGroup: source.logGroup,
    logStream: 'f457d35c9a5e2b1f',
    subscriptionFilters: [source.subscription],
    logEvents: messages.map((message, index) => ({ id: `3719${index}`, timestamp: Date.now(), message })),
  };
  return { awslogs: { data: gzipSync(JSON.stringify(data)).toString('base64') } };
}
