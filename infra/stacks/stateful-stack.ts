import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { PlatformConfig } from '#infra/config';
import { privateBucketProps } from '#infra/constructs/private-bucket';
import { PRODUCT } from '#infra/project';
import { USER_GROUPS } from '#shared/auth/scopes';
import { OBJECT_RETENTIONS } from '#shared/aws/object-retention';
import { TABLE } from '#shared/data/table';

/** The product's roles, as Cognito groups, from the one declaration of roles (shared/auth/scopes.ts). */
export { USER_GROUPS };

/** Where each access log lands in the logs bucket. */
export const ACCESS_LOG_PREFIXES = {
  documents: 's3/documents/',
  site: 's3/site/',
  cloudFront: 'cloudfront/',
} as const;

/**
 * The documents bucket is named, not generated: the API stack finds it by this name instead of by a
 * cross-stack reference, so the services' S3 policy reads as the bucket it is. Account and region keep
 * it globally unique; a 12-character stage keeps it within S3's 63.
 */
export function documentsBucketName(stage: string): string {
  return `${stage}-${PRODUCT}-documents-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

export interface StatefulStackProps extends StackProps {
  config: PlatformConfig;
}

/**
 * Everything that holds data: the table, the documents and log buckets, the user pool and the cursor
 * signing key. Kept apart from the code so that deploying a new version of the API never replaces or
 * deletes any of it; every resource here is retained when the stack goes.
 */
export class StatefulStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly documentsBucket: s3.Bucket;
  readonly logsBucket: s3.Bucket;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly cursorSecret: secretsmanager.Secret;
  readonly sealingKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { stage } = props.config;

    this.table = this.createTable();
    this.logsBucket = this.createLogsBucket();
    this.documentsBucket = new s3.Bucket(this, 'DocumentsBucket', {
      ...privateBucketProps,
      bucketName: documentsBucketName(stage),
      versioned: true,
      serverAccessLogsBucket: this.logsBucket,
      serverAccessLogsPrefix: ACCESS_LOG_PREFIXES.documents,
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(7) },
        // A replaced or deleted document stays recoverable for three months.
        { noncurrentVersionExpiration: Duration.days(90) },
        // Objects that expire by kind (an organization export after a week), and their old versions a
        // day later: the versioning that keeps documents recoverable must not keep these.
        ...OBJECT_RETENTIONS.map((retention) => ({
          id: `Expire-${retention.tag.value}`,
          tagFilters: { [retention.tag.key]: retention.tag.value },
          expiration: Duration.days(retention.days),
          noncurrentVersionExpiration: Duration.days(1),
        })),
      ],
    });

    this.userPool = this.createUserPool(stage);
    this.userPoolClient = this.userPool.addClient('ApiClient', {
      userPoolClientName: `${stage}-${PRODUCT}-api`,
      // POST /api/v1/login trades email and password for tokens server-side, as the first seed shows.
      authFlows: { userPassword: true },
      // No hosted UI and no OAuth flows (the default would enable implicit grant): tokens come from the API.
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSigningSecret', {
      description: `${stage} ${PRODUCT}: HMAC key that signs pagination cursors`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret is an HMAC key for pagination cursors, not a credential: a cursor is bound to its tenant and only positions a Query inside that tenant partition, so a leaked key grants no access. Rotating it only invalidates cursors in flight; rotate by hand (put a new value) if ever needed.',
    });

    this.sealingKey = new secretsmanager.Secret(this, 'SealingKey', {
      description: `${stage} ${PRODUCT}: key material that seals stored secrets (webhook signing secrets, Slack and Teams URLs)`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.sealingKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating this key would make every sealed value (webhook signing secrets, chat webhook URLs) unreadable: rotation needs a re-seal of those items, which no rotation Lambda can do generically. Rotate by a planned re-seal, not by schedule.',
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'DocumentsBucketName', { value: this.documentsBucket.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }

  /** The one table, from the shared definition the local bootstrap also uses. */
  private createTable(): dynamodb.TableV2 {
    const key = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    return new dynamodb.TableV2(this, 'Table', {
      partitionKey: key(TABLE.partitionKey),
      sortKey: key(TABLE.sortKey),
      globalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      billing: dynamodb.Billing.onDemand(),
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      dynamoStream: dynamodb.StreamViewType[TABLE.streamViewType],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** S3 server access logs and CloudFront standard logs; CloudFront still delivers through ACLs. */
  private createLogsBucket(): s3.Bucket {
    const bucket = new s3.Bucket(this, 'LogsBucket', {
      ...privateBucketProps,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    // The site bucket (API stack) logs here too; its name is generated there, so the account scopes it.
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SiteBucketAccessLogs',
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`${ACCESS_LOG_PREFIXES.site}*`)],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    return bucket;
  }

  private createUserPool(stage: string): cognito.UserPool {
    const pool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `${stage}-${PRODUCT}`,
      // Users are invited by their organization's admins; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // Set once when the user is created; the authorizer trusts it as the caller's tenant.
        tenantId: new cognito.StringAttribute({ mutable: false, minLen: 1, maxLen: 64 }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Plus-plan threat protection, spelled out rather than left to Cognito's defaults.
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'ThreatProtection', {
      userPoolId: pool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: 'BLOCK' },
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
      },
      accountTakeoverRiskConfiguration: {
        actions: {
          highAction: { eventAction: 'BLOCK', notify: false },
          mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          lowAction: { eventAction: 'NO_ACTION', notify: false },
        },
      },
    });
    for (const group of USER_GROUPS) {
      pool.addGroup(`Group-${group}`, { groupName: group, description: `The ${group} role` });
    }
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'The Admin API contract (first seed) logs in with email and password in one call (POST /api/v1/login returns the access token), which a required MFA challenge would break. MFA (TOTP) is optional per user, and Plus-plan threat protection is enforced: sign-in, sign-up and password change with a known-compromised password are blocked, high-risk sign-ins are blocked and medium-risk ones challenged for MFA where the user has it.',
    });
    return pool;
  }
}
