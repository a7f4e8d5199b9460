import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

/** One put or delete of a BatchWriteItem on the platform's table. */
export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** BatchWriteItem takes at most 25 requests (DynamoDB API Reference, BatchWriteItem). */
const BATCH = 25;
/** Attempts per batch while DynamoDB leaves requests unprocessed (throttling), backing off 100 ms to 1 s. */
const ATTEMPTS = 9;

/**
 * Writes puts and deletes on the table, 25 per BatchWriteItem, retrying what DynamoDB left unprocessed
 * with exponential backoff. No conditions (BatchWriteItem has none): callers write what is safe to write
 * twice. Throws the SDK's error, or an Error when requests stay unprocessed after ATTEMPTS.
 */
export async function batchWriteItems(requests: readonly WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH) {
    let pending = requests.slice(start, start + BATCH);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= ATTEMPTS) throw new Error('DynamoDB kept leaving batch writes unprocessed');
      if (attempt > 0) await new Promise((done) => setTimeout(done, Math.min(1000, 50 * 2 ** attempt)));
      const result = await dynamo().send(
        new BatchWriteCommand({ RequestItems: { [config.tableName]: pending } }),
      );
      pending = result.UnprocessedItems?.[config.tableName] ?? [];
    }
  }
}
