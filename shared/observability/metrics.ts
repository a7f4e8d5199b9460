import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricUnit as Unit } from '@aws-lambda-powertools/metrics/types';

// Only CloudWatch reads EMF from stdout: outside Lambda (npm start, tests) metrics stay off unless
// POWERTOOLS_METRICS_DISABLED=false asks for them, so a local console shows no EMF blobs.
process.env.POWERTOOLS_METRICS_DISABLED ??= process.env.AWS_LAMBDA_FUNCTION_NAME ? 'false' : 'true';

/**
 * One EMF metrics buffer per container, namespace from POWERTOOLS_METRICS_NAMESPACE (the CDK stack sets it);
 * every metric set carries the `service` dimension, as every log line carries the service name.
 */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'trust-center',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'trust-center',
});

export { MetricUnit };

export interface MetricValue {
  name: string;
  unit: Unit;
  value: number;
}

/**
 * Writes one EMF metric set (one JSON line) with these dimensions and values. Adding and flushing happen in
 * one synchronous step, so invocations that share the buffer (the local platform runs every function in one
 * process) never mix their dimensions.
 */
export function publishMetricSet(dimensions: Record<string, string>, values: readonly MetricValue[]): void {
  for (const [name, value] of Object.entries(dimensions)) metrics.addDimension(name, value);
  for (const { name, unit, value } of values) metrics.addMetric(name, unit, value);
  metrics.publishStoredMetrics();
}

/** Milliseconds since `started` (a `performance.now()` reading), as the latency metrics carry them. */
export function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}
