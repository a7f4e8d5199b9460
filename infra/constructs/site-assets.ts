import {
  BOOTSTRAP_QUALIFIER_CONTEXT,
  DefaultStackSynthesizer,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '#infra/constructs/nag';
import { IMMUTABLE_MAX_AGE } from '#infra/constructs/visitor-behaviours';
import { PRODUCT } from '#infra/project';

/** The key prefix of the assets in their bucket: CloudFront's `/assets/*` asks S3 for the path as it is. */
export const ASSETS_KEY_PREFIX = 'assets/';

export interface SiteAssetsProps {
  stage: string;
  /** The folder web/build.ts wrote at synth: hashed files and manifest.json. */
  assetsDir: string;
  bucket: s3.IBucket;
}

/**
 * Puts the site's built assets (web/build.ts, content-hashed names) into the assets bucket under `assets/`
 * at every deployment, with `Cache-Control: public, max-age=<a year>, immutable` on each object. Earlier
 * builds' files are kept (no prune): a page rendered by the function version being replaced, or still open
 * in a browser, links the names it was built with, and a hashed name never changes content. The manifest
 * stays out of the bucket: the site function receives it in TC_SITE_ASSETS.
 *
 * The copying function has its own role and log group (not AWSLambdaBasicExecutionRole, which may write to
 * any log group); the grants the construct adds on its own are acknowledged below with their reasons.
 */
export class SiteAssets extends Construct {
  readonly deployment: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: SiteAssetsProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.stage} ${PRODUCT}: copies the site's built assets into their bucket`,
    });
    logGroup.grantWrite(role);
    this.deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [s3deploy.Source.asset(props.assetsDir, { exclude: ['manifest.json'] })],
      destinationBucket: props.bucket,
      destinationKeyPrefix: ASSETS_KEY_PREFIX,
      prune: false,
      cacheControl: [
        s3deploy.CacheControl.setPublic(),
        s3deploy.CacheControl.maxAge(IMMUTABLE_MAX_AGE),
        s3deploy.CacheControl.immutable(),
      ],
      role,
      logGroup,
      memoryLimit: 512,
    });
    acknowledgeDeploymentGrants(this, role, props.bucket);
  }
}

/** The bootstrap stack's file assets bucket (DefaultStackSynthesizer's name, with the app's qualifier). */
function bootstrapAssetsBucket(stack: Stack): string {
  const qualifier =
    (stack.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) as string | undefined) ??
    DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const values: Record<string, string> = {
    Qualifier: qualifier,
    'AWS::AccountId': stack.account,
    'AWS::Region': stack.region,
  };
  return DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace(
    /\$\{([^}]+)\}/g,
    (placeholder, name: string) => values[name] ?? placeholder,
  );
}

/**
 * What cdk-nag asks of the grants BucketDeployment adds to its role by itself (read of the CDK asset that
 * holds the build, read-write of the destination bucket) and of its singleton handler, and why.
 */
function acknowledgeDeploymentGrants(scope: SiteAssets, role: iam.Role, bucket: s3.IBucket): void {
  const stack = Stack.of(scope);
  const source = 'the CDK asset (a zip of the build) in the bootstrap assets bucket';
  Validations.of(role).acknowledge(
    ...['s3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `BucketDeployment grants ${action} to read ${source} and to list the destination before it copies; aws-cdk-lib adds these grants itself (Source.asset's bind, grantReadWrite), and the role serves this deployment alone.`,
    })),
    ...['s3:Abort*', 's3:DeleteObject*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `BucketDeployment's grantReadWrite of the assets bucket adds ${action} (aborting its own multipart uploads, replacing objects); the role serves this deployment alone and reaches no other bucket of the platform.`,
    })),
  );
  acknowledgeWildcardResource(
    role,
    `arn:${stack.partition}:s3:::${bootstrapAssetsBucket(stack)}/*`,
    `Reading ${source}: its object key is a content hash known only once the asset is published, so the read covers the bucket's objects; the bucket holds only this account's deployment assets.`,
  );
  acknowledgeWildcardResource(
    role,
    `${bucket.bucketArn}/*`,
    'The deployment writes every file of the build under assets/ of the assets bucket, whose names are content hashes decided at synth; the bucket holds nothing but the site build.',
  );
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    Validations.of(child).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        "BucketDeployment's handler (Python, with the AWS CLI layer) is aws-cdk-lib's own, its runtime chosen by the aws-cdk-lib version pinned in package.json; it runs only during a deployment, as a CloudFormation custom resource, and no visitor or tenant can reach it.",
    });
  }
}
