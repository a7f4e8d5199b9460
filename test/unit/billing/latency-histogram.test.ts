import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bucketUpperBoundMs,
  GROWTH,
  LAST_BUCKET,
  latencyBucket,
  latencyPercentile,
} from '#services/billing/latency-histogram';

describe('the latency histogram', () => {
  it('puts every latency in a bucket whose upper bound is at most 10 % above it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.01, max: 60_000, noNaN: true }), (ms) => {
        const upper = bucketUpperBoundMs(latencyBucket(ms));
        expect(upper).toBeGreaterThanOrEqual(ms);
        expect(upper).toBeLessThanOrEqual(Math.ceil(ms * GROWTH) + 1);
      }),
    );
  });

  it('keeps sub-millisecond, missing and enormous latencies in the first and last buckets', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(1)).toBe(0);
    expect(latencyBucket(Number.NaN)).toBe(0);
    expect(latencyBucket(10_000_000)).toBe(LAST_BUCKET);
  });

  it('reads p50 and p95 by nearest rank, and nothing from an empty histogram', () => {
    // 90 requests of ~10 ms and 10 of ~500 ms: the median is fast, the 95th percentile slow.
    const histogram = new Map([
      [latencyBucket(10), 90],
      [latencyBucket(500), 10],
    ]);

    expect(latencyPercentile(histogram, 50)).toBe(bucketUpperBoundMs(latencyBucket(10)));
    expect(latencyPercentile(histogram, 90)).toBe(bucketUpperBoundMs(latencyBucket(10)));
    expect(latencyPercentile(histogram, 95)).toBe(bucketUpperBoundMs(latencyBucket(500)));
    expect(latencyPercentile(new Map(), 50)).toBeNull();
  });
});
