import { gunzipSync } from 'node:zlib';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from 'aws-lambda';
import { sha256Hex } from '#shared/crypto/sha256-hex';

/** One delivery of a CloudWatch Logs subscription, decoded: its log events' JSON objects and a batch id. */
export interface LogDelivery {
  /** Each log event whose message is one JSON object, in order; other messages are left out. */
  records: Record<string, unknown>[];
  /** How many log events the delivery held, records or not. */
  lines: number;
  /**
   * 32 hex characters derived from the log group, log stream and the log events' ids: the same for a
   * delivery retried after a failure, so what folds it can count nothing twice.
   */
  batchId: string;
}

/** A message that is not one JSON object is not a line the writer wrote: undefined. */
function jsonObjectOf(message: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(message);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Decodes what a CloudWatch Logs subscription hands a Lambda function: base64 of a gzipped
 * CloudWatchLogsDecodedData (CloudWatch Logs User Guide, "Subscription filters with AWS Lambda").
 * Undefined for the CONTROL_MESSAGE CloudWatch Logs sends to check the destination is reachable.
 * Throws when the payload is not gzipped JSON (a delivery no subscription made).
 */
export function decodeLogDelivery(event: CloudWatchLogsEvent): LogDelivery | undefined {
  const data = JSON.parse(
    gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'),
  ) as CloudWatchLogsDecodedData;
  if (data.messageType !== 'DATA_MESSAGE') return undefined;
  const records = data.logEvents
    .map((logEvent) => jsonObjectOf(logEvent.message))
    .filter((record) => record !== undefined);
  const batchId = sha256Hex(
    [data.logGroup, data.logStream, ...data.logEvents.map((logEvent) => logEvent.id)].join('\n'),
  ).slice(0, 32);
  return { records, lines: data.logEvents.length, batchId };
}
