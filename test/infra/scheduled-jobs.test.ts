import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOB_RETRY_POLICY, ScheduledJobs, scheduleExpressionOf } from '#infra/constructs/scheduled-jobs';
import { jobs } from '#services/registry';
import { cdkContext } from './platform-app.ts';

type Resources = ReturnType<Template['findResources']>;
let template: Template;
let resources: Resources;

/**
 * The construct on its own, in a stack with the cdk-nag checks as the platform adds them (synthesis throws
 * on an unacknowledged finding). The API stack builds it from the same registry list (see api-stack.test.ts).
 */
beforeAll(() => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'ScheduledJobsUnderTest');
  const table = dynamodb.TableV2.fromTableName(stack, 'Table', 'trust-center-test');
  new ScheduledJobs(stack, 'Jobs', {
    stage: 'test',
    jobs,
    table,
    environment: { TC_TABLE_NAME: table.tableName },
    invoicing: {
      documentsBucket: s3.Bucket.fromBucketName(stack, 'InvoiceDocuments', 'trust-center-test-documents'),
      planTiers: cdkContext.planTiers as Record<string, unknown>,
    },
    tenantPurge: {
      documentsBucket: s3.Bucket.fromBucketName(stack, 'Documents', 'trust-center-test-documents'),
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_test'),
      environment: { TC_DOCUMENTS_BUCKET: 'trust-center-test-documents', TC_USER_POOL_ID: 'us-east-1_test' },
    },
  });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

function jobFunction(name: string): [string, Resources[string]] {
  const found = Object.entries(resources).find(
    ([, resource]) =>
      resource.Type === 'AWS::Lambda::Function' &&
      resource.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === name,
  );
  if (!found) throw new Error(`No function for job ${name}`);
  return found;
}

function policyStatementsOf(
  roleLogicalId: string,
): { Sid?: string; Action: string | string[]; Resource: unknown }[] {
  return Object.values(resources)
    .filter(
      (resource) =>
        resource.Type === 'AWS::IAM::Policy' &&
        resource.Properties.Roles.some((role: { Ref?: string }) => role.Ref === roleLogicalId),
    )
    .flatMap((resource) => resource.Properties.PolicyDocument.Statement);
}

describe('scheduled jobs', () => {
  it('are declared in the registry with unique names, the reminder job among them', () => {
    expect(jobs.map((job) => job.name)).toContain('certification-reminders');
    expect(new Set(jobs.map((job) => job.name)).size).toBe(jobs.length);
  });

  it('have one schedule each', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', jobs.length);
  });

  describe.each(jobs.map((job) => [job.name, job] as const))('%s', (name, job) => {
    it("runs on its schedule, invoking its own function with the scheduled time as the job's clock", () => {
      const [logicalId] = jobFunction(name);

      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: scheduleExpressionOf(job.schedule).expressionString,
        State: 'ENABLED',
        Target: Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId, 'Arn'] },
          Input: JSON.stringify({ now: '<aws.scheduler.scheduled-time>' }),
        }),
      });
    });

    it('retries, then dead-letters into the encrypted jobs queue, which an alarm watches', () => {
      const [logicalId] = jobFunction(name);
      const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule')).find(
        (candidate) => candidate.Properties.Target.Arn['Fn::GetAtt']?.[0] === logicalId,
      );
      const queueId = schedule?.Properties.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0];

      expect(schedule?.Properties.Target.RetryPolicy).toEqual({
        MaximumRetryAttempts: JOB_RETRY_POLICY.retryAttempts,
        MaximumEventAgeInSeconds: JOB_RETRY_POLICY.maxEventAge.toSeconds(),
      });
      expect(resources[queueId]?.Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        Threshold: 1,
      });
    });

    it.skipIf(job.access !== undefined)(
      'reaches the table only: index queries, item reads and conditional puts, no updates, deletes or scans',
      () => {
        const [, fn] = jobFunction(name);
        const statements = policyStatementsOf(fn.Properties.Role['Fn::GetAtt'][0]);
        const actions = statements.flatMap((statement) => [statement.Action].flat());

        expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([
          'dynamodb:ConditionCheckItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
        ]);
        expect(actions.some((action) => /^(s3|secretsmanager|ses|cognito-idp):/.test(action))).toBe(false);
        expect(fn.Properties.Environment.Variables).toMatchObject({ TC_TABLE_NAME: expect.anything() });
        expect(fn.Properties.Environment.Variables.TC_DOCUMENTS_BUCKET).toBeUndefined();
      },
    );

    it('may be invoked by its own schedule role only', () => {
      const [logicalId] = jobFunction(name);
      const invokers = Object.values(resources).filter(
        (resource) =>
          resource.Type === 'AWS::IAM::Policy' &&
          JSON.stringify(resource.Properties.PolicyDocument).includes('lambda:InvokeFunction') &&
          JSON.stringify(resource.Properties.PolicyDocument).includes(logicalId),
      );

      expect(invokers).toHaveLength(1);
      expect(JSON.stringify(template.toJSON())).toContain('scheduler.amazonaws.com');
    });
  });

  it('lets the organization purge job delete a tenant: scan and delete items, list and delete its files, its sign-ins and usage keys, disable its distribution tenants, nothing else', () => {
    const [, fn] = jobFunction('organization-purge');
    const statements = policyStatementsOf(fn.Properties.Role['Fn::GetAtt'][0]);
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    const listing = statements.find((statement) => [statement.Action].flat().includes('s3:ListBucket')) as
      | { Condition?: unknown }
      | undefined;

    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:Scan',
    ]);
    expect(actions.filter((action) => action.startsWith('s3:')).sort()).toEqual([
      's3:DeleteObject',
      's3:ListBucket',
    ]);
    expect(listing?.Condition).toEqual({ StringLike: { 's3:prefix': ['tenants/*'] } });
    expect(actions.filter((action) => action.startsWith('cognito-idp:')).sort()).toEqual([
      'cognito-idp:AdminDeleteUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminRemoveUserFromGroup',
    ]);
    expect(actions.filter((action) => action.startsWith('apigateway:'))).toEqual(['apigateway:DELETE']);
    expect(actions.filter((action) => action.startsWith('cloudfront:')).sort()).toEqual([
      'cloudfront:GetDistributionTenant',
      'cloudfront:UpdateDistributionTenant',
    ]);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      TC_DOCUMENTS_BUCKET: expect.anything(),
      TC_USER_POOL_ID: expect.anything(),
    });
  });

  it('let the invoice job store PDFs under tenants/ and advance the invoice counter, and nothing more', () => {
    const [, fn] = jobFunction('monthly-invoices');
    const statements = policyStatementsOf(fn.Properties.Role['Fn::GetAtt'][0]);
    const actions = statements.flatMap((statement) => [statement.Action].flat());

    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(actions).toContain('s3:PutObject');
    expect(actions.some((action) => /^(secretsmanager|ses|cognito-idp|apigateway):/.test(action))).toBe(
      false,
    );
    expect(JSON.stringify(statements)).toContain('tenants/*');
    expect(fn.Properties.Environment.Variables).toMatchObject({
      TC_DOCUMENTS_BUCKET: 'trust-center-test-documents',
      TC_PLAN_TIERS: JSON.stringify(cdkContext.planTiers),
    });
  });
});
