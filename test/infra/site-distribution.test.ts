import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { VIEWER_COUNTRY_HEADER } from '#services/analytics/visitor';
import { site } from '#services/registry';
import { testPlatform } from './platform-app.ts';
import { stackTemplate } from './stack-template.ts';

/**
 * CloudFront in front of the trust-center site (issue 14, item 8): the default behaviour is the site,
 * `/assets/*` the assets bucket through Origin Access Control with an immutable cache policy, the brand
 * images the API on the viewer's host, cached per host and version, `/api/*` the API; both distributions (the platform's own and the multi-tenant one every tenant host is a tenant of)
 * behave the same; the built assets are deployed to the bucket.
 */
type Resources = ReturnType<Template['findResources']>;
interface Behaviour {
  PathPattern?: string;
  TargetOriginId: string;
  CachePolicyId: unknown;
  OriginRequestPolicyId?: string;
  ResponseHeadersPolicyId: unknown;
  AllowedMethods: string[];
  ViewerProtocolPolicy: string;
  Compress?: boolean;
}
interface Origin {
  Id: string;
  DomainName: unknown;
  OriginAccessControlId?: unknown;
  S3OriginConfig?: unknown;
  CustomOriginConfig?: unknown;
}
interface DistributionConfig {
  DefaultRootObject?: string;
  DefaultCacheBehavior: Behaviour;
  CacheBehaviors: Behaviour[];
  Origins: Origin[];
}

const YEAR_SECONDS = 365 * 24 * 3600;
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

let template: Template;
let resources: Resources;
let assemblyDir: string;

beforeAll(() => {
  const platform = testPlatform();
  template = stackTemplate(platform.api);
  resources = template.toJSON().Resources;
  assemblyDir = platform.app.synth().directory;
});

const distributions = (): [string, DistributionConfig][] =>
  Object.values(template.findResources('AWS::CloudFront::Distribution')).map((resource) => [
    resource.Properties.DistributionConfig.ConnectionMode === 'tenant-only' ? 'multi-tenant' : 'platform',
    resource.Properties.DistributionConfig,
  ]);

const logicalIdOf = (type: string, pattern: RegExp): string => {
  const ids = Object.keys(template.findResources(type)).filter((id) => pattern.test(id));
  if (ids.length !== 1) throw new Error(`Expected one ${type} matching ${pattern}, found ${ids.join(', ')}`);
  return ids[0] as string;
};

