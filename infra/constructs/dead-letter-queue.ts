import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Where a delivery that exhausted its retries waits for an operator: encrypted, TLS only, kept 14 days. */
export class DeadLetterQueue extends sqs.Queue {
  /**
   * `ofQueue`: the dead-letter queue of another SQS queue (a redrive policy), which cdk-nag recognises by
   * itself; the others (of rules, pipes, schedules) need the acknowledgement.
   */
  constructor(scope: Construct, id: string, props: { purpose: string; ofQueue?: boolean }) {
    super(scope, id, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    if (props.ofQueue) return;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself the dead-letter queue of ${props.purpose}; a dead-letter queue of its own would only move the same messages again.`,
    });
  }

  /**
   * An alarm, made in `scope` as `id`, that fires once anything waits here (checked every 5 minutes):
   * whatever lands in a dead-letter queue needs an operator.
   */
  alarmOnArrival(scope: Construct, id: string, description: string): cloudwatch.Alarm {
    return new cloudwatch.Alarm(scope, id, {
      alarmDescription: description,
      metric: this.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
