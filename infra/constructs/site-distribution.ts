import { Aws, Duration, Validations } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { type CustomDomainTarget, viewerHostFunction } from '#infra/constructs/custom-domains';
import { privateBucketProps } from '#infra/constructs/private-bucket';
import { ASSETS_KEY_PREFIX, SiteAssets } from '#infra/constructs/site-assets';
import {
  brandImagesCachePolicy,
  immutableAssetsCachePolicy,
  siteCachePolicy,
  visitorBehaviours,
  visitorCachePolicy,
} from '#infra/constructs/visitor-behaviours';
import { PRODUCT } from '#infra/project';
import { ACCESS_LOG_PREFIXES } from '#infra/stacks/stateful-stack';
import { ORIGIN_VERIFY_HEADER, VIEWER_HOST_HEADER } from '#services/brand/hosts';
import { BRAND_ASSET_PATH_PREFIX } from '#services/brand/view';
import { routes } from '#services/registry';

export interface SiteDistributionProps {
  /** Also the REST API's stage name. */
  stage: string;
  api: apigateway.RestApi;
  logsBucket: s3.IBucket;
  domainName: string | undefined;
  certificateArn: string | undefined;
  /** Sent by CloudFront alone, as an origin custom header: the origin trusts the viewer host only beside it. */
  originVerifySecret: secretsmanager.ISecret;
  /** The site's assets as web/build.ts wrote them at synth (hashed names and manifest.json). */
  assetsDir: string;
}

/** The path pattern CloudFront sends to the REST API; every route of the table lives under it. */
export const API_PATH_PATTERN = '/api/*';
/** The path pattern of the site's built assets (services/site/assets.ts links them there). */
export const ASSETS_PATH_PATTERN = `/${ASSETS_KEY_PREFIX}*`;
/** The path pattern of the brands' images (logo, favicon), served by the brand service on each host. */
export const BRAND_IMAGES_PATH_PATTERN = `${BRAND_ASSET_PATH_PREFIX}*`;
/**
 * The `Accept` CloudFront sends for a brand image, whatever the viewer's: API Gateway decodes a binary
 * answer only for a request whose first `Accept` type is one of the API's binary media types (`image/*` is:
 * shared/http/route.ts binaryMediaTypes). A viewer's own (a browser navigating to the image asks for
 * text/html first; a client may send none) would get the base64 text, which the edge would then keep for
 * a year for every visitor of the host.
 */
export const BRAND_IMAGES_ACCEPT = 'image/*';

/**
 * What visitors reach, over HTTPS only, with security headers (HSTS among them) on every response:
 * - the default behaviour: the trust-center site, server-rendered by the site function behind the REST
 *   API's `ANY /` and `/{proxy+}` (never cached: pages answer `no-store`; compressed at the edge);
 * - `/assets/*`: the site's content-hashed assets from a private bucket through Origin Access Control,
 *   cached for a year (SiteAssets puts them there at every deployment);
 * - the brands' images (`/api/v1/public/brand/*`): from the API, on the host whose brand they are, so a
 *   page loads nothing from another origin; cached per host and content version (a year);
 * - the trust center's visitor routes (cached per host and language) and the API under `/api/*` (never cached).
 * The platform's own distribution and the multi-tenant one (every tenant's host) get the same behaviours.
 *
 * The assets bucket lives here, with the distribution, rather than in the stateful stack: Origin Access
 * Control scopes the bucket policy to this distribution's ARN, and a policy in the other stack naming it
 * would make the stateful and api stacks depend on each other. The bucket only holds the site build, which any
 * deployment can put back; it is retained all the same.
 */
