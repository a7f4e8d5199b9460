import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_ERROR_RESPONSES } from '#infra/constructs/gateway-responses';
import { PUBLIC_ROUTE_THROTTLE } from '#infra/constructs/platform-api';
import { SERVICE_EXTRA_ACCESS } from '#infra/stacks/api-stack';
import { authorizer, consumers, jobs, routes, services } from '#services/registry';
import { OUTBOX_KIND } from '#shared/data/outbox';
import { OUTBOX_FILTER, OUTBOX_INPUT_TEMPLATE } from '#shared/events/bus';
import { binaryMediaTypes, routeKey } from '#shared/http/route';
import { cdkContext, testPlatform } from './platform-app.ts';
import { stackTemplate } from './stack-template.ts';

/** Template JSON as the assertions library types it. */
type Resources = ReturnType<Template['findResources']>;

let template: Template;
let eventsTemplate: Template;
let resources: Resources;
const tiers = cdkContext.planTiers as Record<
  string,
  { rateLimit: number; burstLimit: number; monthlyQuota: number }
>;

beforeAll(() => {
  const platform = testPlatform();
  template = stackTemplate(platform.api);
  eventsTemplate = Template.fromStack(platform.events);
  resources = template.toJSON().Resources;
});

/** The API Gateway path of a resource, by walking its parents up to the root. */
function resourcePath(resourceId: { Ref?: string }): string {
  if (!resourceId.Ref) return '/';
  const resource = resources[resourceId.Ref];
  if (!resource) throw new Error(`No resource ${resourceId.Ref}`);
  const parent = resourcePath(resource.Properties.ParentId);
  return `${parent === '/' ? '' : parent}/${resource.Properties.PathPart}`;
}

function methods() {
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::ApiGateway::Method')
    .map(([logicalId, resource]) => ({
      logicalId,
      key: `${resource.Properties.HttpMethod} ${resourcePath(resource.Properties.ResourceId)}`,
      properties: resource.Properties,
    }));
}

/**
 * The platform's own functions: all but the handler aws-cdk-lib's BucketDeployment brings (Python, run by
 * CloudFormation while deploying the site's assets; test/infra/site-distribution.test.ts covers it).
 */
function platformFunctions(stack: Template): Resources {
  return Object.fromEntries(
    Object.entries(stack.findResources('AWS::Lambda::Function')).filter(
      ([logicalId]) => !logicalId.startsWith('CustomCDKBucketDeployment'),
    ),
  );
}

function functionOfService(name: string): string {
  const [logicalId] = Object.entries(resources).find(
    ([, resource]) =>
      resource.Type === 'AWS::Lambda::Function' &&
      resource.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === name,
  ) ?? [undefined];
  if (!logicalId) throw new Error(`No function for service ${name}`);
  return logicalId;
}

