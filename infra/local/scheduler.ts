import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Job, JobHandler, JobSchedule, JobSummary } from '#shared/jobs/job';

const root = resolve(import.meta.dirname, '../..');

/** Runs a job of the registry once, by name, with an optional injected clock. */
export type JobRunner = (name: string, now?: Date) => Promise<JobSummary>;

/** Loads each job's entry on first use, as the gateway loads service handlers, and calls its handler. */
export function jobRunner(jobs: readonly Job[]): JobRunner {
  const handlers = new Map<string, Promise<JobHandler>>();
  return async (name, now) => {
    const job = jobs.find((candidate) => candidate.name === name);
    if (!job) throw new Error(`No job named ${name}`);
    let handler = handlers.get(name);
    if (!handler) {
      handler = import(pathToFileURL(resolve(root, job.entry)).href).then(
        (module: { handler: JobHandler }) => module.handler,
      );
      handlers.set(name, handler);
    }
    return (await handler)(now ? { now: now.toISOString() } : {});
  };
}

/**
 * How often a job runs locally. A rate is kept as it is; a cron job runs hourly, which its contract allows
 * (every job is idempotent and catches up), and spares the local platform a cron parser.
 */
export function localPeriodMinutes(schedule: JobSchedule): number {
  return 'rateMinutes' in schedule ? schedule.rateMinutes : 60;
}

export interface LocalScheduler {
  stop(): Promise<void>;
}

/**
 * The local stand-in for EventBridge Scheduler: each job runs once at start (catching up on the time the
 * platform was down) and then every period. Timers are unref'd, so they never keep the process alive;
 * a failed run is logged and the next one retries.
 */
export function startScheduler(
  jobs: readonly Job[],
  run: JobRunner,
  log: (line: string) => void,
): LocalScheduler {
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  const runOnce = (job: Job) => {
    if (stopped) return;
    const execution = run(job.name)
      .catch((error: unknown) => log(`Job ${job.name} failed: ${(error as Error).message}`))
      .finally(() => running.delete(execution));
    running.add(execution);
  };
  const timers = jobs.map((job) => {
    const start = setTimeout(() => runOnce(job), 0);
    start.unref();
    const every = setInterval(() => runOnce(job), localPeriodMinutes(job.schedule) * 60_000);
    every.unref();
    return [start, every] as const;
  });
  return {
    async stop() {
      stopped = true;
      for (const [start, every] of timers) {
        clearTimeout(start);
        clearInterval(every);
      }
      // Let a run in flight finish before the emulators it talks to go away.
      await Promise.allSettled([...running]);
    },
  };
}
