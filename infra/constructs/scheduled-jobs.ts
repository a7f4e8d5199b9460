import { Duration, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from '#infra/constructs/dead-letter-queue';
import { grantDocuments } from '#infra/constructs/grants';
import { ServiceFunction } from '#infra/constructs/service-function';
import { grantJobTableAccess } from '#infra/constructs/table-grants';
import { grantTenantPurge } from '#infra/constructs/tenant-data-grants';
import { PRODUCT } from '#infra/project';
import type { Job, JobSchedule } from '#shared/jobs/job';

export interface ScheduledJobsProps {
  stage: string;
  /** From the registry: one function and one schedule each. */
  jobs: readonly Job[];
  table: ITableV2;
  /** What shared/config.ts reads. */
  environment: Record<string, string>;
  /** For jobs with `tenantPurge` access: what they delete from, and the environment naming it. */
  /** For jobs with `invoicing` access: where PDFs go, and the plans (`planTiers` of the config). */
  invoicing?: { documentsBucket: IBucket; planTiers: Readonly<Record<string, unknown>> };
  tenantPurge?: {
    documentsBucket: IBucket;
    userPool: IUserPool;
    environment: Record<string, string>;
  };
}

/** How a schedule retries a failed invocation before it goes to the dead-letter queue. */
export const JOB_RETRY_POLICY = { retryAttempts: 3, maxEventAge: Duration.hours(1) } as const;

export function scheduleExpressionOf(schedule: JobSchedule): scheduler.ScheduleExpression {
  return 'cron' in schedule
    ? scheduler.ScheduleExpression.expression(`cron(${schedule.cron})`)
    : scheduler.ScheduleExpression.rate(Duration.minutes(schedule.rateMinutes));
}

/**
 * Invokes one job function. aws-scheduler-targets' LambdaInvoke would grant `lambda:InvokeFunction` on the
 * function and all its versions (`<arn>:*`) to a role shared by every schedule of the stack; this target
 * gives each schedule its own role, allowed to invoke exactly the unqualified function it targets and to
 * dead-letter into the jobs queue, assumable by EventBridge Scheduler for this account's schedules only.
 */
class InvokeJobFunction implements scheduler.IScheduleTarget {
  constructor(
    private readonly scope: Construct,
    private readonly roleId: string,
    private readonly fn: lambda.IFunction,
    private readonly deadLetterQueue: sqs.IQueue,
  ) {}

  bind(schedule: scheduler.ISchedule): scheduler.ScheduleTargetConfig {
    const stack = Stack.of(this.scope);
    const role = new iam.Role(this.scope, this.roleId, {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: schedule.scheduleGroup?.scheduleGroupName ?? 'default',
            }),
          },
        },
      }),
      description: `Lets EventBridge Scheduler invoke ${this.fn.node.path}`,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'InvokeJob',
        actions: ['lambda:InvokeFunction'],
        resources: [this.fn.functionArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DeadLetter',
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
    );
    return {
      arn: this.fn.functionArn,
      role,
      // The run's clock is the time it was scheduled for, so a retry computes the same day.
      input: scheduler.ScheduleTargetInput.fromObject({ now: scheduler.ContextAttribute.scheduledTime }),
      retryPolicy: {
        maximumRetryAttempts: JOB_RETRY_POLICY.retryAttempts,
        maximumEventAgeInSeconds: JOB_RETRY_POLICY.maxEventAge.toSeconds(),
      },
      deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
    };
  }
}

/**
 * The registry's scheduled jobs: for each, a function (built like the services') and an EventBridge
 * Scheduler schedule that invokes it with the scheduled time as the job's clock, retries, and then leaves
 * the invocation in a dead-letter queue shared by all jobs, watched by an alarm. Jobs are idempotent, so a
 * retry is safe.
 */
export class ScheduledJobs extends Construct {
  readonly functions: ReadonlyMap<string, ServiceFunction>;
  readonly schedules: ReadonlyMap<string, scheduler.Schedule>;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      purpose: 'the scheduled jobs (invocations that failed after their retries)',
    });
    this.deadLetterAlarm = this.deadLetterQueue.alarmOnArrival(
      this,
      'DeadLettersAlarm',
      'A scheduled job failed after its retries (see the jobs dead-letter queue and the job logs)',
    );
    const functions = new Map<string, ServiceFunction>();
    const schedules = new Map<string, scheduler.Schedule>();
    for (const job of props.jobs) {
      const purges = job.access?.includes('tenantPurge') === true;
      const invoices = job.access?.includes('invoicing') === true;
      if (invoices && !props.invoicing)
        throw new Error(`Job ${job.name} invoices: give ScheduledJobs invoicing`);
      const invoicing = invoices && props.invoicing ? props.invoicing : undefined;
      const fn = new ServiceFunction(this, `Job-${job.name}`, {
        serviceName: job.name,
        entry: job.entry,
        stage: props.stage,
        description: `${props.stage} ${PRODUCT} job ${job.name} (${job.service})`,
        environment: {
          ...props.environment,
          ...(purges ? props.tenantPurge?.environment : {}),
          ...(invoicing
            ? {
                TC_DOCUMENTS_BUCKET: invoicing.documentsBucket.bucketName,
                TC_PLAN_TIERS: JSON.stringify(invoicing.planTiers),
              }
            : {}),
        },
        timeout: Duration.minutes(purges ? 15 : 5),
      });
      grantJobTableAccess(fn.role, props.table);
      if (invoicing) {
        grantDocuments(fn.role, invoicing.documentsBucket);
        // The invoice counter advances in the invoice's transaction.
        fn.role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: 'JobTableUpdates',
            actions: ['dynamodb:UpdateItem'],
            resources: [props.table.tableArn],
          }),
        );
      }
      if (purges) {
        if (!props.tenantPurge)
          throw new Error(`Job ${job.name} purges tenants: give ScheduledJobs tenantPurge`);
        grantTenantPurge(fn.role, {
          table: props.table,
          ...props.tenantPurge,
          region: Stack.of(this).region,
        });
      }
      const schedule = new scheduler.Schedule(this, `Schedule-${job.name}`, {
        description: job.summary.slice(0, 512),
        schedule: scheduleExpressionOf(job.schedule),
        target: new InvokeJobFunction(this, `ScheduleRole-${job.name}`, fn.function, this.deadLetterQueue),
      });
      functions.set(job.name, fn);
      schedules.set(job.name, schedule);
    }
    this.functions = functions;
    this.schedules = schedules;
  }
}
