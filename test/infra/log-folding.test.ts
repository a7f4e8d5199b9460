import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import {
  ApiUsageFolding,
  USAGE_FILTER_PATTERN,
  USAGE_FOLDING_PARTITIONS,
} from '#infra/constructs/api-usage-folding';
import type { LogFolding } from '#infra/constructs/log-folding';
import { PAGE_VIEW_PARTITIONS, PageViewFolding } from '#infra/constructs/page-view-folding';
import { PAGE_VIEW_FILTER_PATTERN } from '#services/analytics/page-view-log';
import { site as siteFunction } from '#services/registry';
import { cdkContext, testPlatform } from './platform-app.ts';
import { stackTemplate } from './stack-template.ts';

type Resources = ReturnType<Template['findResources']>;

/** One construct alone, in a stack with the cdk-nag checks (synthesis throws on an unacknowledged finding). */
function synthesized(
  build: (stack: Stack, logGroup: logs.ILogGroup, table: dynamodb.ITableV2) => LogFolding,
  logGroupName: string,
) {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'LogFoldingUnderTest');
  build(
    stack,
    logs.LogGroup.fromLogGroupName(stack, 'Source', logGroupName),
    dynamodb.TableV2.fromTableName(stack, 'Table', 'trust-center-test'),
  );
  app.synth();
  const template = Template.fromStack(stack);
  return { template, resources: template.toJSON().Resources as Resources };
}

const cases = [
  {
    name: 'API usage folding',
    logGroupName: 'test-access-logs',
    build: (stack: Stack, logGroup: logs.ILogGroup, table: dynamodb.ITableV2) =>
      new ApiUsageFolding(stack, 'ApiUsage', {
        stage: 'test',
        accessLogs: logGroup,
        table,
        planTiers: cdkContext.planTiers as Record<string, unknown>,
      }),
    filterPattern: USAGE_FILTER_PATTERN,
    environment: { TC_TABLE_NAME: 'trust-center-test', TC_PLAN_TIERS: JSON.stringify(cdkContext.planTiers) },
    // Counters are added to in transactions with markers, read back, and the plan read.
    actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    partitions: [...USAGE_FOLDING_PARTITIONS],
    // The whole platform: which stack's log group the subscription reads.
    source: { stack: 'api', logGroup: 'AccessLogs' },
  },
  {
    name: 'page-view folding',
    logGroupName: '/aws/lambda/test-site',
    build: (stack: Stack, logGroup: logs.ILogGroup, table: dynamodb.ITableV2) =>
      new PageViewFolding(stack, 'PageViews', { stage: 'test', siteLogs: logGroup, table }),
    filterPattern: PAGE_VIEW_FILTER_PATTERN,
    environment: { TC_TABLE_NAME: 'trust-center-test' },
    actions: ['dynamodb:BatchWriteItem'],
    partitions: [...PAGE_VIEW_PARTITIONS],
    source: { stack: 'api', logGroup: 'SiteFunctionLogs' },
  },
] as const;

describe.each(cases)('$name', (subject) => {
  const { template, resources } = synthesized(subject.build, subject.logGroupName);
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

  it("subscribes one function to the log's matching lines, and lets only CloudWatch Logs for that log group invoke it", () => {
    const [[functionId] = []] = ofType('AWS::Lambda::Function');

    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 1);
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      LogGroupName: subject.logGroupName,
      FilterPattern: subject.filterPattern,
      DestinationArn: { 'Fn::GetAtt': [functionId, 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
      Principal: 'logs.amazonaws.com',
      SourceArn: Match.objectLike({
        'Fn::Join': Match.arrayWith([Match.arrayWith([`:log-group:${subject.logGroupName}:*`])]),
      }),
    });
    expect(resources[functionId ?? '']?.Properties.Environment.Variables).toMatchObject(subject.environment);
  });

  it('reaches only its partitions of the table, with only the actions it needs: no deletes or scans', () => {
    const statements = ofType('AWS::IAM::Policy').flatMap(
      ([, policy]) =>
        policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Condition?: unknown }[],
    );
    const table = statements.filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));

    expect(table).toHaveLength(1);
    expect([table[0]?.Action].flat().sort()).toEqual([...subject.actions]);
    expect(table[0]?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...subject.partitions] },
    });
    expect(JSON.stringify(statements)).not.toMatch(
      /s3:|secretsmanager:|ses:|dynamodb:Scan|dynamodb:DeleteItem/,
    );
  });

  it('retries a failed delivery twice, then leaves it in an encrypted dead-letter queue an alarm watches', () => {
    const [[queueId] = []] = ofType('AWS::SQS::Queue');

    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    expect(resources[queueId ?? '']?.Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 1,
    });
  });

  it("is the events stack's, subscribed to the API stack's log group", () => {
    const platform = testPlatform();
    const events = Template.fromStack(platform.events);
    const filters = Object.values(
      events.findResources('AWS::Logs::SubscriptionFilter', {
        Properties: { FilterPattern: subject.filterPattern },
      }),
    );

    expect(filters).toHaveLength(1);
    const source = JSON.stringify(filters[0]?.Properties.LogGroupName);
    expect(source).toContain(platform[subject.source.stack].stackName);
    expect(source).toContain(subject.source.logGroup);
  });
});

describe("the site's page-view lines", () => {
  it('reach the log group unfiltered: the site function logs JSON with no application log level to drop them by', () => {
    const api = stackTemplate(testPlatform().api);
    const [site] = Object.values(
      api.findResources('AWS::Lambda::Function', {
        Properties: {
          Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: siteFunction.name }) },
        },
      }),
    );

    // A page-view line is raw JSON on stdout with no `level`; an application log level would filter it.
    expect(site?.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
    expect(site?.Properties.LoggingConfig.ApplicationLogLevel).toBeUndefined();
  });
});
