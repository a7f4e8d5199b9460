import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumers } from '#services/registry';
import { consumerEventPattern } from '#shared/events/consumer';
import { testPlatform } from './platform-app.ts';

let template: Template;
type Resources = ReturnType<Template['findResources']>;
let resources: Resources;

beforeAll(() => {
  template = Template.fromStack(testPlatform().events);
  resources = template.toJSON().Resources;
});

function consumerFunction(name: string): string {
  const found = Object.entries(resources).find(
    ([, resource]) =>
      resource.Type === 'AWS::Lambda::Function' &&
      resource.Properties.Environment?.Variables?.TC_CONSUMER === name,
  );
  if (!found) throw new Error(`No function for consumer ${name}`);
  return found[0];
}

describe('event consumers', () => {
  it('are declared in the registry', () => {
    expect(consumers.length).toBeGreaterThan(0);
    expect(new Set(consumers.map((consumer) => consumer.name)).size).toBe(consumers.length);
  });

  describe.each(consumers.map((consumer) => [consumer.name, consumer] as const))('%s', (name, consumer) => {
    it("has a rule on the platform bus with the consumer's pattern, targeting its own function", () => {
      const logicalId = consumerFunction(name);
      const rules = Object.values(template.findResources('AWS::Events::Rule')).filter((rule) =>
        (rule.Properties.Targets ?? []).some(
          (target: { Arn?: { 'Fn::GetAtt'?: string[] } }) => target.Arn?.['Fn::GetAtt']?.[0] === logicalId,
        ),
      );
      expect(rules).toHaveLength(1);
      const [rule] = rules;
      expect(rule?.Properties.EventPattern).toEqual(consumerEventPattern(consumer));
      expect(rule?.Properties.EventBusName).toBeDefined();
      expect(rule?.Properties.Targets[0]).toMatchObject({
        DeadLetterConfig: { Arn: expect.anything() },
        RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
      });
    });

    it('dead-letters into an encrypted queue watched by an alarm', () => {
      const logicalId = consumerFunction(name);
      const rule = Object.values(template.findResources('AWS::Events::Rule')).find((candidate) =>
        (candidate.Properties.Targets ?? []).some(
          (target: { Arn?: { 'Fn::GetAtt'?: string[] } }) => target.Arn?.['Fn::GetAtt']?.[0] === logicalId,
        ),
      );
      const queueId = rule?.Properties.Targets[0].DeadLetterConfig.Arn['Fn::GetAtt'][0];
      expect(resources[queueId]?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((alarm) =>
        (alarm.Properties.Dimensions ?? []).some(
          (dimension: { Value?: { 'Fn::GetAtt'?: string[] } }) =>
            dimension.Value?.['Fn::GetAtt']?.[0] === queueId,
        ),
      );
      expect(alarms).toHaveLength(1);
      expect(alarms[0]?.Properties).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 1,
      });
    });

    it('holds what its access names beyond the table, and nothing else', () => {
      const role = resources[consumerFunction(name)]?.Properties.Role['Fn::GetAtt'][0];
      const actions = JSON.stringify(
        Object.values(resources)
          .filter(
            (resource) => resource.Type === 'AWS::IAM::Policy' && resource.Properties.Roles[0].Ref === role,
          )
          .flatMap((resource) => resource.Properties.PolicyDocument.Statement)
          .map((statement) => statement.Action),
      );
      const access = consumer.access ?? [];

      expect(actions.includes('cloudfront:'), 'CloudFront').toBe(access.includes('cdn'));
      expect(actions.includes('ses:SendEmail'), 'SES').toBe(access.includes('email'));
      expect(actions.includes('s3:PutObject'), 'documents').toBe(
        access.includes('documents') || access.includes('tenantExport'),
      );
      expect(actions.includes('sqs:SendMessage'), 'retry queue').toBe(access.includes('outbound'));
      expect(actions.includes('dynamodb:Scan'), 'Scan').toBe(access.includes('tenantExport'));
    });

    it('runs the service events entry, told which consumer it is', () => {
      const fn = resources[consumerFunction(name)];
      expect(fn?.Properties.Environment.Variables).toMatchObject({
        TC_CONSUMER: name,
        TC_TABLE_NAME: expect.anything(),
      });
    });
  });
});
