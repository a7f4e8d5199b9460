import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logsDestinations from 'aws-cdk-lib/aws-logs-destinations';
import { Construct } from 'constructs';
import { DeadLetterQueue } from '#infra/constructs/dead-letter-queue';
import { ServiceFunction } from '#infra/constructs/service-function';
import { PRODUCT } from '#infra/project';

export interface LogFoldingProps {
  stage: string;
  /** The registry's function (`services/registry.ts`): its name and entry file. */
  fn: { name: string; entry: string };
  /** What the function does, for its description (`folds the access log into usage counters`). */
  does: string;
  /** The log group whose matching lines the function receives. */
  logGroup: logs.ILogGroup;
  /** The subscription's filter pattern, as the service declares it. */
  filterPattern: string;
  environment: Record<string, string>;
  /** What the dead-letter alarm says when a delivery failed after its retries. */
  alarmDescription: string;
  memorySize?: number;
}

/** Lambda retries a failed asynchronous delivery twice; what the function folds must be safe to fold twice. */
const RETRY_ATTEMPTS = 2;

/**
 * Work taken off the request path through a log (API usage, page views): a CloudWatch Logs subscription
 * filter on a log group delivers batches of matching lines to one function, invoked asynchronously by
 * CloudWatch Logs alone. A delivery that still fails after its retries waits in a dead-letter queue,
 * watched by an alarm. The function's role starts with its log group only: subclasses grant the rest.
 */
export class LogFolding extends Construct {
  readonly function: ServiceFunction;
  readonly subscription: logs.SubscriptionFilter;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: LogFoldingProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      purpose: `the ${props.fn.name} function (log deliveries that failed after their retries)`,
    });
    this.function = new ServiceFunction(this, 'Function', {
      serviceName: props.fn.name,
      entry: props.fn.entry,
      stage: props.stage,
      description: `${props.stage} ${PRODUCT} ${props.fn.name}: ${props.does}`,
      environment: props.environment,
      memorySize: props.memorySize ?? 512,
      timeout: Duration.minutes(1),
    });
    this.function.function.configureAsyncInvoke({
      retryAttempts: RETRY_ATTEMPTS,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
    });
    this.subscription = new logs.SubscriptionFilter(this, 'Subscription', {
      logGroup: props.logGroup,
      destination: new logsDestinations.LambdaDestination(this.function.function),
      filterPattern: logs.FilterPattern.literal(props.filterPattern),
      filterName: `${props.stage}-${PRODUCT}-${props.fn.name}`,
    });
    this.deadLetterAlarm = this.deadLetterQueue.alarmOnArrival(
      this,
      'DeadLettersAlarm',
      props.alarmDescription,
    );
  }
}