describe('functions', () => {
  it('are one per service plus the authorizer here, one per job and consumer and the two log foldings in the events stack, all Node.js 24 on arm64', () => {
    const functions = platformFunctions(template);
    const eventFunctions = platformFunctions(eventsTemplate);

    // Each service, the authorizer, the webhook retry function and the site.
    expect(Object.keys(functions)).toHaveLength(services.length + 3);
    // And the log foldings: API usage from the access log, page views from the site's log.
    expect(Object.keys(eventFunctions)).toHaveLength(jobs.length + consumers.length + 2);
    for (const fn of [...Object.values(functions), ...Object.values(eventFunctions)]) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
    }
  });

  it('trace actively, may send traces to X-Ray, and name their metrics namespace and service, every one', () => {
    for (const stack of [template, eventsTemplate]) {
      const stackResources = stack.toJSON().Resources as Resources;
      const xrayRoles = Object.values(stackResources)
        .filter((resource) => resource.Type === 'AWS::IAM::Policy')
        .filter((policy) =>
          policy.Properties.PolicyDocument.Statement.some((statement: { Action: string | string[] }) =>
            [statement.Action].flat().includes('xray:PutTraceSegments'),
          ),
        )
        .flatMap((policy) => policy.Properties.Roles.map((role: { Ref: string }) => role.Ref));
      for (const fn of Object.values(platformFunctions(stack))) {
        expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
        expect(fn.Properties.Environment.Variables).toMatchObject({
          POWERTOOLS_METRICS_NAMESPACE: 'trust-center',
          POWERTOOLS_SERVICE_NAME: expect.any(String),
          // SDK-call subsegments are opt-in (-c traceSdkCalls=true): they cost every cold start.
          TC_TRACE_SDK_CALLS: 'false',
        });
        expect(xrayRoles).toContain(fn.Properties.Role['Fn::GetAtt'][0]);
      }
    }
  });

  it('give each service its Powertools name, the table, the documents bucket and the cursor secret', () => {
    for (const service of services) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            POWERTOOLS_SERVICE_NAME: service.name,
            TC_TABLE_NAME: Match.anyValue(),
            TC_DOCUMENTS_BUCKET: Match.anyValue(),
            TC_CURSOR_SECRET_ARN: Match.anyValue(),
          }),
        },
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: Match.anyValue() }),
      });
    }
  });

  it('read their settings from the environment shared/config.ts reads', () => {
    for (const name of [...services.map((service) => service.name), authorizer.name]) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            POWERTOOLS_SERVICE_NAME: name,
            TC_USER_POOL_ID: Match.anyValue(),
            TC_USER_POOL_CLIENT_ID: Match.anyValue(),
            TC_SENDER_ADDRESS: cdkContext.senderAddress,
            TC_PLAN_TIERS: JSON.stringify(tiers),
            TC_PUBLIC_URL: {
              'Fn::Join': [
                '',
                ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^SiteDistribution'), 'DomainName'] }],
              ],
            },
          }),
        },
      });
    }
  });

  it("give the authorizer (the registry's entry) reads and updates on the table, no puts or deletes", () => {
    const authorizerRole = Object.entries(resources).find(
      ([, resource]) =>
        resource.Type === 'AWS::Lambda::Function' &&
        resource.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === authorizer.name,
    )?.[1].Properties.Role['Fn::GetAtt'][0];
    const policy = Object.values(resources).find(
      (resource) =>
        resource.Type === 'AWS::IAM::Policy' && resource.Properties.Roles[0].Ref === authorizerRole,
    );
    const actions = policy?.Properties.PolicyDocument.Statement.flatMap(
      (statement: { Action: string | string[] }) => statement.Action,
    );

    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    // Updates record a key's last use and store a shared usage key; no Put, no Delete.
    expect(
      actions.filter((action: string) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action)),
    ).toEqual(['dynamodb:UpdateItem']);
    expect(actions).toEqual(
      expect.arrayContaining(['apigateway:GET', 'apigateway:POST', 'apigateway:DELETE']),
    );
  });

  it('grant user administration and email only to the services that need them', () => {
    const serviceNames = services.map((service) => service.name);
    const statements = (service: string) => {
      const role = resources[functionOfService(service)]?.Properties.Role['Fn::GetAtt'][0];
      return Object.values(resources)
        .filter(
          (resource) => resource.Type === 'AWS::IAM::Policy' && resource.Properties.Roles[0].Ref === role,
        )
        .flatMap((resource) => resource.Properties.PolicyDocument.Statement);
    };

    expect(serviceNames).toEqual(expect.arrayContaining(Object.keys(SERVICE_EXTRA_ACCESS)));
    for (const service of serviceNames) {
      const actions = JSON.stringify(statements(service).map((statement) => statement.Action));
      const access = SERVICE_EXTRA_ACCESS[service] ?? [];
      expect(actions.includes('cognito-idp:AdminCreateUser'), service).toBe(
        access.includes('userAdministration'),
      );
      expect(actions.includes('ses:SendEmail'), service).toBe(access.includes('email'));
      const sids = statements(service).map((statement) => statement.Sid);
      expect(sids.includes('MoveUsageKeys') && sids.includes('ReadUsage'), service).toBe(
        access.includes('usagePlanChanges'),
      );
    }
  });

  it('have their own log groups with a retention', () => {
    const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));

    expect(logGroups.length).toBeGreaterThanOrEqual(services.length + 1);
    for (const logGroup of logGroups) expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('read and write table items and query its indexes, but never scan', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement,
    );
    const tableItems = statements.filter((statement) => statement.Sid === 'TableItems');

    expect(tableItems).toHaveLength(services.length + 2); // and the webhook retry function, and the site
    for (const statement of statements) expect([statement.Action].flat()).not.toContain('dynamodb:Scan');
    expect(statements.filter((statement) => statement.Sid === 'TableIndexes')[0].Resource).toHaveLength(2);
  });

  it('use no AWS managed policy (only the account-wide API Gateway log role has one)', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      const principal = role.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service;
      if (principal === 'apigateway.amazonaws.com') continue;
      expect(role.Properties.ManagedPolicyArns, principal).toBeUndefined();
    }
  });
});

