import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { captureEmf } from '../../support/emf.ts';

const metricSets = captureEmf();

const context = { functionName: 'webhook-retries', awsRequestId: 'req-1' } as Context;

function record(messageId: string, body: string): SQSRecord {
  return { messageId, body } as SQSRecord;
}

async function retryHandler() {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'trust-center-test');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'webhooks');
  return (await import('#services/webhooks/retry-handler')).handler;
}

describe('the webhook retry function', () => {
  it('publishes one metric set per batch, counting a record it could not retry as a failure', async () => {
    const handler = await retryHandler();
    // A record that is not a retry message fails before any delivery is read: no store is needed.
    const event = { Records: [record('m-1', 'not json')] } as SQSEvent;

    const result = await handler(event, context);

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(metricSets()).toHaveLength(1);
    expect(metricSets()[0]).toMatchObject({
      operation: 'webhook-retry',
      WebhookRetries: 0,
      WebhookRetryFailures: 1,
    });
  });
});
