import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { RETRY_MAX_RECEIVE_COUNT, WebhookRetries } from '#infra/constructs/webhook-retries';
import { cdkContext } from './platform-app.ts';

type Resources = ReturnType<Template['findResources']>;
let template: Template;
let resources: Resources;

/** The construct alone, with the cdk-nag checks as the platform adds them (synthesis throws on a finding). */
beforeAll(() => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'WebhookRetriesUnderTest');
  const table = dynamodb.TableV2.fromTableName(stack, 'Table', 'trust-center-test');
  const secretKey = secretsmanager.Secret.fromSecretCompleteArn(
    stack,
    'Key',
    'arn:aws:secretsmanager:us-east-1:111111111111:secret:webhook-key-AbCdEf',
  );
  const retries = new WebhookRetries(stack, 'Retries', {
    stage: 'test',
    table,
    secretKey,
    environment: { TC_TABLE_NAME: table.tableName },
  });
  const dispatcher = new iam.Role(stack, 'Dispatcher', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  });
  retries.grantDeliver(dispatcher);
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

function logicalIdOf(type: string, predicate: (properties: Record<string, unknown>) => boolean): string {
  const found = Object.entries(resources).find(
    ([, resource]) => resource.Type === type && predicate(resource.Properties ?? {}),
  );
  if (!found) throw new Error(`No ${type} found`);
  return found[0];
}

function statementsOfRole(roleLogicalId: string): { Action: string | string[]; Resource: unknown }[] {
  return Object.values(resources)
    .filter(
      (resource) =>
        resource.Type === 'AWS::IAM::Policy' &&
        resource.Properties.Roles.some((role: { Ref?: string }) => role.Ref === roleLogicalId),
    )
    .flatMap((resource) => resource.Properties.PolicyDocument.Statement);
}

const actionsOf = (statements: { Action: string | string[] }[]) =>
  statements.flatMap((statement) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action],
  );

describe('webhook retries', () => {
  it('queue retries encrypted by SQS, over TLS only, with a dead-letter queue watched by an alarm', () => {
    const dlq = logicalIdOf('AWS::SQS::Queue', (properties) => properties.RedrivePolicy === undefined);
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] },
        maxReceiveCount: RETRY_MAX_RECEIVE_COUNT,
      },
    });
    template.resourceCountIs('AWS::SQS::Queue', 2);
    const policies = template.findResources('AWS::SQS::QueuePolicy');
    expect(Object.keys(policies)).toHaveLength(2);
    for (const policy of Object.values(policies))
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
      Threshold: 1,
    });
  });

  it('runs the retry handler from the queue, reporting failed records one by one', () => {
    const queue = logicalIdOf('AWS::SQS::Queue', (properties) => properties.RedrivePolicy !== undefined);
    const fn = logicalIdOf(
      'AWS::Lambda::Function',
      (properties) =>
        (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
          ?.POWERTOOLS_SERVICE_NAME === 'webhook-retries',
    );
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
      FunctionName: { Ref: fn },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          TC_WEBHOOK_RETRY_QUEUE_URL: { Ref: queue },
          TC_WEBHOOK_SECRET_KEY_ARN: Match.stringLikeRegexp('webhook-key'),
        }),
      },
    });
  });

  it('grants the retry function only the queue, the secret key and table items, never a wildcard resource', () => {
    const fn = Object.values(resources).find(
      (resource) =>
        resource.Type === 'AWS::Lambda::Function' &&
        resource.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'webhook-retries',
    );
    if (!fn) throw new Error('No retry function');
    const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = statementsOfRole(role);
    const actions = actionsOf(statements);

    expect(actions).toEqual(
      expect.arrayContaining(['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage']),
    );
    expect(actions).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue', 'dynamodb:UpdateItem']));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.some((action) => action.endsWith(':*'))).toBe(false);
    const wildcard = statements.filter(
      (statement) =>
        statement.Resource === '*' && !actionsOf([statement]).every((a) => a.startsWith('xray:')),
    );
    expect(wildcard).toHaveLength(0);
  });

  it('lets a delivering function send retries and read the secret key, nothing more', () => {
    const dispatcher = Object.keys(resources).find(
      (logicalId) => logicalId.startsWith('Dispatcher') && resources[logicalId]?.Type === 'AWS::IAM::Role',
    );
    const actions = actionsOf(statementsOfRole(dispatcher ?? ''));
    expect(actions.sort()).toEqual(
      expect.arrayContaining([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'sqs:SendMessage',
      ]),
    );
    expect(actions.some((action) => action.startsWith('dynamodb:') || action === 'sqs:ReceiveMessage')).toBe(
      false,
    );
  });
});