describe('REST API', () => {
  it('takes usage-plan keys from the authorizer and binary types from the routes', () => {
    template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      ApiKeySourceType: 'AUTHORIZER',
      BinaryMediaTypes: binaryMediaTypes(routes),
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  it('decodes the brand images for a browser’s Accept, whose first type is the image type it prefers', () => {
    const api = Object.values(template.findResources('AWS::ApiGateway::RestApi'))[0];
    const types = api?.Properties.BinaryMediaTypes as string[];

    // An <img> asks `image/avif,image/webp,…` first; a file upload's form stays binary too.
    expect(types).toEqual(expect.arrayContaining(['image/*', 'image/png', 'multipart/form-data']));
    expect(types).not.toContain('*/*');
  });

  it('has one REQUEST authorizer cached per Authorization header and source address, as configured', () => {
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      // An IP allowlist decides per address: a decision for one address must not serve another.
      IdentitySource: 'method.request.header.Authorization,context.identity.sourceIp',
      AuthorizerResultTtlInSeconds: cdkContext.authorizerCacheTtlSeconds,
    });
  });

  it('declares exactly the routes of the registry, plus a 405 ANY per declared path', () => {
    const declared = methods().filter((method) => method.properties.HttpMethod !== 'ANY');
    const paths = new Set(routes.map((route) => route.path));

    expect(declared.map((method) => method.key).sort()).toEqual(routes.map(routeKey).sort());
    // And the site's two: `/` and `/{proxy+}`.
    expect(methods().filter((method) => method.properties.HttpMethod === 'ANY')).toHaveLength(paths.size + 2);
  });

  it('sends every path no route declares to the site, without an authorizer', () => {
    const site = methods().filter(
      (method) =>
        method.properties.Integration?.Type === 'AWS_PROXY' && method.properties.HttpMethod === 'ANY',
    );

    expect(site).toHaveLength(2);
    for (const method of site) {
      expect(method.properties.AuthorizationType).toBe('NONE');
      expect(JSON.stringify(method.properties.Integration.Uri)).toContain('SiteFunction');
    }
  });

  it.each(routes.map((route) => [routeKey(route), route] as const))(
    '%s has its auth, its key requirement and its service',
    (key, route) => {
      const method = methods().find((candidate) => candidate.key === key);

      expect(method?.properties).toMatchObject({
        OperationName: route.operationId,
        AuthorizationType: route.auth === 'public' ? 'NONE' : 'CUSTOM',
        ApiKeyRequired: route.auth !== 'public',
        Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
      });
      if (route.auth !== 'public')
        expect(method?.properties.AuthorizerId).toEqual({ Ref: expect.stringMatching(/^ApiAuthorizer/) });
      expect(JSON.stringify(method?.properties.Integration.Uri)).toContain(functionOfService(route.service));
    },
  );

  it('answers undeclared methods with a static 405 that lists the allowed ones', () => {
    for (const path of new Set(routes.map((route) => route.path))) {
      const allowed = routes
        .filter((route) => route.path === path)
        .map((route) => route.method)
        .sort()
        .join(', ');
      const method = methods().find((candidate) => candidate.key === `ANY ${path}`);

      expect(method?.properties.Integration).toMatchObject({
        Type: 'MOCK',
        IntegrationResponses: [
          { StatusCode: '405', ResponseParameters: { 'method.response.header.Allow': `'${allowed}'` } },
        ],
      });
    }
  });

  it('logs access, traces, and throttles each public route on its own', () => {
    const publicRoutes = routes.filter((route) => route.auth === 'public');

    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: cdkContext.stage,
      TracingEnabled: true,
      AccessLogSetting: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
        ...publicRoutes.map((route) =>
          Match.objectLike({
            HttpMethod: route.method,
            ResourcePath: route.path.replaceAll('/', '~1').replace(/^~1/, '/~1'),
            ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit,
            ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit,
          }),
        ),
      ]),
    });
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
  });

  it('has a usage plan per plan tier of the context, on the stage', () => {
    template.resourceCountIs('AWS::ApiGateway::UsagePlan', Object.keys(tiers).length);
    for (const [tier, limits] of Object.entries(tiers)) {
      template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        UsagePlanName: `${cdkContext.stage}-trust-center-${tier}`,
        Throttle: { RateLimit: limits.rateLimit, BurstLimit: limits.burstLimit },
        Quota: { Limit: limits.monthlyQuota, Period: 'MONTH' },
        ApiStages: [Match.objectLike({ ApiId: Match.anyValue(), Stage: Match.anyValue() })],
      });
    }
  });

  it.each(GATEWAY_ERROR_RESPONSES.map((response) => [response.type.responseType, response] as const))(
    'answers %s in the error format',
    (_type, response) => {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: response.type.responseType,
        StatusCode: response.statusCode === undefined ? Match.absent() : String(response.statusCode),
        ResponseTemplates: {
          'application/json': Match.stringLikeRegexp(
            `^\\{"error":\\{"type":"${response.errorType}","message":`,
          ),
        },
      });
    },
  );

  it('sends the security headers with every response API Gateway makes by itself', () => {
    const responses = template.findResources('AWS::ApiGateway::GatewayResponse');
    expect(Object.keys(responses).length).toBe(GATEWAY_ERROR_RESPONSES.length);
    for (const resource of Object.values(responses)) {
      expect(resource.Properties.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Cache-Control': "'no-store'",
        'gatewayresponse.header.X-Content-Type-Options': "'nosniff'",
        'gatewayresponse.header.Strict-Transport-Security': expect.stringMatching(/^'max-age=\d+/),
      });
    }
  });

  it('tells a caller the authorizer denied why (an IP allowlist), from the authorizer’s context', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'ACCESS_DENIED',
      StatusCode: '403',
      ResponseTemplates: {
        'application/json': Match.stringLikeRegexp('"message":"\\$context\\.authorizer\\.message"'),
      },
    });
  });

  it('maps the gateway errors the platform relies on to its statuses and types', () => {
    const byType = new Map(GATEWAY_ERROR_RESPONSES.map((response) => [response.type.responseType, response]));

    expect(byType.get('UNAUTHORIZED')).toMatchObject({ statusCode: 401, errorType: 'authentication_error' });
    expect(byType.get('ACCESS_DENIED')).toMatchObject({ statusCode: 403, errorType: 'permission_error' });
    expect(byType.get('MISSING_AUTHENTICATION_TOKEN')).toMatchObject({
      statusCode: 404,
      errorType: 'not_found',
    });
    expect(byType.get('THROTTLED')).toMatchObject({ statusCode: 429, errorType: 'rate_limit_error' });
    expect(byType.get('QUOTA_EXCEEDED')).toMatchObject({ statusCode: 429, errorType: 'rate_limit_error' });
    expect(byType.get('REQUEST_TOO_LARGE')).toMatchObject({ statusCode: 413 });
    expect(byType.has('DEFAULT_4XX') && byType.has('DEFAULT_5XX')).toBe(true);
  });
});