/** The one resource of `type` whose properties match, or a failure naming how many there were. */
const only = (type: string, properties?: Record<string, unknown>): Resources[string] => {
  const found = Object.values(template.findResources(type, properties ? { Properties: properties } : {}));
  if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}`);
  return found[0] as Resources[string];
};

const originOf = (config: DistributionConfig, behaviour: Behaviour): Origin => {
  const origin = config.Origins.find((candidate) => candidate.Id === behaviour.TargetOriginId);
  if (!origin) throw new Error(`No origin ${behaviour.TargetOriginId}`);
  return origin;
};

const behaviourAt = (config: DistributionConfig, pattern: string): Behaviour => {
  const behaviour = config.CacheBehaviors.find((candidate) => candidate.PathPattern === pattern);
  if (!behaviour) throw new Error(`No behaviour for ${pattern}`);
  return behaviour;
};

describe.each(['platform', 'multi-tenant'])('the %s distribution', (name) => {
  const config = () => {
    const found = distributions().find(([kind]) => kind === name)?.[1];
    if (!found) throw new Error(`No ${name} distribution`);
    return found;
  };

  it('sends the default behaviour to the site: the REST API stage, every method, compressed, uncached by the origin’s word', () => {
    const behaviour = config().DefaultCacheBehavior;
    const origin = originOf(config(), behaviour);

    expect(JSON.stringify(origin.DomainName)).toMatch(/"Ref":"ApiRestApi[^"]*"\},"\.execute-api\./);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(behaviour).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'POST']),
      CachePolicyId: { Ref: logicalIdOf('AWS::CloudFront::CachePolicy', /SiteCache/) },
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      Compress: true,
    });
    expect(config().DefaultRootObject).toBeUndefined();
  });

  it('serves /assets/* from the assets bucket through Origin Access Control, cached a year', () => {
    const behaviour = behaviourAt(config(), '/assets/*');
    const origin = originOf(config(), behaviour);

    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(origin.DomainName).toEqual({
      'Fn::GetAtt': [logicalIdOf('AWS::S3::Bucket', /SiteBucket/), 'RegionalDomainName'],
    });
    expect(behaviour).toMatchObject({
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: { Ref: logicalIdOf('AWS::CloudFront::CachePolicy', /ImmutableAssetsCache/) },
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
    });
    expect(behaviour.OriginRequestPolicyId).toBeUndefined();
  });

  it('serves the brand images from the API on the viewer’s host, one edge copy per host and version', () => {
    const patterns = config().CacheBehaviors.map((behaviour) => behaviour.PathPattern);
    const behaviour = behaviourAt(config(), '/api/v1/public/brand/*');
    const origin = originOf(config(), behaviour) as Origin & {
      OriginCustomHeaders: { HeaderName: string; HeaderValue: unknown }[];
    };

    expect(patterns.indexOf('/api/v1/public/brand/*')).toBeLessThan(patterns.indexOf('/api/*'));
    expect(JSON.stringify(origin.DomainName)).toMatch(/"Ref":"ApiRestApi[^"]*"\},"\.execute-api\./);
    expect(behaviour).toMatchObject({
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: { Ref: logicalIdOf('AWS::CloudFront::CachePolicy', /BrandImagesCache/) },
      ViewerProtocolPolicy: 'redirect-to-https',
    });
    // Only the cache key (viewer host, `v`) reaches the API: no viewer header such as its own Accept.
    expect(behaviour.OriginRequestPolicyId).toBeUndefined();
    // The API decodes a binary answer only for an image Accept; the edge keeps whatever it got for a year.
    expect(origin.OriginCustomHeaders).toContainEqual({ HeaderName: 'Accept', HeaderValue: 'image/*' });
  });

  it('sends /api/* to the REST API uncached, as its last behaviour', () => {
    const last = config().CacheBehaviors.at(-1);

    expect(last).toMatchObject({
      PathPattern: '/api/*',
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
    });
    expect(last?.TargetOriginId).toBe(config().DefaultCacheBehavior.TargetOriginId);
  });

  it('adds the security headers policy (HSTS) to every behaviour', () => {
    const policy = { Ref: logicalIdOf('AWS::CloudFront::ResponseHeadersPolicy', /SecurityHeaders/) };

    for (const behaviour of [config().DefaultCacheBehavior, ...config().CacheBehaviors])
      expect(behaviour.ResponseHeadersPolicyId).toEqual(policy);
  });
});

it('gives every tenant host the platform’s behaviours: same patterns, cache policies and headers, in order', () => {
  const shape = (config: DistributionConfig) =>
    [config.DefaultCacheBehavior, ...config.CacheBehaviors].map((behaviour) => ({
      pattern: behaviour.PathPattern ?? 'default',
      cache: behaviour.CachePolicyId,
      request: behaviour.OriginRequestPolicyId,
      headers: behaviour.ResponseHeadersPolicyId,
      methods: behaviour.AllowedMethods,
      s3: originOf(config, behaviour).S3OriginConfig !== undefined,
    }));
  const [platform, multiTenant] = ['platform', 'multi-tenant'].map(
    (name) => distributions().find(([kind]) => kind === name)?.[1] as DistributionConfig,
  );

  expect(shape(multiTenant as DistributionConfig)).toEqual(shape(platform as DistributionConfig));
});

it('sends HSTS for two years, subdomains included, over whatever the origin says', () => {
  template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
    ResponseHeadersPolicyConfig: Match.objectLike({
      SecurityHeadersConfig: Match.objectLike({
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: 730 * 24 * 3600,
          IncludeSubdomains: true,
          Override: true,
        },
      }),
    }),
  });
});

describe('cache policies', () => {
  const policy = (pattern: RegExp) =>
    resources[logicalIdOf('AWS::CloudFront::CachePolicy', pattern)]?.Properties.CachePolicyConfig;

  it('keeps the hashed assets a year at the edge, keyed by path alone, compressed', () => {
    expect(policy(/ImmutableAssetsCache/)).toMatchObject({
      MinTTL: YEAR_SECONDS,
      DefaultTTL: YEAR_SECONDS,
      MaxTTL: YEAR_SECONDS,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
        HeadersConfig: { HeaderBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
      },
    });
  });

  it('keeps a brand image per host and version for as long as the origin says, a year at most', () => {
    expect(policy(/BrandImagesCache/)).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
      MaxTTL: YEAR_SECONDS,
      ParametersInCacheKeyAndForwardedToOrigin: {
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['x-tc-viewer-host'] },
        CookiesConfig: { CookieBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'whitelist', QueryStrings: ['v'] },
      },
    });
  });

  it('lets the site’s pages be compressed, caching nothing the origin does not allow, keyed by all a page depends on', () => {
    expect(policy(/SiteCache/)).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
        HeadersConfig: {
          HeaderBehavior: 'whitelist',
          // The country reaches the origin only because this policy names it: visitor analytics read it.
          Headers: ['x-tc-viewer-host', 'Accept-Language', VIEWER_COUNTRY_HEADER],
        },
        CookiesConfig: { CookieBehavior: 'all' },
        QueryStringsConfig: { QueryStringBehavior: 'all' },
      },
    });
    expect(policy(/SiteCache/).MaxTTL).toBeGreaterThan(0);
  });
});

describe('the assets bucket', () => {
  const bucketId = () => logicalIdOf('AWS::S3::Bucket', /SiteBucket/);

  it('is read by the two distributions alone, each by its own ARN', () => {
    const policy = only('AWS::S3::BucketPolicy', { Bucket: { Ref: bucketId() } });
    const reads = (policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]).filter(
      (statement) => JSON.stringify(statement.Principal) === '{"Service":"cloudfront.amazonaws.com"}',
    );

    expect(reads).toHaveLength(2);
    for (const statement of reads) {
      expect(statement.Action).toBe('s3:GetObject');
      expect(statement.Condition).toEqual({ StringEquals: { 'AWS:SourceArn': expect.anything() } });
    }
  });

  it('receives the build at every deployment: under assets/, immutable, earlier builds kept', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: bucketId() },
      DestinationBucketKeyPrefix: 'assets/',
      Prune: false,
      SystemMetadata: { 'cache-control': `public, max-age=${YEAR_SECONDS}, immutable` },
    });
  });

  it('deploys exactly the files the site function links, without the manifest', () => {
    const [zip] = only('Custom::CDKBucketDeployment').Properties.SourceObjectKeys as string[];
    const staged = join(assemblyDir, `asset.${String(zip).replace(/\.zip$/, '')}`);
    const siteFunction = only('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: site.name }) },
    });
    const manifest = JSON.parse(siteFunction.Properties.Environment.Variables.TC_SITE_ASSETS);

    expect(existsSync(staged), staged).toBe(true);
    expect(readdirSync(staged).sort()).toEqual(Object.values(manifest).sort());
    expect(Object.keys(manifest)).toEqual(expect.arrayContaining(['site.css', 'site.js', 'pow-worker.js']));
  });

  it('copies with its own role and log group, no managed policy', () => {
    const deployment = only('Custom::CDKBucketDeployment');
    const handlerId = (deployment.Properties.ServiceToken as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const handler = resources[handlerId as string];
    const roleId = handler?.Properties.Role['Fn::GetAtt'][0];

    expect(roleId).toMatch(/SiteAssetsRole/);
    expect(resources[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
    expect(handler?.Properties.LoggingConfig).toEqual({
      LogGroup: { Ref: expect.stringMatching(/AssetsLogs/) },
    });
  });
});
