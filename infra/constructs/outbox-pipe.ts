import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import { Construct } from 'constructs';
import { DeadLetterQueue } from '#infra/constructs/dead-letter-queue';
import { PRODUCT } from '#infra/project';
import {
  EVENT_SOURCE,
  OUTBOX_DETAIL_TYPE_PATH,
  OUTBOX_FILTER,
  OUTBOX_INPUT_TEMPLATE,
  OUTBOX_TIME_PATH,
} from '#shared/events/bus';

export interface OutboxPipeProps {
  stage: string;
  table: dynamodb.ITableV2;
  bus: events.IEventBus;
}

/**
 * The transactional outbox's relay: an EventBridge Pipe reads the table stream, keeps only outbox items
 * and puts each on the bus. A batch that keeps failing is bisected, retried, then recorded in a queue.
 */
export class OutboxPipe extends Construct {
  readonly pipe: pipes.CfnPipe;
  readonly role: iam.Role;
  readonly deadLetters: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: OutboxPipeProps) {
    super(scope, id);
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('The table has no stream; the outbox pipe reads it');

    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      purpose: 'the outbox pipe (failed stream batches)',
    });
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com'),
      description: `${props.stage} ${PRODUCT}: relays outbox items from the table stream to the event bus`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadTableStream',
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({ sid: 'ListStreams', actions: ['dynamodb:ListStreams'], resources: ['*'] }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PutEvents',
        actions: ['events:PutEvents'],
        resources: [props.bus.eventBusArn],
      }),
    );
    this.deadLetters.grantSendMessages(this.role);
    logGroup.grantWrite(this.role);
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only dynamodb:ListStreams is granted on "*": it supports no resource-level permissions (Service Authorization Reference for DynamoDB) and returns stream ARNs, no data. Stream reads are scoped to this table\'s stream.',
    });

    this.pipe = new pipes.CfnPipe(this, 'Pipe', {
      name: `${props.stage}-${PRODUCT}-outbox`,
      description: 'Outbox items from the table stream to the event bus',
      roleArn: this.role.roleArn,
      source: streamArn,
      sourceParameters: {
        dynamoDbStreamParameters: {
          // From the oldest record the stream holds: events written before the pipe existed are not lost.
          startingPosition: 'TRIM_HORIZON',
          batchSize: 10,
          // No waiting to fill a batch: a quiet trust center's event would otherwise wait up to this long
          // (it was 1 s). Busy streams still batch, from what each poll finds.
          maximumBatchingWindowInSeconds: 0,
          maximumRetryAttempts: 10,
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: this.deadLetters.queueArn },
        },
        filterCriteria: { filters: [{ pattern: JSON.stringify(OUTBOX_FILTER) }] },
      },
      target: props.bus.eventBusArn,
      targetParameters: {
        eventBridgeEventBusParameters: {
          source: EVENT_SOURCE,
          detailType: OUTBOX_DETAIL_TYPE_PATH,
          time: OUTBOX_TIME_PATH,
        },
        inputTemplate: OUTBOX_INPUT_TEMPLATE,
      },
      logConfiguration: {
        level: 'ERROR',
        cloudwatchLogsLogDestination: { logGroupArn: logGroup.logGroupArn },
      },
    });
    // The role's policy must exist before the pipe starts reading.
    this.pipe.node.addDependency(this.role);
  }
}
