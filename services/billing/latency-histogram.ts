/**
 * Request latency as a fixed histogram, so percentiles can be computed from counters that DynamoDB adds
 * to atomically (an exact percentile would need every latency kept). Pure, no I/O.
 *
 * Bucket `i` holds latencies in (GROWTH^(i-1), GROWTH^i] milliseconds, bucket 0 those of 1 ms or less, the
 * last everything above a minute. With GROWTH 1.1 a percentile read from the histogram is the upper bound
 * of its bucket: the true value lies within 10 % below it.
 */
export const GROWTH = 1.1;
/** GROWTH^LAST_BUCKET ≈ 63 s: API Gateway ends every request after 29 s, so nothing real lands past it. */
export const LAST_BUCKET = 116;

/** The bucket of a latency in milliseconds. */
export function latencyBucket(ms: number): number {
  if (!(ms > 1)) return 0;
  // The epsilon keeps exact powers (1.1^k computed back) in their own bucket despite rounding.
  return Math.min(LAST_BUCKET, Math.ceil(Math.log(ms) / Math.log(GROWTH) - 1e-9));
}

/** The upper bound of a bucket, in whole milliseconds (rounded up). */
export function bucketUpperBoundMs(bucket: number): number {
  return Math.ceil(GROWTH ** bucket - 1e-9);
}

/**
 * The `percentile` (0–100) of the latencies a histogram counts, as the upper bound of the bucket holding
 * it (nearest-rank), or null for an empty histogram.
 */
export function latencyPercentile(histogram: ReadonlyMap<number, number>, percentile: number): number | null {
  const total = [...histogram.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((percentile / 100) * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket) ?? 0;
    if (seen >= rank) return bucketUpperBoundMs(bucket);
  }
  return null;
}

/** Adds one histogram's counts into another. */
export function mergeHistogram(into: Map<number, number>, from: ReadonlyMap<number, number>): void {
  for (const [bucket, count] of from) into.set(bucket, (into.get(bucket) ?? 0) + count);
}
