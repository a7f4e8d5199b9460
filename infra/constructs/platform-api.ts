import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { PlanTier } from '#infra/config';
import { addGatewayErrorResponses } from '#infra/constructs/gateway-responses';
import { PRODUCT } from '#infra/project';
import { binaryMediaTypes, type Route, routeKey } from '#shared/http/route';
import { accessLogFormat } from '#shared/observability/access-log';

export interface PlatformApiProps {
  stage: string;
  routes: readonly Route[];
  /** The Lambda function of each service, by service name. */
  serviceFunctions: ReadonlyMap<string, lambda.IFunction>;
  authorizerFunction: lambda.IFunction;
  /** The trust-center site: every path no route declares (`/` and `/{proxy+}`), CloudFront's default. */
  siteFunction?: lambda.IFunction;
  authorizerCacheTtlSeconds: number;
  planTiers: Readonly<Record<string, PlanTier>>;
  /** Create the region's API Gateway CloudWatch role (AWS::ApiGateway::Account); logging needs one. */
  manageAccountLogRole: boolean;
}

/** Public routes are not metered by a usage plan; each is capped on its own instead. */
export const PUBLIC_ROUTE_THROTTLE = { rateLimit: 50, burstLimit: 100 };

/**
 * The REST API, built from the route table: one resource path and method per route, integrated with its
 * service's Lambda; one REQUEST authorizer for every non-public route; usage plans per plan tier, selected
 * by the key the authorizer returns; and API Gateway's own errors in the services' error format.
 */
