import { Arn, ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { addToDeadLetterQueueResourcePolicy } from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from '#infra/constructs/dead-letter-queue';
import { EVENT_SOURCE, PRODUCT } from '#infra/project';

/**
 * The platform's event bus: every domain event (from the outbox, through the pipe) lands here, is
 * archived for replay, and is fanned out by rules. The first rule writes all of them to a log group:
 * the place the audit writer will take over.
 */
export class PlatformEvents extends Construct {
  readonly bus: events.EventBus;
  readonly auditLogGroup: logs.LogGroup;
  readonly auditRule: events.Rule;
  readonly auditDeadLetters: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: { stage: string }) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', {
      eventBusName: `${props.stage}-${PRODUCT}`,
      description: `Domain events of ${PRODUCT} (${props.stage})`,
    });
    this.bus.archive('Archive', {
      archiveName: `${props.stage}-${PRODUCT}-events`,
      description: 'Every platform event, kept a year so that a new consumer can replay history',
      eventPattern: { source: [EVENT_SOURCE] },
      retention: Duration.days(365),
    });

    this.auditLogGroup = new logs.LogGroup(this, 'AuditEvents', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.auditDeadLetters = new DeadLetterQueue(this, 'AuditDeadLetters', {
      purpose: 'the rule that writes events to the audit log group',
    });
    this.auditRule = new events.Rule(this, 'AllEventsToAuditLog', {
      eventBus: this.bus,
      description: 'Every platform event to the audit log group',
      eventPattern: { source: [EVENT_SOURCE] },
    });
    this.auditRule.addTarget(new LogGroupTarget(this.auditLogGroup, this.auditDeadLetters));
  }
}

/**
 * A CloudWatch Logs target with a native `AWS::Logs::ResourcePolicy`. The stock target writes that
 * policy through a custom resource, which would add a Lambda function (and its role) to the stack.
 */
class LogGroupTarget implements events.IRuleTarget {
  constructor(
    private readonly logGroup: logs.LogGroup,
    private readonly deadLetterQueue: DeadLetterQueue,
  ) {}

  bind(rule: events.IRule): events.RuleTargetConfig {
    this.logGroup.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeDelivery',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    addToDeadLetterQueueResourcePolicy(rule, this.deadLetterQueue);
    return {
      arn: Arn.format(
        {
          service: 'logs',
          resource: 'log-group',
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          resourceName: this.logGroup.logGroupName,
        },
        Stack.of(this.logGroup),
      ),
      deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
      retryPolicy: { maximumEventAgeInSeconds: 24 * 60 * 60, maximumRetryAttempts: 185 },
      targetResource: this.logGroup,
    };
  }
}
