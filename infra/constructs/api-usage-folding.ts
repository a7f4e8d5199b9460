import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logsDestinations from 'aws-cdk-lib/aws-logs-destinations';
import { Construct } from 'constructs';
import { DeadLetterQueue } from '#infra/constructs/dead-letter-queue';
import { ServiceFunction } from '#infra/constructs/service-function';
import { PRODUCT } from '#infra/project';
import { apiUsageFunction } from '#services/registry';

export interface ApiUsageFoldingProps {
  stage: string;
  /** The REST API stage's access log (infra/constructs/platform-api.ts): one JSON line per request. */
  accessLogs: logs.ILogGroup;
  table: ITableV2;
  /** The plans (`planTiers`), for the monthly quota the warnings compare with. */
  planTiers: Readonly<Record<string, unknown>>;
}

/**
 * Only lines of a request some credential made: anonymous traffic (public routes, the site, 401s) never
 * invokes the function. The function still decides what counts (services/billing/api-usage-records.ts).
 */
export const USAGE_FILTER_PATTERN = '{ $.tenantId != "-" }';

/**
 * The partitions the function reaches: the organizations' usage counters, their outboxes (quota warnings
 * commit with their event) and the organization item (its plan). `dynamodb:LeadingKeys` holds it to them.
 */
export const USAGE_FOLDING_PARTITIONS = ['*#api-usage', '*#outbox', '*#organization'] as const;

/** Lambda retries a failed asynchronous delivery twice; the batch marker makes a retry count nothing twice. */
const RETRY_ATTEMPTS = 2;

/**
 * API usage counted off the request path: a CloudWatch Logs subscription on the API's access log delivers
 * batches of lines to a function that folds them into per-organization counters (request counts per day,
 * key, operation and status class, latency histograms, per-key totals, the monthly quota's warnings). A
 * delivery that still fails after its retries waits in a dead-letter queue, watched by an alarm.
 */
export class ApiUsageFolding extends Construct {
  readonly function: ServiceFunction;
  readonly subscription: logs.SubscriptionFilter;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ApiUsageFoldingProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      purpose: 'the API usage folding (access log deliveries that failed after their retries)',
    });
    this.function = new ServiceFunction(this, 'Function', {
      serviceName: apiUsageFunction.name,
      entry: apiUsageFunction.entry,
      stage: props.stage,
      description: `${props.stage} ${PRODUCT} API usage: folds the access log into usage counters`,
      environment: {
        TC_TABLE_NAME: props.table.tableName,
        TC_PLAN_TIERS: JSON.stringify(props.planTiers),
      },
      memorySize: 512,
      timeout: Duration.minutes(1),
    });
    this.function.function.configureAsyncInvoke({
      retryAttempts: RETRY_ATTEMPTS,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
    });
    this.function.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'UsageCounters',
        // Counters are added to (UpdateItem) in transactions with the batch's marker (PutItem), read back
        // (BatchGetItem) and the organization's plan read (GetItem); nothing is deleted or scanned.
        actions: ['dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:BatchGetItem'],
        resources: [props.table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...USAGE_FOLDING_PARTITIONS] },
        },
      }),
    );
    this.subscription = new logs.SubscriptionFilter(this, 'Subscription', {
      logGroup: props.accessLogs,
      destination: new logsDestinations.LambdaDestination(this.function.function),
      filterPattern: logs.FilterPattern.literal(USAGE_FILTER_PATTERN),
      filterName: `${props.stage}-${PRODUCT}-api-usage`,
    });
    this.deadLetterAlarm = this.deadLetterQueue.alarmOnArrival(
      this,
      'DeadLettersAlarm',
      'An access log delivery could not be folded into the API usage counters after its retries (see the dead-letter queue and the api-usage function logs)',
    );
  }
}
