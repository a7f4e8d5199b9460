import { parentPort } from 'node:worker_threads';
import autocannon, { type AutocannonRequest } from 'autocannon';
import type { LoadReply, LoadRequest, LoadRunResult } from './load-generator.ts';

// Runs autocannon on its own thread, so that the load generator does not share the event loop with the
// gateway it measures. Keeps every response time (float ms): the main thread computes the same
// percentiles as for the raw baseline (autocannon's own histogram has whole ms and no p95).

/**
 * Replaces `[<id>]` in the body with a counter per request. (autocannon's own `idReplacement` sets
 * Content-Length as if each id were 27 characters longer than the placeholder; its ids are 18 longer, so
 * the server waits for 9 bytes per id that never come.)
 */
function uniqueBodies(template: string | undefined): AutocannonRequest[] | undefined {
  if (!template?.includes('[<id>]')) return undefined;
  const prefix = `${process.pid}-${Date.now().toString(36)}-`;
  let counter = 0;
  return [
    {
      setupRequest: (request) => ({
        ...request,
        body: template.replaceAll('[<id>]', `${prefix}${++counter}`),
      }),
    },
  ];
}

async function runLoad(request: LoadRequest): Promise<LoadRunResult> {
  const { spec } = request;
  const latenciesMs: number[] = [];
  const statusCounts: Record<string, number> = {};
  const requests = uniqueBodies(spec.body);
  const instance = autocannon({
    url: spec.url,
    method: spec.method,
    headers: spec.headers,
    body: spec.body,
    ...(requests ? { requests } : {}),
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: 10,
    warmup: { connections: spec.connections, duration: spec.warmupSeconds },
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latenciesMs.push(responseTime);
    const key = String(statusCode);
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
  });
  const result = await instance;
  return {
    latenciesMs,
    statusCounts,
    responses: latenciesMs.length,
    durationSeconds: result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread');
port.on('message', (request: LoadRequest) => {
  runLoad(request).then(
    (result) => port.postMessage({ id: request.id, ok: true, result } satisfies LoadReply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies LoadReply),
  );
});
