import { Aws, Duration, Validations } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { privateBucketProps } from '#infra/constructs/private-bucket';
import { PRODUCT } from '#infra/project';
import { ACCESS_LOG_PREFIXES } from '#infra/stacks/stateful-stack';

export interface SiteDistributionProps {
  /** Also the REST API's stage name. */
  stage: string;
  api: apigateway.RestApi;
  logsBucket: s3.IBucket;
  domainName: string | undefined;
  certificateArn: string | undefined;
}

/** The path pattern CloudFront sends to the REST API; every route of the table lives under it. */
export const API_PATH_PATTERN = '/api/*';

/**
 * What visitors reach: the trust-center site from a private bucket (through Origin Access Control) and
 * the API under /api/*, never cached, over HTTPS only, with security headers on every response.
 *
 * The site bucket lives here, with the distribution, rather than in the stateful stack: Origin Access
 * Control scopes the bucket policy to this distribution's ARN, and a policy in the other stack naming it
 * would make the stateful and api stacks depend on each other. The bucket only holds the site build, which any
 * deployment can put back; it is retained all the same.
 */
export class SiteDistribution extends Construct {
  readonly siteBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    this.siteBucket = new s3.Bucket(this, 'SiteBucket', privateBucketProps);
    // Set on the L1: `serverAccessLogsBucket` would add a statement without any condition to the logs
    // bucket's policy in the other stack; that stack grants this prefix to its own account instead.
    (this.siteBucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: props.logsBucket.bucketName,
      logFilePrefix: ACCESS_LOG_PREFIXES.site,
    };

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `${props.stage}-${PRODUCT}-security-headers`,
      comment: 'HSTS, no sniffing, no framing, strict referrer',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        // Only what cannot break the site: no framing, no plugins, no foreign <base>. Script rules belong to the site.
        contentSecurityPolicy: {
          contentSecurityPolicy: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
          override: false,
        },
      },
    });

    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${props.stage} ${PRODUCT}: site and API`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          // RestApiOrigin would read the stage URL, which depends on every method and so on every function;
          // the functions take the distribution's URL (TC_PUBLIC_URL), so the origin is named from the API id.
          origin: new origins.HttpOrigin(
            `${props.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`,
            {
              originPath: `/${props.stage}`,
              protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
              originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
            },
          ),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          // Answers depend on the credential; with caching off, the Authorization header is forwarded too.
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
      ...(props.domainName && certificate
        ? {
            domainNames: [props.domainName],
            certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: cloudfront.SSLMethod.SNI,
          }
        : {}),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: ACCESS_LOG_PREFIXES.cloudFront,
    });

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'A trust center is published for customers and prospects worldwide; which countries to block is a per-deployment legal decision (add geoRestriction where sanctions or contracts require it), not a platform default.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The API behind /api/* is metered per credential by API Gateway usage plans and its public routes are throttled per method; the site is static. A WAF web ACL must be created in us-east-1 and is priced per ACL and rule, so it is left for the operator to attach where their threat model asks for it.',
      },
    );
    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No domainName/certificateArn is configured, so the distribution answers on its *.cloudfront.net name with the default certificate, for which CloudFront fixes the minimum protocol at TLSv1. Configuring a domain switches it to TLSv1.2_2021 with SNI.',
      });
    }
  }
}
