import { Worker } from 'node:worker_threads';

/** One autocannon run: a fixed duration after a warm-up, at a fixed number of connections. */
export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** `[<id>]` in the body is replaced by a unique id per request. */
  body?: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface LoadRunResult {
  /** Every response time of the measured run, in ms. */
  latenciesMs: number[];
  statusCounts: Record<string, number>;
  responses: number;
  durationSeconds: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export interface LoadRequest {
  id: number;
  spec: LoadSpec;
}

export type LoadReply =
  | { id: number; ok: true; result: LoadRunResult }
  | { id: number; ok: false; error: string };

export interface LoadGenerator {
  run(spec: LoadSpec): Promise<LoadRunResult>;
  close(): Promise<void>;
}

/**
 * Starts the autocannon worker thread. tsx's loader hooks do not reach worker threads on Node 20, so a
 * small bootstrap registers tsx in the worker before it imports `load-worker.ts`.
 */
export function startLoadGenerator(): LoadGenerator {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const workerModule = new URL('./load-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerModule)}); });`;
  const worker = new Worker(bootstrap, { eval: true });
  const pending = new Map<number, { resolve(result: LoadRunResult): void; reject(error: Error): void }>();
  let nextId = 1;
  const failAll = (error: Error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: LoadReply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`Load run failed in the worker: ${reply.error}`));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`The load worker exited (code ${code})`)));
  return {
    run(spec) {
      const id = nextId++;
      return new Promise<LoadRunResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, spec } satisfies LoadRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