export class PlatformApi extends Construct {
  readonly restApi: apigateway.RestApi;
  readonly authorizer: apigateway.RequestAuthorizer;
  readonly usagePlans: ReadonlyMap<string, apigateway.UsagePlan>;
  /** The stage's access log: one JSON line per request, which the API usage counters are folded from. */
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PlatformApiProps) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.accessLogs = accessLogs;

    this.restApi = new apigateway.RestApi(this, 'RestApi', {
      restApiName: `${props.stage}-${PRODUCT}`,
      description: `${PRODUCT} Admin API (${props.stage}), generated from services/registry.ts`,
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      apiKeySourceType: apigateway.ApiKeySourceType.AUTHORIZER,
      binaryMediaTypes: binaryMediaTypes(props.routes),
      // API Gateway writes every CloudWatch log (access and execution) through one role per account and region.
      cloudWatchRole: props.manageAccountLogRole,
      // Kept on delete: other APIs in the account may log through it by then.
      ...(props.manageAccountLogRole ? { cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN } : {}),
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        metricsEnabled: true,
        // Errors only, and never request or response bodies (they hold credentials and tenant data).
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        // One JSON line per request (shared/observability/access-log.ts); the usage folding reads it.
        accessLogFormat: apigateway.AccessLogFormat.custom(accessLogFormat()),
        methodOptions: Object.fromEntries(
          props.routes
            .filter((route) => route.auth === 'public')
            .map((route) => [
              `${route.path}/${route.method}`,
              {
                throttlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit,
                throttlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit,
              },
            ]),
        ),
      },
    });

    this.authorizer = new apigateway.RequestAuthorizer(this, 'Authorizer', {
      authorizerName: `${props.stage}-${PRODUCT}-credentials`,
      handler: props.authorizerFunction,
      // The cache key is every identity source. JWTs and API keys both travel in Authorization, so the
      // cache always has it; the source address is part of the key because an API key's IP allowlist
      // decides per address: a decision for one address must not serve another for the cache TTL.
      identitySources: [
        apigateway.IdentitySource.header('Authorization'),
        apigateway.IdentitySource.context('identity.sourceIp'),
      ],
      resultsCacheTtl: Duration.seconds(props.authorizerCacheTtlSeconds),
    });

    this.addRoutes(props);
    if (props.siteFunction) this.addSite(props.siteFunction);
    addGatewayErrorResponses(this.restApi);
    this.usagePlans = this.addUsagePlans(props);
    this.acknowledgeFindings();
  }

  private addRoutes(props: PlatformApiProps): void {
    const integrations = new Map<string, apigateway.LambdaIntegration>();
    const integrationOf = (service: string) => {
      let integration = integrations.get(service);
      if (!integration) {
        const handler = props.serviceFunctions.get(service);
        if (!handler)
          throw new Error(`No Lambda function for service "${service}" (is it in services/registry.ts?)`);
        // One permission per function for this API rather than one per method: with a permission per method
        // the stack passed CloudFormation's 500-resource limit.
        integration = new apigateway.LambdaIntegration(handler, {
          proxy: true,
          scopePermissionToMethod: false,
        });
        integrations.set(service, integration);
      }
      return integration;
    };

    const methodsByPath = new Map<string, string[]>();
    for (const route of props.routes) {
      const resource = this.restApi.root.resourceForPath(route.path);
      const method = resource.addMethod(route.method, integrationOf(route.service), {
        operationName: route.operationId,
        ...(route.auth === 'public'
          ? { authorizationType: apigateway.AuthorizationType.NONE, apiKeyRequired: false }
          : {
              authorizationType: apigateway.AuthorizationType.CUSTOM,
              authorizer: this.authorizer,
              // The authorizer returns each credential's usage key as usageIdentifierKey; its plan throttles.
              apiKeyRequired: true,
            }),
      });
      if (route.auth === 'public') {
        Validations.of(method).acknowledge(
          {
            id: 'AwsSolutions-APIG4',
            reason: `${routeKey(route)} is declared public in the route table (auth: 'public'): it either gives a caller its credential (sign-in, token refresh, invitation acceptance, which check what the body carries) or serves public content, so it cannot demand one; it is throttled per method instead.`,
          },
          {
            id: 'AwsSolutions-COG4',
            reason: `${routeKey(route)} is declared public in the route table (auth: 'public'): there is no Authorization credential for a user pool authorizer to check.`,
          },
        );
      }
      methodsByPath.set(route.path, [...(methodsByPath.get(route.path) ?? []), route.method]);
    }
    for (const [path, methods] of methodsByPath) this.answerUndeclaredMethods(path, methods);
  }

  /**
   * The site answers everything the route table does not: API Gateway prefers a declared resource to the
   * greedy `{proxy+}`, so the API's routes keep their own integrations. Public, like the pages it serves.
   */
  private addSite(siteFunction: lambda.IFunction): void {
    const integration = new apigateway.LambdaIntegration(siteFunction, {
      proxy: true,
      scopePermissionToMethod: false,
    });
    for (const resource of [this.restApi.root, this.restApi.root.addResource('{proxy+}')]) {
      const method = resource.addMethod('ANY', integration, {
        authorizationType: apigateway.AuthorizationType.NONE,
      });
      Validations.of(method).acknowledge(
        {
          id: 'AwsSolutions-APIG4',
          reason: `ANY ${resource.path} is the trust-center site, read by anonymous visitors; its forms check their own proof of work, origin and visitor session.`,
        },
        {
          id: 'AwsSolutions-COG4',
          reason: `ANY ${resource.path} is the public trust-center site, read by anonymous visitors: they carry no Cognito credential for a user pool authorizer to check.`,
        },
      );
    }
  }

  /**
   * API Gateway would answer an undeclared method on a declared path like an unknown path; the platform
   * (and the local gateway) answer 405 with `Allow`, so every declared path gets a static ANY method.
   */
  private answerUndeclaredMethods(path: string, methods: readonly string[]): void {
    const allow = [...methods].sort().join(', ');
    const method = this.restApi.root.resourceForPath(path).addMethod(
      'ANY',
      new apigateway.MockIntegration({
        requestTemplates: { 'application/json': '{"statusCode": 405}' },
        passthroughBehavior: apigateway.PassthroughBehavior.WHEN_NO_MATCH,
        integrationResponses: [
          {
            statusCode: '405',
            responseParameters: {
              'method.response.header.Allow': `'${allow}'`,
              'method.response.header.Content-Type': "'application/json'",
            },
            responseTemplates: {
              'application/json': `{"error":{"type":"method_not_allowed","message":"Method not allowed; allowed: ${allow}","correlation_id":"$context.requestId"}}`,
            },
          },
        ],
      }),
      {
        authorizationType: apigateway.AuthorizationType.NONE,
        methodResponses: [
          {
            statusCode: '405',
            responseParameters: {
              'method.response.header.Allow': true,
              'method.response.header.Content-Type': true,
            },
          },
        ],
      },
    );
    Validations.of(method).acknowledge(
      {
        id: 'AwsSolutions-APIG4',
        reason: `The ANY method on ${path} is a mock integration that answers a static 405 listing the declared methods (${allow}); it reaches no backend and returns no data.`,
      },
      {
        id: 'AwsSolutions-COG4',
        reason: `The ANY method on ${path} is a mock integration that answers a static 405; there is nothing to authorize.`,
      },
    );
  }

  private addUsagePlans(props: PlatformApiProps): Map<string, apigateway.UsagePlan> {
    const plans = new Map<string, apigateway.UsagePlan>();
    for (const [tier, limits] of Object.entries(props.planTiers)) {
      const plan = this.restApi.addUsagePlan(`UsagePlan-${tier}`, {
        name: usagePlanName(props.stage, tier),
        description: `The ${tier} plan: ${limits.rateLimit} requests/s (burst ${limits.burstLimit}), ${limits.monthlyQuota} requests/month`,
        throttle: { rateLimit: limits.rateLimit, burstLimit: limits.burstLimit },
        quota: { limit: limits.monthlyQuota, period: apigateway.Period.MONTH },
        apiStages: [{ api: this.restApi, stage: this.restApi.deploymentStage }],
      });
      plans.set(tier, plan);
    }
    return plans;
  }

  private acknowledgeFindings(): void {
    const logRole = this.restApi.node.tryFindChild('CloudWatchRole');
    if (logRole) {
      Validations.of(logRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          "This is the region's account-level API Gateway logging role (AWS::ApiGateway::Account), the one role API Gateway uses to write every API's access and execution logs, so it cannot be scoped to this API's log groups; AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for it and grants CloudWatch Logs actions only.",
      });
    }
    Validations.of(this.restApi).acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          "Every route validates its path, query and body against the route table's zod schemas in the service pipeline (shared/http/validation.ts), which answers the documented 400 validation_error naming the bad param; an API Gateway validator would answer in another format and duplicate the schemas.",
      },
      {
        id: 'AwsSolutions-COG4',
        reason:
          'The Authorization header carries either a Cognito JWT or a platform API key (sk_live_…, stored only as a hash); a Cognito user pool authorizer can verify only the first, so one REQUEST Lambda authorizer verifies both, passes the tenant, role and scopes to the services and returns the usage-plan key.',
      },
    );
    Validations.of(this.restApi.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'Tenant routes are metered per credential by usage plans (rate, burst, monthly quota) and public routes are throttled per method; the API is fronted by CloudFront. A WAF web ACL (priced per ACL and rule) is left for the operator to attach to the stage where their threat model asks for it.',
    });
  }
}

/** Usage plans are found by this name at run time (see grantUsageKeys). */
export function usagePlanName(stage: string, tier: string): string {
  return `${stage}-${PRODUCT}-${tier}`;
}
