import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ApiUsageFolding,
  USAGE_FILTER_PATTERN,
  USAGE_FOLDING_PARTITIONS,
} from '#infra/constructs/api-usage-folding';
import { cdkContext, testPlatform } from './platform-app.ts';

type Resources = ReturnType<Template['findResources']>;
let template: Template;
let resources: Resources;

/** The construct alone, in a stack with the cdk-nag checks (synthesis throws on an unacknowledged finding). */
beforeAll(() => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'ApiUsageUnderTest');
  new ApiUsageFolding(stack, 'ApiUsage', {
    stage: 'test',
    accessLogs: logs.LogGroup.fromLogGroupName(stack, 'AccessLogs', 'test-access-logs'),
    table: dynamodb.TableV2.fromTableName(stack, 'Table', 'trust-center-test'),
    planTiers: cdkContext.planTiers as Record<string, unknown>,
  });
  app.synth();
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

describe('API usage folding', () => {
  it("subscribes one function to the access log's lines of credentialed requests, and lets only CloudWatch Logs for that log group invoke it", () => {
    const [[functionId] = []] = ofType('AWS::Lambda::Function');

    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 1);
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      LogGroupName: 'test-access-logs',
      FilterPattern: USAGE_FILTER_PATTERN,
      DestinationArn: { 'Fn::GetAtt': [functionId, 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
      Principal: 'logs.amazonaws.com',
      SourceArn: Match.objectLike({
        'Fn::Join': Match.arrayWith([Match.arrayWith([':log-group:test-access-logs:*'])]),
      }),
    });
    expect(resources[functionId ?? '']?.Properties.Environment.Variables).toMatchObject({
      TC_TABLE_NAME: 'trust-center-test',
      TC_PLAN_TIERS: JSON.stringify(cdkContext.planTiers),
    });
  });

  it('reaches only the usage, outbox and organization partitions: adds, puts and reads, no deletes or scans', () => {
    const statements = ofType('AWS::IAM::Policy').flatMap(
      ([, policy]) =>
        policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Condition?: unknown }[],
    );
    const table = statements.filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));

    expect(table).toHaveLength(1);
    expect([table[0]?.Action].flat().sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(table[0]?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...USAGE_FOLDING_PARTITIONS] },
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

  it("is the events stack's, subscribed to the API stack's access log", () => {
    const platform = testPlatform();
    const events = Template.fromStack(platform.events);
    const filters = Object.values(events.findResources('AWS::Logs::SubscriptionFilter'));

    expect(filters).toHaveLength(1);
    const source = JSON.stringify(filters[0]?.Properties.LogGroupName);
    expect(source).toContain(platform.api.stackName);
    expect(source).toContain('AccessLogs');
  });
});
