import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from '#infra/constructs/dead-letter-queue';
import { grantCdnInvalidation, grantDocuments, grantSendEmail } from '#infra/constructs/grants';
import { ServiceFunction } from '#infra/constructs/service-function';
import { grantTableData } from '#infra/constructs/table-grants';
import { grantTenantExport } from '#infra/constructs/tenant-data-grants';
import { PRODUCT } from '#infra/project';
import { type Consumer, consumerEventPattern } from '#shared/events/consumer';

export interface EventConsumersProps {
  stage: string;
  bus: events.IEventBus;
  consumers: readonly Consumer[];
  table: dynamodb.ITableV2;
  documentsBucket: IBucket;
  senderIdentity: IEmailIdentity;
  /** Signs tokens (unsubscribe links, magic links): every consumer may read it, as every service does. */
  cursorSecret: ISecret;
  /** Opens sealed secrets (webhook signing secrets, chat webhook URLs): consumers with 'outbound' access. */
  sealingKey: ISecret;
  /** Where outbound deliveries schedule their retries (infra/constructs/webhook-retries.ts). */
  retryQueue: IQueue;
  environment: Record<string, string>;
}

/** EventBridge retries a failing target with backoff for up to a day before the event is dead-lettered. */
const MAXIMUM_EVENT_AGE = Duration.hours(24);
const RETRY_ATTEMPTS = 185;

/**
 * One consumer of the registry = one rule on the bus (the consumer's event pattern), one function (the
 * service's `events-handler.ts`, told which consumer it is by `TC_CONSUMER`), one dead-letter queue for
 * events that exhausted their retries, and one alarm that fires when anything lands there.
 */
export class EventConsumers extends Construct {
  readonly functions = new Map<string, ServiceFunction>();
  readonly rules = new Map<string, events.Rule>();
  readonly deadLetters = new Map<string, DeadLetterQueue>();
  readonly alarms = new Map<string, cloudwatch.Alarm>();

  constructor(scope: Construct, id: string, props: EventConsumersProps) {
    super(scope, id);
    for (const consumer of props.consumers) {
      const fn = new ServiceFunction(this, `Consumer-${consumer.name}`, {
        // Logs and metrics name the consumer; its code lives in its service's folder.
        serviceName: consumer.name,
        entry: `services/${consumer.service}/events-handler.ts`,
        stage: props.stage,
        description: `${props.stage} ${PRODUCT} ${consumer.name}: ${consumer.summary}`.slice(0, 256),
        // An export reads a whole tenant and writes its archive: Lambda's longest run. Others: a minute.
        timeout: consumer.access?.includes('tenantExport') ? Duration.minutes(15) : Duration.seconds(60),
        environment: {
          ...props.environment,
          TC_CONSUMER: consumer.name,
          // Locally unset: there is no CDN to invalidate.
          ...(consumer.access?.includes('cdn') ? { TC_CDN_INVALIDATION: 'cloudfront' } : {}),
        },
      });
      grantTableData(fn.role, props.table);
      props.cursorSecret.grantRead(fn.role);
      for (const access of consumer.access ?? []) {
        if (access === 'email') grantSendEmail(fn.role, props.senderIdentity, props.stage);
        if (access === 'documents') grantDocuments(fn.role, props.documentsBucket);
        if (access === 'cdn') grantCdnInvalidation(fn.role);
        if (access === 'tenantExport') {
          grantDocuments(fn.role, props.documentsBucket);
          grantTenantExport(fn.role, { table: props.table, documentsBucket: props.documentsBucket });
        }
        // Outside a VPC the function reaches the internet; the SSRF guard is in code (shared/net/outbound.ts).
        if (access === 'outbound') {
          props.sealingKey.grantRead(fn.role);
          props.retryQueue.grantSendMessages(fn.role);
        }
      }

      const deadLetters = new DeadLetterQueue(this, `DeadLetters-${consumer.name}`, {
        purpose: `the ${consumer.name} consumer's rule`,
      });
      const rule = new events.Rule(this, `Rule-${consumer.name}`, {
        eventBus: props.bus,
        description: `${consumer.name}: ${consumer.summary}`.slice(0, 512),
        eventPattern: consumerEventPattern(consumer) as events.EventPattern,
      });
      rule.addTarget(
        new targets.LambdaFunction(fn.function, {
          deadLetterQueue: deadLetters,
          maxEventAge: MAXIMUM_EVENT_AGE,
          retryAttempts: RETRY_ATTEMPTS,
        }),
      );
      const alarm = deadLetters.alarmOnArrival(
        this,
        `DeadLettersAlarm-${consumer.name}`,
        `Events the ${consumer.name} consumer could not handle within a day (see its dead-letter queue)`,
      );

      this.functions.set(consumer.name, fn);
      this.rules.set(consumer.name, rule);
      this.deadLetters.set(consumer.name, deadLetters);
      this.alarms.set(consumer.name, alarm);
    }
  }
}
