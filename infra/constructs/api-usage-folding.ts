import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LogFolding } from '#infra/constructs/log-folding';
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

/**
 * API usage counted off the request path (LogFolding): the API's access log delivers batches of lines to a
 * function that folds them into per-organization counters (request counts per day, key, operation and
 * status class, latency histograms, per-key totals, the monthly quota's warnings). The batch's marker makes
 * a retried delivery count nothing twice.
 */
export class ApiUsageFolding extends LogFolding {
  constructor(scope: Construct, id: string, props: ApiUsageFoldingProps) {
    super(scope, id, {
      stage: props.stage,
      fn: apiUsageFunction,
      does: 'folds the access log into usage counters',
      logGroup: props.accessLogs,
      filterPattern: USAGE_FILTER_PATTERN,
      environment: {
        TC_TABLE_NAME: props.table.tableName,
        TC_PLAN_TIERS: JSON.stringify(props.planTiers),
      },
      alarmDescription:
        'An access log delivery could not be folded into the API usage counters after its retries (see the dead-letter queue and the api-usage function logs)',
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
  }
}
