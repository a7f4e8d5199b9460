import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LogFolding } from '#infra/constructs/log-folding';
import { PAGE_VIEW_FILTER_PATTERN } from '#services/analytics/page-view-log';
import { pageViewFunction } from '#services/registry';

export interface PageViewFoldingProps {
  stage: string;
  /** The site function's log group: its page-view lines (services/analytics/page-view-log.ts). */
  siteLogs: logs.ILogGroup;
  table: ITableV2;
}

/** The one partition the function writes: the organizations' outboxes. */
export const PAGE_VIEW_PARTITIONS = ['*#outbox'] as const;

/**
 * Page views committed off the request path (LogFolding): the site function's page-view lines are
 * delivered to a function that puts their events in the outbox, from where the analytics consumer counts
 * them. The events keep the ids the site gave them, so a retried delivery counts no view twice.
 */
export class PageViewFolding extends LogFolding {
  constructor(scope: Construct, id: string, props: PageViewFoldingProps) {
    super(scope, id, {
      stage: props.stage,
      fn: pageViewFunction,
      does: "commits the site's page views to the outbox",
      logGroup: props.siteLogs,
      filterPattern: PAGE_VIEW_FILTER_PATTERN,
      environment: { TC_TABLE_NAME: props.table.tableName },
      alarmDescription:
        "A delivery of the site's page views could not be committed to the outbox after its retries (see the dead-letter queue and the page-views function logs)",
      memorySize: 256,
    });
    this.function.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PageViewOutbox',
        // Puts of outbox items, 25 per BatchWriteItem; nothing is read, updated or deleted.
        actions: ['dynamodb:BatchWriteItem'],
        resources: [props.table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...PAGE_VIEW_PARTITIONS] },
        },
      }),
    );
  }
}
