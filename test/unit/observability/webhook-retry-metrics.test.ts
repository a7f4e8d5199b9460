import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let stdout: string[];

beforeEach(() => {
  stdout = [];
  // Powertools writes EMF (and log lines) to stdout; keep them for the assertions and off the test log.
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
  vi.resetModules();
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

function metricSets(): Record<string, unknown>[] {
  return stdout
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

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