export class SiteDistribution extends Construct {
  /** The site's built assets, under `assets/` (construct id `SiteBucket`, kept so a deployed bucket stays). */
  readonly assetsBucket: s3.Bucket;
  readonly assets: SiteAssets;
  /** The platform's own distribution: its domain (or *.cloudfront.net), the API for consumers. */
  readonly distribution: cloudfront.Distribution;
  /** The tenants' sites: a multi-tenant distribution, a distribution tenant per host (see tenantDistribution). */
  readonly tenantDistributionResource: cloudfront.Distribution;
  readonly connectionGroup: cloudfront.CfnConnectionGroup;
  readonly customDomains: CustomDomainTarget;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    this.assetsBucket = new s3.Bucket(this, 'SiteBucket', privateBucketProps);
    // Set on the L1: `serverAccessLogsBucket` would add a statement without any condition to the logs
    // bucket's policy in the other stack; that stack grants this prefix to its own account instead.
    (this.assetsBucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
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
    const viewerHost = viewerHostFunction(
      this,
      'ViewerHost',
      'Copies the viewer host into x-tc-viewer-host for the origin (tenant from host)',
    );
    const visitorCache = visitorCachePolicy(this, props.stage, VIEWER_HOST_HEADER);
    const siteCache = siteCachePolicy(this, props.stage, VIEWER_HOST_HEADER);
    const assetsCache = immutableAssetsCachePolicy(this, props.stage);
    const brandImagesCache = brandImagesCachePolicy(this, props.stage, VIEWER_HOST_HEADER);
    this.assets = new SiteAssets(this, 'Assets', {
      stage: props.stage,
      assetsDir: props.assetsDir,
      bucket: this.assetsBucket,
    });
    // Each distribution binds its own origins (an origin access control is made per distribution).
    const behaviours = () => {
      const functionAssociations = [
        { function: viewerHost, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ];
      // RestApiOrigin would read the stage URL, which depends on every method and so on every function;
      // the functions take the distribution's URL (TC_PUBLIC_URL), so the origin is named from the API id.
      const apiOriginWith = (extraHeaders: Record<string, string>) =>
        new origins.HttpOrigin(`${props.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
          originPath: `/${props.stage}`,
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          // Resolved by CloudFormation at deploy time (a dynamic reference), never in the template.
          customHeaders: {
            [ORIGIN_VERIFY_HEADER]: props.originVerifySecret.secretValue.unsafeUnwrap(),
            ...extraHeaders,
          },
        });
      const apiOrigin = apiOriginWith({});
      return {
        defaultBehavior: {
          // The site's pages, and its forms' POSTs (the REST API's `ANY /{proxy+}` → the site function).
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: siteCache,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
          compress: true,
          functionAssociations,
        },
        additionalBehaviors: {
          [ASSETS_PATH_PATTERN]: {
            origin: origins.S3BucketOrigin.withOriginAccessControl(this.assetsBucket),
            viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
            cachePolicy: assetsCache,
            responseHeadersPolicy: securityHeaders,
            compress: true,
            functionAssociations,
          },
          // The brand's images, from the trust center's own host: one edge copy per host and version. No
          // origin request policy: only the cache key (viewer host, `v`) and the origin's headers reach the API.
          [BRAND_IMAGES_PATH_PATTERN]: {
            origin: apiOriginWith({ Accept: BRAND_IMAGES_ACCEPT }),
            viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
            cachePolicy: brandImagesCache,
            responseHeadersPolicy: securityHeaders,
            compress: true,
            functionAssociations,
          },
          // The trust center's visitor routes first: cached per host and language (the first match wins).
          ...visitorBehaviours(routes, visitorCache, {
            origin: apiOrigin,
            viewerHostHeader: VIEWER_HOST_HEADER,
            responseHeadersPolicy: securityHeaders,
            functionAssociations,
          }),
          [API_PATH_PATTERN]: {
            // RestApiOrigin would read the stage URL, which depends on every method and so on every function;
            // the functions take the distribution's URL (TC_PUBLIC_URL), so the origin is named from the API id.
            origin: apiOrigin,
            viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
            allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
            // Answers depend on the credential; with caching off, the Authorization header is forwarded too.
            cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
            originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            responseHeadersPolicy: securityHeaders,
            functionAssociations,
          },
        },
        httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
        enableLogging: true,
        logBucket: props.logsBucket,
        logFilePrefix: ACCESS_LOG_PREFIXES.cloudFront,
      } satisfies Partial<cloudfront.DistributionProps>;
    };
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${props.stage} ${PRODUCT}: site and API`,
      ...behaviours(),
      ...(props.domainName && certificate
        ? {
            domainNames: [props.domainName],
            certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: cloudfront.SSLMethod.SNI,
          }
        : {}),
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    });
    const tenants = this.tenantDistribution(behaviours(), props);
    this.tenantDistributionResource = tenants.distribution;
    this.connectionGroup = tenants.connectionGroup;
    this.customDomains = {
      distributionId: tenants.distribution.distributionId,
      connectionGroupId: tenants.connectionGroup.attrId,
    };

    for (const distribution of [this.distribution, this.tenantDistributionResource])
      acknowledgeDistribution(distribution, distribution === this.distribution ? certificate : undefined);
  }

  /**
   * The multi-tenant distribution (SaaS Manager) behind every tenant host: the same behaviours as the
   * platform's own, `ConnectionMode: tenant-only` (the L2 has no such mode: an override, with the settings a
   * multi-tenant distribution takes per connection group or tenant removed), a connection group whose
   * routing endpoint custom domains CNAME to, and, with a domain and a wildcard certificate configured, one
   * distribution tenant for every default host (`*.<domainName>`). Custom domains get their own tenants at
   * run time (services/brand/distribution-tenants.ts).
   */
  private tenantDistribution(
    behaviours: Partial<cloudfront.DistributionProps>,
    props: SiteDistributionProps,
  ): { distribution: cloudfront.Distribution; connectionGroup: cloudfront.CfnConnectionGroup } {
    const distribution = new cloudfront.Distribution(this, 'TenantDistribution', {
      comment: `${props.stage} ${PRODUCT}: tenant sites (multi-tenant)`,
      ...(behaviours as cloudfront.DistributionProps),
    });
    const cfn = distribution.node.defaultChild as cloudfront.CfnDistribution;
    cfn.addPropertyOverride('DistributionConfig.ConnectionMode', 'tenant-only');
    for (const setting of ['IPV6Enabled', 'PriceClass', 'Aliases', 'ViewerCertificate'])
      cfn.addPropertyDeletionOverride(`DistributionConfig.${setting}`);
    const connectionGroup = new cloudfront.CfnConnectionGroup(this, 'ConnectionGroup', {
      name: `${props.stage}-${PRODUCT}-tenants`,
      enabled: true,
      ipv6Enabled: true,
    });
    if (props.domainName && props.certificateArn) {
      new cloudfront.CfnDistributionTenant(this, 'DefaultHosts', {
        name: `${props.stage}-${PRODUCT}-default-hosts`,
        distributionId: distribution.distributionId,
        connectionGroupId: connectionGroup.attrId,
        domains: [`*.${props.domainName}`],
        enabled: true,
        // The configured certificate must cover *.<domainName> for the default hosts.
        customizations: { certificate: { arn: props.certificateArn } },
      });
    }
    return { distribution, connectionGroup };
  }
}

/** What cdk-nag asks of a distribution that this platform leaves to the deployment, and why. */
function acknowledgeDistribution(
  distribution: cloudfront.Distribution,
  certificate: acm.ICertificate | undefined,
): void {
  Validations.of(distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'A trust center is published for customers and prospects worldwide; which countries to block is a per-deployment legal decision (add geoRestriction where sanctions or contracts require it), not a platform default.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'The API behind /api/* is metered per credential by API Gateway usage plans and its public routes are throttled per method; the site’s pages come through the same REST API stage (its ANY / and /{proxy+} methods, under the stage’s throttling) and its forms need a proof of work and are limited per mailbox, source and tenant; the assets are immutable files cached at the edge. A WAF web ACL must be created in us-east-1 and is priced per ACL and rule, so it is left for the operator to attach where their threat model asks for it.',
    },
  );
  if (!certificate) {
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'Without a distribution-level certificate: the platform distribution without domainName/certificateArn answers on its *.cloudfront.net name (CloudFront fixes TLSv1 there; configuring a domain switches it to TLSv1.2_2021 with SNI), and the multi-tenant distribution has no domain of its own, its distribution tenants carry the certificates (a CloudFront-managed one per custom domain, TLSv1.2 minimum).',
    });
  }
}
