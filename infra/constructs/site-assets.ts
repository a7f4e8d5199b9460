import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
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
  }
}
