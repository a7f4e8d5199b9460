import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { USER_GROUPS } from '#infra/stacks/stateful-stack';
import { OBJECT_RETENTIONS } from '#shared/aws/object-retention';
import { TABLE } from '#shared/data/table';
import { testPlatform } from './platform-app.ts';

let template: Template;

beforeAll(() => {
  const { stateful } = testPlatform();
  template = Template.fromStack(stateful);
});

const DATA_RESOURCE_TYPES = [
  'AWS::DynamoDB::GlobalTable',
  'AWS::S3::Bucket',
  'AWS::Cognito::UserPool',
  'AWS::SecretsManager::Secret',
];

describe('stateful stack', () => {
  it('keeps every data resource when the stack or the resource goes', () => {
    for (const type of DATA_RESOURCE_TYPES) {
      const resources = Object.values(template.findResources(type));

      expect(resources.length, type).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(resource, type).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      }
    }
  });

  describe('the table, built from the shared definition', () => {
    it('has the key schema and every global secondary index of TABLE', () => {
      template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      });
    });

    it('is on-demand, streams new and old images, and expires items by the TTL attribute', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: TABLE.streamViewType },
        TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
        SSESpecification: { SSEEnabled: true },
      });
    });

    it('has point-in-time recovery and deletion protection', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      });
    });
  });

  describe('buckets', () => {
    it('are private and encrypted', () => {
      const buckets = template.findResources('AWS::S3::Bucket');

      expect(Object.keys(buckets)).toHaveLength(2);
      for (const bucket of Object.values(buckets)) {
        expect(bucket.Properties).toMatchObject({
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
            ],
          },
        });
      }
    });

    it('refuse requests without TLS 1.2', () => {
      const buckets = Object.keys(template.findResources('AWS::S3::Bucket'));
      const policies = template.findResources('AWS::S3::BucketPolicy');

      for (const bucket of buckets) {
        const policy = Object.values(policies).find(
          (candidate) => candidate.Properties.Bucket.Ref === bucket,
        );
        expect(policy?.Properties.PolicyDocument.Statement, bucket).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
            expect.objectContaining({
              Effect: 'Deny',
              Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
            }),
          ]),
        );
      }
    });

    it('delete each expiring kind of object by its tag, old versions included', () => {
      const documents = Object.values(template.findResources('AWS::S3::Bucket')).find((bucket) =>
        JSON.stringify(bucket.Properties?.BucketName ?? '').includes('trust-center-documents'),
      );
      const rules = documents?.Properties?.LifecycleConfiguration?.Rules ?? [];
      expect(OBJECT_RETENTIONS.length).toBeGreaterThan(0);
      for (const retention of OBJECT_RETENTIONS)
        expect(rules).toContainEqual(
          expect.objectContaining({
            Status: 'Enabled',
            TagFilters: [{ Key: retention.tag.key, Value: retention.tag.value }],
            ExpirationInDays: retention.days,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          }),
        );
      // Documents themselves never expire: only the rules above carry an expiration.
      expect(rules.filter((rule: { ExpirationInDays?: number }) => rule.ExpirationInDays)).toHaveLength(
        OBJECT_RETENTIONS.length,
      );
    });

    it('keep document versions and log their access to the logs bucket', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketName: {
          'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^dev-trust-center-documents-')])],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: Match.stringLikeRegexp('^LogsBucket') },
          LogFilePrefix: 's3/documents/',
        },
      });
    });
  });

  describe('the user pool', () => {
    it('signs in by email with a strong password policy, admin-created users only', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        UsernameAttributes: ['email'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
      });
    });

    it('enforces threat protection: compromised credentials and high-risk sign-ins are blocked', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
        ClientId: 'ALL',
        CompromisedCredentialsRiskConfiguration: {
          Actions: { EventAction: 'BLOCK' },
          EventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
        },
        AccountTakeoverRiskConfiguration: {
          Actions: Match.objectLike({ HighAction: { EventAction: 'BLOCK', Notify: false } }),
        },
      });
    });

    it('carries the tenant id in an immutable custom attribute', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'tenantId', AttributeDataType: 'String', Mutable: false }),
        ]),
      });
    });

    it('has a group per role', () => {
      template.resourceCountIs('AWS::Cognito::UserPoolGroup', USER_GROUPS.length);
      for (const group of USER_GROUPS) {
        template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
      }
    });

    it('has an app client for password sign-in and refresh, without OAuth flows', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        GenerateSecret: false,
        PreventUserExistenceErrors: 'ENABLED',
        AllowedOAuthFlows: Match.absent(),
      });
    });
  });

  it('generates the secret that signs pagination cursors', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });
});