describe('events', () => {
  it('have a bus per stage with an archive', () => {
    eventsTemplate.hasResourceProperties('AWS::Events::EventBus', {
      Name: `${cdkContext.stage}-trust-center`,
    });
    eventsTemplate.hasResourceProperties('AWS::Events::Archive', {
      EventPattern: { source: ['trust-center'] },
    });
  });

  it('send every platform event to the audit log group, with a dead-letter queue', () => {
    eventsTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['trust-center'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::Join': ['', Match.arrayWith([':log-group:'])] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AuditDeadLetters'), 'Arn'] } },
        }),
      ],
    });
    const logsPolicy = Object.values(eventsTemplate.findResources('AWS::Logs::ResourcePolicy'))[0];
    expect(JSON.stringify(logsPolicy?.Properties.PolicyDocument)).toContain('events.amazonaws.com');
  });

  it('keep dead letters encrypted and refuse them without TLS', () => {
    const queues = eventsTemplate.findResources('AWS::SQS::Queue');

    // The audit rule's, the outbox pipe's, the scheduled jobs', the two log foldings' and one per event consumer.
    const deadLetterQueues = 5 + consumers.length;
    expect(Object.keys(queues)).toHaveLength(deadLetterQueues);
    for (const queue of Object.values(queues)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    eventsTemplate.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
      deadLetterQueues,
    );
  });

  it('carry the event envelope as the detail, in valid JSON once the pipe fills it in', () => {
    const filled = OUTBOX_INPUT_TEMPLATE.replace(/"<[^>]+>"/g, '"value"').replace(/<[^>]+>/g, '{"M": {}}');

    expect(Object.keys(JSON.parse(filled))).toEqual([
      'id',
      'type',
      'tenant_id',
      'occurred_at',
      'actor',
      'data',
    ]);
  });

  it('are relayed from the table stream by a pipe that passes outbox items only', () => {
    expect(OUTBOX_FILTER.dynamodb.NewImage.kind.S).toEqual([OUTBOX_KIND]);
    eventsTemplate.hasResourceProperties('AWS::Pipes::Pipe', {
      Source: Match.anyValue(),
      Target: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventsBus'), 'Arn'] },
      SourceParameters: {
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify(OUTBOX_FILTER) }] },
        DynamoDBStreamParameters: Match.objectLike({
          StartingPosition: 'TRIM_HORIZON',
          // An event never waits for a batch to fill (README, "Event pipeline latency").
          MaximumBatchingWindowInSeconds: 0,
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      },
      TargetParameters: Match.objectLike({
        EventBridgeEventBusParameters: Match.objectLike({
          Source: 'trust-center',
          DetailType: '$.dynamodb.NewImage.event.M.type.S',
        }),
        InputTemplate: OUTBOX_INPUT_TEMPLATE,
      }),
    });
  });
});

