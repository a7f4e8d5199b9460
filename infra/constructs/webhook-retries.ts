import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from '#infra/constructs/dead-letter-queue';
import { ServiceFunction } from '#infra/constructs/service-function';
import { grantTableData } from '#infra/constructs/table-grants';
import { PRODUCT } from '#infra/project';
import { webhookRetryFunction } from '#services/registry';

export interface WebhookRetriesProps {
  stage: string;
  table: ITableV2;
  /** The platform key that seals webhook signing secrets (`TC_WEBHOOK_SECRET_KEY_ARN`). */
  secretKey: secretsmanager.ISecret;
  /** What shared/config.ts reads (table name, region, …), shared by every function. */
  environment: Record<string, string>;
}

const FUNCTION_TIMEOUT = Duration.seconds(60);
/** A retry message that fails this often (the function erred, not the endpoint) goes to the dead-letter queue. */
export const RETRY_MAX_RECEIVE_COUNT = 5;

/**
 * Webhook retries in AWS: a delivery's next attempt is a message on an encrypted queue, delayed by up to 15
 * minutes (longer waits go round again with the remainder), consumed by a function that makes the attempt
 * (services/webhooks/retry-handler.ts). The delivery record holds the state; the message only names it.
 * Whoever delivers (the webhook-dispatcher consumer, the webhooks API for pings and replays) needs `grantDeliver`
 * and `environment`.
 */
export class WebhookRetries extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly deadLetterAlarm: cloudwatch.Alarm;
  readonly function: ServiceFunction;
  /** The variables a scheduler of retries needs: merge into its environment. */
  readonly environment: Record<string, string>;
  private readonly secretKey: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: WebhookRetriesProps) {
    super(scope, id);
    this.secretKey = props.secretKey;
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      purpose: 'the webhook retry queue (retry messages whose handling kept failing)',
      ofQueue: true,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Lambda's advice: at least six times the function timeout, so a slow batch is not handed out twice.
      visibilityTimeout: Duration.seconds(FUNCTION_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: RETRY_MAX_RECEIVE_COUNT },
    });
    this.deadLetterAlarm = this.deadLetterQueue.alarmOnArrival(
      this,
      'DeadLettersAlarm',
      'Webhook retry messages failed repeatedly (see the webhook-retries logs and dead-letter queue)',
    );
    this.environment = {
      TC_WEBHOOK_RETRY_QUEUE_URL: this.queue.queueUrl,
      TC_WEBHOOK_SECRET_KEY_ARN: props.secretKey.secretArn,
    };

    this.function = new ServiceFunction(this, 'Function', {
      serviceName: webhookRetryFunction.name,
      entry: webhookRetryFunction.entry,
      stage: props.stage,
      description: `${props.stage} ${PRODUCT} webhook-retries: attempts webhook deliveries whose retry came due`,
      timeout: FUNCTION_TIMEOUT,
      environment: { ...props.environment, ...this.environment },
    });
    // 'outbound': not in a VPC, so the function reaches the internet; the SSRF guard is in code.
    grantTableData(this.function.role, props.table);
    // It re-queues waits longer than SQS's maximum delay and schedules the next retry after a failed attempt.
    this.grantDeliver(this.function.role);
    this.function.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 5 }),
    );
  }

  /** What a function that delivers webhooks needs: open the sealed signing secrets and schedule retries. */
  grantDeliver(grantee: iam.IGrantable): void {
    this.secretKey.grantRead(grantee);
    this.queue.grantSendMessages(grantee);
  }
}
