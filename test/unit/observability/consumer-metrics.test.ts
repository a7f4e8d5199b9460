import { describe, expect, it, vi } from 'vitest';
import type { BusEvent } from '#shared/events/bus';
import type { Consumer } from '#shared/events/consumer';
import { captureEmf } from '../../support/emf.ts';

const metricSets = captureEmf();

describe("a consumer function's metric set", () => {
  it('carries the event age: from the commit (occurred_at) until the consumer started on it', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'trust-center-test');
    vi.stubEnv('TC_CONSUMER', 'age-probe');
    // Should the consumer reach the table, it meets a closed port at once rather than AWS.
    vi.stubEnv('TC_ENDPOINT_DYNAMODB', 'http://127.0.0.1:9');
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    const { consumersHandler } = await import('#shared/events/run-consumer');
    const consumer = { name: 'age-probe', service: 'audit' } as Consumer;
    const occurredAt = new Date(Date.now() - 1500).toISOString();
    // Not an envelope the consumer can read: it fails before any table read, and still publishes its set.
    const event = {
      id: 'e-1',
      'detail-type': 'account.created',
      detail: { occurred_at: occurredAt },
    } as unknown as BusEvent;

    await expect(consumersHandler([consumer])(event, {} as never)).rejects.toThrow();

    const [set] = metricSets();
    expect(set).toMatchObject({ consumer: 'age-probe', event_type: 'account.created', EventsFailed: 1 });
    expect(set?.EventAge).toBeGreaterThanOrEqual(1500);
    expect(set?.EventAge).toBeLessThan(60_000);
  });
});
