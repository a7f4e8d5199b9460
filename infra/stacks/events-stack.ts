import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { PlatformConfig } from '#infra/config';
import { ApiUsageFolding } from '#infra/constructs/api-usage-folding';
import {
  type CustomDomainTarget,
  customDomainEnvironment,
  grantDistributionTenants,
} from '#infra/constructs/custom-domains';
import { EventConsumers } from '#infra/constructs/event-consumers';
import { OutboxPipe } from '#infra/constructs/outbox-pipe';
import { PageViewFolding } from '#infra/constructs/page-view-folding';
import { PlatformEvents } from '#infra/constructs/platform-events';
import { ScheduledJobs } from '#infra/constructs/scheduled-jobs';
import { DOMAIN_VERIFICATION_JOB } from '#services/brand/jobs';
import { consumers, jobs } from '#services/registry';

export interface EventsStackProps extends StackProps {
  config: PlatformConfig;
  table: dynamodb.ITableV2;
  documentsBucketName: string;
  senderIdentity: ses.IEmailIdentity;
  /** What shared/config.ts reads, as the API's functions get it (TC_PUBLIC_URL included). */
  environment: Record<string, string>;
  cursorSecret: secretsmanager.ISecret;
  sealingKey: secretsmanager.ISecret;
  webhookRetryQueue: sqs.IQueue;
  /** Where the domain verification job creates a distribution tenant per verified custom domain. */
  customDomains: CustomDomainTarget;
  /** The organization purge job deletes its people's sign-ins. */
  userPool: cognito.IUserPool;
  /** The API's access log, which the usage counters are folded from. */
  accessLogs: logs.ILogGroup;
  /** The site function's log group, whose page-view lines are committed to the outbox. */
  siteLogs: logs.ILogGroup;
}

/**
 * Everything that happens after a request: the bus, the pipe from the table's stream, one rule, function,
 * dead-letter queue and alarm per consumer, the scheduled jobs, the API usage folded from the access
 * log, and the site's page views committed from its log. Its own stack because the API stack alone comes near CloudFormation's 500-resource limit; nothing
 * here holds data, so it can be replaced.
 */
export class EventsStack extends Stack {
  readonly events: PlatformEvents;
  readonly outboxPipe: OutboxPipe;
  readonly consumers: EventConsumers;
  readonly scheduledJobs: ScheduledJobs;
  readonly apiUsage: ApiUsageFolding;
  readonly pageViews: PageViewFolding;

  constructor(scope: Construct, id: string, props: EventsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const documentsBucket = s3.Bucket.fromBucketName(this, 'DocumentsBucket', props.documentsBucketName);

    this.events = new PlatformEvents(this, 'Events', { stage: config.stage });
    this.outboxPipe = new OutboxPipe(this, 'OutboxPipe', {
      stage: config.stage,
      table: props.table,
      bus: this.events.bus,
    });
    this.consumers = new EventConsumers(this, 'Consumers', {
      stage: config.stage,
      bus: this.events.bus,
      consumers,
      table: props.table,
      documentsBucket,
      senderIdentity: props.senderIdentity,
      cursorSecret: props.cursorSecret,
      sealingKey: props.sealingKey,
      retryQueue: props.webhookRetryQueue,
      environment: props.environment,
    });
    // Jobs reach the table only (their events leave through the outbox); no secret. The purge job alone
    // also deletes a deleted tenant's files, sign-ins and usage keys.
    this.scheduledJobs = new ScheduledJobs(this, 'Jobs', {
      stage: config.stage,
      jobs,
      table: props.table,
      environment: { TC_TABLE_NAME: props.table.tableName },
      invoicing: { documentsBucket, planTiers: config.planTiers },
      tenantPurge: {
        documentsBucket,
        userPool: props.userPool,
        environment: {
          TC_DOCUMENTS_BUCKET: props.documentsBucketName,
          TC_USER_POOL_ID: props.userPool.userPoolId,
        },
      },
    });
    // API usage is counted after each response, from the access log (never on the request path).
    this.apiUsage = new ApiUsageFolding(this, 'ApiUsage', {
      stage: config.stage,
      accessLogs: props.accessLogs,
      table: props.table,
      planTiers: config.planTiers,
    });
    // The site's page views likewise, from its log (never a write while the visitor waits).
    this.pageViews = new PageViewFolding(this, 'PageViews', {
      stage: config.stage,
      siteLogs: props.siteLogs,
      table: props.table,
    });
    // Domain verification also activates what it verified (an update of the domain item) and gives it a
    // CloudFront distribution tenant; it resolves TXT records through the system's resolver.
    const verification = this.scheduledJobs.functions.get(DOMAIN_VERIFICATION_JOB);
    if (verification) {
      for (const [name, value] of Object.entries(customDomainEnvironment(props.customDomains)))
        verification.function.addEnvironment(name, value);
      grantDistributionTenants(verification.role, props.customDomains);
      verification.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ActivateDomains',
          actions: ['dynamodb:UpdateItem'],
          resources: [props.table.tableArn],
        }),
      );
    }
  }
}
