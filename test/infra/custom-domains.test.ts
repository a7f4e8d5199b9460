import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER, VIEWER_HOST_HEADER } from '#services/brand/hosts';
import { DOMAIN_VERIFICATION_JOB } from '#services/brand/jobs';
import { VIEWER_ADDRESS_HEADER } from '#shared/net/viewer-address';
import { testPlatform } from './platform-app.ts';
import { stackTemplate } from './stack-template.ts';

type Resources = ReturnType<Template['findResources']>;

let api: Template;
let events: Template;

beforeAll(() => {
  const platform = testPlatform();
  api = stackTemplate(platform.api);
  events = Template.fromStack(platform.events);
});

const distributions = () => Object.values(api.findResources('AWS::CloudFront::Distribution'));
const multiTenant = () =>
  distributions().find((resource) => resource.Properties.DistributionConfig.ConnectionMode === 'tenant-only')
    ?.Properties.DistributionConfig;

function logicalIdOf(resources: Resources, predicate: (properties: Record<string, unknown>) => boolean) {
  return Object.entries(resources).find(([, resource]) => predicate(resource.Properties))?.[0];
}

/** The inline code of the viewer-host CloudFront Function, run as CloudFront runs it: `handler(event)`. */
function viewerHostHandler(): (event: unknown) => { headers: Record<string, { value: string }> } {
  const [fn] = Object.values(api.findResources('AWS::CloudFront::Function'));
  const code = String(fn?.Properties.FunctionCode);
  return new Function(`${code}\nreturn handler;`)();
}

describe('the multi-tenant distribution (tenant sites)', () => {
  it('is tenant-only, with the settings CloudFront keeps per connection group or tenant left out', () => {
    const config = multiTenant();

    expect(config).toBeDefined();
    for (const setting of ['IPV6Enabled', 'PriceClass', 'Aliases', 'ViewerCertificate'])
      expect(config).not.toHaveProperty(setting);
    expect(distributions()).toHaveLength(2);
  });

  it('serves what the platform distribution serves: the site bucket, and /api/* to the REST API', () => {
    const config = multiTenant();

    expect(config.CacheBehaviors.at(-1)).toEqual(
      expect.objectContaining({
        PathPattern: '/api/*',
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      }),
    );
    expect(
      config.CacheBehaviors.map((behaviour: { PathPattern: string }) => behaviour.PathPattern),
    ).toContain('/trust.json');
    expect(config.Origins).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ OriginAccessControlId: expect.anything() }),
        expect.objectContaining({ OriginPath: expect.stringMatching(/^\//) }),
      ]),
    );
  });

  it('has a connection group whose routing endpoint is the CNAME target of custom domains', () => {
    api.hasResourceProperties('AWS::CloudFront::ConnectionGroup', { Enabled: true, Name: Match.anyValue() });
    const [groupId] = Object.keys(api.findResources('AWS::CloudFront::ConnectionGroup'));
    api.hasOutput('CustomDomainTarget', { Value: { 'Fn::GetAtt': [groupId, 'RoutingEndpoint'] } });
  });

  it('has no distribution tenant of its own without a domain: custom domains get theirs at run time', () => {
    api.resourceCountIs('AWS::CloudFront::DistributionTenant', 0);
  });

  it('gives every default host (*.<domainName>) one distribution tenant with the configured certificate', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
    const withDomain = testPlatform({ context: { domainName: 'trust.example.com', certificateArn } });
    const template = stackTemplate(withDomain.api);

    template.hasResourceProperties('AWS::CloudFront::DistributionTenant', {
      Domains: ['*.trust.example.com'],
      Enabled: true,
      Customizations: { Certificate: { Arn: certificateArn } },
      ConnectionGroupId: { 'Fn::GetAtt': [Match.anyValue(), 'Id'] },
      DistributionId: { Ref: Match.anyValue() },
    });
    // The functions learn the platform host, so `<slug>.trust.example.com` names a tenant.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TC_PLATFORM_HOST: 'trust.example.com' }) },
    });
  });
});

