import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Where a delivery that exhausted its retries waits for an operator: encrypted, TLS only, kept 14 days. */
export class DeadLetterQueue extends sqs.Queue {
  constructor(scope: Construct, id: string, props: { purpose: string }) {
    super(scope, id, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself the dead-letter queue of ${props.purpose}; a dead-letter queue of its own would only move the same messages again.`,
    });
  }
}