it('has an SES identity for the sender address domain', () => {
  template.hasResourceProperties('AWS::SES::EmailIdentity', {
    EmailIdentity: String(cdkContext.senderAddress).split('@')[1],
  });
});

describe('CloudFront', () => {
  // The platform's own distribution; the multi-tenant one is test/infra/custom-domains.test.ts's.
  const distribution = () =>
    Object.values(template.findResources('AWS::CloudFront::Distribution')).find(
      (resource) => resource.Properties.DistributionConfig.ConnectionMode === undefined,
    )?.Properties.DistributionConfig;

  it('serves the site’s assets from a private bucket through Origin Access Control', () => {
    // One per distribution: the platform's own and the multi-tenant one (test/infra/site-distribution.test.ts).
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    expect(distribution()).toMatchObject({
      DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' },
      Origins: expect.arrayContaining([
        expect.objectContaining({
          OriginAccessControlId: expect.anything(),
          S3OriginConfig: { OriginAccessIdentity: '' },
        }),
      ]),
    });
  });

  it('sends /api/* to the REST API over HTTPS, uncached, with all viewer headers but Host', () => {
    expect(distribution().CacheBehaviors.at(-1)).toEqual(
      expect.objectContaining({
        PathPattern: '/api/*',
        ViewerProtocolPolicy: 'https-only',
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        AllowedMethods: expect.arrayContaining(['POST', 'PATCH', 'DELETE']),
      }),
    );
    expect(distribution().Origins).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
        }),
      ]),
    );
    const apiOrigin = distribution().Origins.find(
      (origin: { CustomOriginConfig?: unknown }) => origin.CustomOriginConfig,
    );
    expect(apiOrigin.OriginPath).toBe(`/${cdkContext.stage}`);
    expect(JSON.stringify(apiOrigin.DomainName)).toMatch(/"Ref":"ApiRestApi[^"]*"\},"\.execute-api\./);
  });

  it("caches the trust center's visitor routes per viewer host and language, before /api/*", () => {
    const patterns = distribution().CacheBehaviors.map(
      (behaviour: { PathPattern: string }) => behaviour.PathPattern,
    );
    const trustJson = distribution().CacheBehaviors.find(
      (behaviour: { PathPattern: string }) => behaviour.PathPattern === '/trust.json',
    );

    expect(patterns).toEqual(
      expect.arrayContaining([
        '/trust.json',
        '/.well-known/security.txt',
        '/mcp',
        '/api/v1/public/trust-center',
      ]),
    );
    expect(patterns.at(-1)).toBe('/api/*');
    expect(trustJson.CachePolicyId).toEqual({ Ref: expect.stringMatching(/VisitorCache/) });
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['x-tc-viewer-host', 'Accept-Language'] },
        }),
      }),
    });
  });

  it('logs to the logs bucket and adds security headers to every response', () => {
    expect(distribution().Logging).toMatchObject({ Bucket: expect.anything(), Prefix: 'cloudfront/' });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      },
    });
  });
});

describe('deployment variants', () => {
  it('leaves the account-wide API Gateway log role alone when the context says so', () => {
    const { api } = testPlatform({ context: { manageApiGatewayLogRole: false } });

    stackTemplate(api).resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  it('answers on the custom domain with its certificate and TLS 1.2 (2021) at least', () => {
    const { api } = testPlatform({
      context: {
        domainName: 'trust.example.com',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      },
    });

    stackTemplate(api).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['trust.example.com'],
        ViewerCertificate: {
          AcmCertificateArn:
            'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
  });
});