describe('the viewer host, as only CloudFront can name it', () => {
  it('runs a viewer-request function on every behaviour of both distributions', () => {
    const [functionId] = Object.keys(api.findResources('AWS::CloudFront::Function'));
    api.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
    const association = [
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
    ];
    for (const distribution of distributions()) {
      const config = distribution.Properties.DistributionConfig;
      expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual(association);
      for (const behaviour of config.CacheBehaviors)
        expect(behaviour.FunctionAssociations).toEqual(association);
    }
  });

  it('overwrites the viewer-host and viewer-address headers the client sent, and drops a forged origin-verify header', () => {
    const handler = viewerHostHandler();

    const request = handler({
      viewer: { ip: '2001:db8::7' },
      request: {
        headers: {
          host: { value: 'trust.acme.com' },
          [VIEWER_HOST_HEADER]: { value: 'victim.example.com' },
          [VIEWER_ADDRESS_HEADER]: { value: '198.51.100.1' },
          [ORIGIN_VERIFY_HEADER]: { value: 'guessed' },
        },
      },
    });

    expect(request.headers[VIEWER_HOST_HEADER]).toEqual({ value: 'trust.acme.com' });
    expect(request.headers[VIEWER_ADDRESS_HEADER]).toEqual({ value: '2001:db8::7' });
    expect(request.headers).not.toHaveProperty(ORIGIN_VERIFY_HEADER);
  });

  it('sends the origin-verify secret to the API origin as a deploy-time reference, never a literal', () => {
    const secretId = logicalIdOf(api.findResources('AWS::SecretsManager::Secret'), (properties) =>
      String(properties.Description).includes('x-tc-viewer-host'),
    );
    expect(secretId).toBeDefined();
    for (const distribution of distributions()) {
      // The API origin, and its twin for the brand images (which also fixes the Accept header).
      const apiOrigins = distribution.Properties.DistributionConfig.Origins.filter(
        (origin: { CustomOriginConfig?: unknown }) => origin.CustomOriginConfig,
      );
      expect(apiOrigins.length).toBeGreaterThan(0);
      for (const apiOrigin of apiOrigins)
        expect(apiOrigin.OriginCustomHeaders).toContainEqual({
          HeaderName: ORIGIN_VERIFY_HEADER,
          HeaderValue: {
            'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
          },
        });
    }
  });

  it('tells every service function to trust only that, and lets it read the secret', () => {
    const services = Object.values(api.findResources('AWS::Lambda::Function')).filter((fn) =>
      String(fn.Properties.Description ?? '').endsWith(' service'),
    );

    expect(services.length).toBeGreaterThan(5);
    for (const fn of services) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        TC_VIEWER_HOST_SOURCE: 'cloudfront',
        TC_ORIGIN_VERIFY_SECRET_ARN: { Ref: expect.any(String) },
      });
    }
  });
});

describe('distribution tenants at run time', () => {
  const grants = (template: Template) =>
    JSON.stringify(Object.values(template.findResources('AWS::IAM::Policy')).map((p) => p.Properties));

  it('lets the brand service create and disable distribution tenants on the multi-tenant distribution only', () => {
    api.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp(' brand service$'),
      Environment: {
        Variables: Match.objectLike({
          TC_TENANT_DISTRIBUTION_ID: { Ref: Match.anyValue() },
          TC_CONNECTION_GROUP_ID: { 'Fn::GetAtt': [Match.anyValue(), 'Id'] },
        }),
      },
    });
    expect(grants(api)).toContain('cloudfront:CreateDistributionTenant');
    expect(grants(api)).toContain('cloudfront:UpdateDistributionTenant');
  });

  it('gives the domain verification job the same, and the update that activates a domain', () => {
    events.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp(`job ${DOMAIN_VERIFICATION_JOB}`),
      Environment: { Variables: Match.objectLike({ TC_TENANT_DISTRIBUTION_ID: Match.anyValue() }) },
    });
    expect(grants(events)).toContain('cloudfront:CreateDistributionTenant');
    expect(grants(events)).toContain('"Sid":"ActivateDomains"');
  });
});
