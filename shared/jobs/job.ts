import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '#shared/observability/logger';
import { elapsedMs, MetricUnit, publishMetricSet } from '#shared/observability/metrics';
import { traceInvocation } from '#shared/observability/tracer';

/**
 * Scheduled jobs are declared once, as data, like routes: the CDK app builds a function and an
 * EventBridge Scheduler schedule for each, the local platform runs each on a timer. A job must be
 * idempotent and catch up on runs it missed: schedules retry, and a platform that was down misses runs.
 */
export type JobSchedule =
  /** An EventBridge Scheduler cron expression without `cron(…)`: minutes hours day-of-month month day-of-week year, UTC. */
  { cron: string } | { rateMinutes: number };

export interface Job {
  /** kebab-case; names the function, the schedule and the local trigger `POST /_local/jobs/{name}`. */
  name: string;
  /** The service whose code the job runs. */
  service: string;
  /** The entry file, relative to the repository root; it exports `handler` (see jobHandler). */
  entry: string;
  schedule: JobSchedule;
  summary: string;
  /**
   * What the job reaches beyond the table's reads, index queries and conditional puts that every job gets:
   * `tenantPurge` removes a whole tenant (Scan and deletes on the table, list and delete under `tenants/` in
   * the documents bucket, its people's Cognito users, its API Gateway usage keys); `invoicing` stores
   * invoice PDFs under `tenants/`, updates items (the invoice counter) and reads the plans (`planTiers`).
   */
  access?: readonly JobAccess[];
}

export type JobAccess = 'tenantPurge' | 'invoicing';

const JOB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function defineJob(job: Job): Job {
  if (!JOB_NAME.test(job.name)) throw new Error(`Job name must be kebab-case: ${job.name}`);
  if (
    'rateMinutes' in job.schedule &&
    !(Number.isInteger(job.schedule.rateMinutes) && job.schedule.rateMinutes > 0)
  )
    throw new Error(`Job ${job.name}: rateMinutes must be a positive integer`);
  return job;
}

/** What a job's invocation carries: the instant it stands for (the schedule's time in AWS, injected locally). */
export interface JobEvent {
  now?: string;
}

/** A job's result: counts an operator reads in the log (and a test reads from the local trigger). */
export type JobSummary = Record<string, unknown>;

export type JobHandler = (event?: JobEvent | null, context?: Context) => Promise<JobSummary>;

/**
 * A job's Lambda entry: reads the clock from the event (else the real one), runs, logs the summary, and
 * publishes one metric set per run (job; succeeded or failed, and the duration).
 */
export function jobHandler(name: string, run: (now: Date) => Promise<JobSummary>): JobHandler {
  const handle = async (event?: JobEvent | null): Promise<JobSummary> => {
    const now = event?.now === undefined ? new Date() : new Date(event.now);
    if (Number.isNaN(now.getTime())) throw new Error(`Job ${name}: not an instant: ${event?.now}`);
    const started = performance.now();
    let succeeded = false;
    try {
      const summary = await run(now);
      succeeded = true;
      logger.info('Job finished', {
        job: name,
        now: now.toISOString(),
        duration_ms: elapsedMs(started),
        ...summary,
      });
      return summary;
    } finally {
      publishMetricSet({ job: name }, [
        { name: succeeded ? 'JobRunsSucceeded' : 'JobRunsFailed', unit: MetricUnit.Count, value: 1 },
        { name: 'JobDuration', unit: MetricUnit.Milliseconds, value: elapsedMs(started) },
      ]);
    }
  };
  const traced = middy<JobEvent | null | undefined, JobSummary>().use(traceInvocation()).handler(handle);
  // The local scheduler calls a job with its event alone, without Lambda's context.
  return (event, context) => traced(event, context ?? ({} as Context));
}
