import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnOutput, Duration, NestedStack, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { PlatformConfig } from '#infra/config';
import {
  grantAuthorizerCacheFlush,
  grantUsageKeys,
  grantUsagePlanChanges,
} from '#infra/constructs/api-gateway-grants';
import {
  type CustomDomainTarget,
  customDomainEnvironment,
  grantDistributionTenants,
} from '#infra/constructs/custom-domains';
import { EmailTemplates } from '#infra/constructs/email-templates';
import { grantDocuments, grantSendEmail, grantUserAdministration } from '#infra/constructs/grants';
import { PlatformApi, usagePlanName } from '#infra/constructs/platform-api';
import { ServiceFunction } from '#infra/constructs/service-function';
import { SiteDistribution } from '#infra/constructs/site-distribution';
import { grantAuthorizerUpdates, grantTableData, grantTableReads } from '#infra/constructs/table-grants';
import { WebhookRetries } from '#infra/constructs/webhook-retries';
import { PRODUCT } from '#infra/project';
import { authorizer, routes, services, site } from '#services/registry';
import { buildSiteAssets } from '../../web/build.ts';

export interface ApiStackProps extends StackProps {
  config: PlatformConfig;
  table: dynamodb.ITableV2;
  /** The documents bucket's name (see documentsBucketName); imported by name, not referenced. */
  documentsBucketName: string;
  logsBucket: s3.IBucket;
  userPool: cognito.IUserPool;
  userPoolClient: cognito.IUserPoolClient;
  cursorSecret: secretsmanager.ISecret;
  /** Seals stored secrets (webhook signing secrets, chat webhook URLs); read by the services that keep them. */
  sealingKey: secretsmanager.ISecret;
}

/** Access a service has beyond what every service gets (the table, the documents, the cursor secret). */
export type ExtraAccess = 'userAdministration' | 'email' | 'usageKeys' | 'usagePlanChanges' | 'sealedSecrets';

/**
 * By service name. The registry does not declare what a service reaches, so it is listed here; a test
 * checks every name is a service of the registry.
 */
/** Seconds, where a service needs longer than the default: webhooks' test and replay wait on an outbound POST (10 s). */
const SERVICE_TIMEOUT_SECONDS: Readonly<Record<string, number>> = { webhooks: 25 };

export const SERVICE_EXTRA_ACCESS: Readonly<Record<string, readonly ExtraAccess[]>> = {
  identity: ['userAdministration', 'email', 'usageKeys'],
  notifications: ['email', 'sealedSecrets'],
  webhooks: ['sealedSecrets'],
  'access-requests': ['email'],
  // A plan change moves the organization's usage keys between usage plans; the usage report reads their counts.
  billing: ['usagePlanChanges'],
};

/**
 * Everything stateless: one Lambda per service of the registry and the authorizer, the REST API built
 * from the route table, the SES identity and templates, webhook retries and the CloudFront distribution
 * (the event bus, the outbox pipe, consumers and jobs are the events stack's). Replacing any of it loses
 * no data.
 */
export class ApiStack extends Stack {
  readonly serviceFunctions: ReadonlyMap<string, ServiceFunction>;
  readonly authorizerFunction: ServiceFunction;
  readonly api: PlatformApi;
  /** What shared/config.ts reads, TC_PUBLIC_URL included: the events stack's functions get the same. */
  readonly functionEnvironment: Record<string, string>;
  readonly senderIdentity: ses.EmailIdentity;
  readonly emailTemplates: EmailTemplates;
  readonly webhookRetries: WebhookRetries;
  readonly site: SiteDistribution;
  readonly siteFunction: ServiceFunction;
  /**
   * The service and site functions, each with its role, policy and log group: a stack
   * holds at most 500 resources (CloudFormation quota) and the API's methods and resources take most of
   * the parent's, so the functions live in a nested stack of their own.
   */
  readonly functionsStack: NestedStack;
  /** Shared only by CloudFront and the functions: the origin trusts the viewer host beside it. */
  readonly originVerifySecret: secretsmanager.Secret;
  /** Where verified custom domains get their distribution tenants (the brand service, the verification job). */
  readonly customDomains: CustomDomainTarget;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const documentsBucket = s3.Bucket.fromBucketName(this, 'DocumentsBucket', props.documentsBucketName);
    this.senderIdentity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: ses.Identity.domain(config.senderDomain),
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
    });
    // A stack holds at most 500 resources (see functionsStack): the templates (one per template and
    // language, referenced only by name) live in a nested stack of their own.
    const mail = new NestedStack(this, 'Mail', {
      description: `${config.stage} ${PRODUCT}: SES email templates`,
    });
    this.emailTemplates = new EmailTemplates(mail, 'EmailTemplates', { stage: config.stage });

    this.originVerifySecret = new secretsmanager.Secret(this, 'OriginVerifySecret', {
      description: `${config.stage} ${PRODUCT}: sent by CloudFront to the API origin; vouches for x-tc-viewer-host`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.originVerifySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront reads this value at deploy time (an origin custom header); rotating it means a redeploy of the distribution, so it is rotated by putting a new value and deploying, not by a rotation Lambda.',
    });

    // What shared/config.ts reads; TC_PUBLIC_URL follows once the distribution exists.
    const environment = {
      TC_TABLE_NAME: props.table.tableName,
      TC_DOCUMENTS_BUCKET: documentsBucket.bucketName,
      TC_CURSOR_SECRET_ARN: props.cursorSecret.secretArn,
      TC_USER_POOL_ID: props.userPool.userPoolId,
      TC_USER_POOL_CLIENT_ID: props.userPoolClient.userPoolClientId,
      TC_SENDER_ADDRESS: config.senderAddress,
      TC_PLAN_TIERS: JSON.stringify(config.planTiers),
      // Names the SES templates (`<stage>-trust-center-<name>-<lang>`) and, with TC_REST_API_ID, the stage to flush.
      TC_STAGE_NAME: config.stage,
      TC_WEBHOOK_SECRET_KEY_ARN: props.sealingKey.secretArn,
      TC_AUDIT_RETENTION_DAYS: String(config.auditRetentionDays),
      // The tenant of a public request is the viewer's host, as CloudFront names it (services/brand/hosts.ts).
      TC_VIEWER_HOST_SOURCE: 'cloudfront',
      TC_ORIGIN_VERIFY_SECRET_ARN: this.originVerifySecret.secretArn,
      ...(config.domainName ? { TC_PLATFORM_HOST: config.domainName } : {}),
    };

    this.functionsStack = new NestedStack(this, 'Functions', {
      description: `${config.stage} ${PRODUCT}: the service, authorizer and site functions`,
    });
    const functions = this.functionsStack;
    const serviceFunctions = new Map<string, ServiceFunction>();
    for (const service of services) {
      const fn = new ServiceFunction(functions, `Service-${service.name}`, {
        serviceName: service.name,
        entry: service.entry,
        stage: config.stage,
        description: `${config.stage} ${PRODUCT} ${service.name} service`,
        timeout: Duration.seconds(SERVICE_TIMEOUT_SECONDS[service.name] ?? 10),
        environment,
      });
      grantTableData(fn.role, props.table);
      grantDocuments(fn.role, documentsBucket);
      props.cursorSecret.grantRead(fn.role);
      this.originVerifySecret.grantRead(fn.role);
      for (const access of SERVICE_EXTRA_ACCESS[service.name] ?? []) {
        if (access === 'userAdministration') grantUserAdministration(fn.role, props.userPool);
        if (access === 'email') grantSendEmail(fn.role, this.senderIdentity, config.stage);
        if (access === 'sealedSecrets') props.sealingKey.grantRead(fn.role);
      }
      serviceFunctions.set(service.name, fn);
    }
    this.serviceFunctions = serviceFunctions;

    // Webhook deliveries that failed are retried from a delayed queue; the webhooks API (test, replay) and
    // the dispatcher consumer (events stack) schedule them.
    this.webhookRetries = new WebhookRetries(this, 'WebhookRetries', {
      stage: config.stage,
      table: props.table,
      secretKey: props.sealingKey,
      environment,
    });
    Object.assign(environment, this.webhookRetries.environment);
    const webhooks = serviceFunctions.get('webhooks');
    if (webhooks) {
      for (const [name, value] of Object.entries(this.webhookRetries.environment))
        webhooks.function.addEnvironment(name, value);
      this.webhookRetries.grantDeliver(webhooks.role);
    }

    this.authorizerFunction = new ServiceFunction(this, 'Authorizer', {
      serviceName: authorizer.name,
      entry: authorizer.entry,
      stage: config.stage,
      description: `${config.stage} ${PRODUCT} REQUEST authorizer (Cognito JWT or API key)`,
      memorySize: 512,
      timeout: Duration.seconds(5),
      environment,
    });
    // In this stack, not the nested one: its invoke permission names the authorizer, which names the function.
    // Looks credentials up (API key hashes, members); Cognito's JWKS is public and needs no grant.
    grantTableReads(this.authorizerFunction.role, props.table);
    grantAuthorizerUpdates(this.authorizerFunction.role, props.table);

    // The site's assets are built at synth (hashed names); its function links them by the manifest, and
    // the distribution deploys the same folder to the assets bucket (SiteAssets).
    const siteAssetsDir = mkdtempSync(join(tmpdir(), 'site-assets-'));
    const siteAssets = buildSiteAssets(siteAssetsDir);
    this.siteFunction = new ServiceFunction(functions, 'SiteFunction', {
      serviceName: site.name,
      entry: site.entry,
      stage: config.stage,
      description: `${config.stage} ${PRODUCT} trust-center site (server-rendered pages)`,
      environment: { ...environment, TC_SITE_ASSETS: JSON.stringify(siteAssets) },
    });
    // The pages call the visitor's use cases: access requests, sessions, watermarked downloads, subscriptions.
    grantTableData(this.siteFunction.role, props.table);
    grantDocuments(this.siteFunction.role, documentsBucket);
    props.cursorSecret.grantRead(this.siteFunction.role);
    this.originVerifySecret.grantRead(this.siteFunction.role);
    grantSendEmail(this.siteFunction.role, this.senderIdentity, config.stage);

    this.api = new PlatformApi(this, 'Api', {
      stage: config.stage,
      routes,
      serviceFunctions: new Map([...serviceFunctions].map(([name, fn]) => [name, fn.function])),
      authorizerFunction: this.authorizerFunction.function,
      siteFunction: this.siteFunction.function,
      authorizerCacheTtlSeconds: config.authorizerCacheTtlSeconds,
      planTiers: config.planTiers,
      manageAccountLogRole: config.manageApiGatewayLogRole,
    });

    // Usage keys are attached to the tier's plan, found by name; the identity service and the authorizer create them.
    const usagePlanNames = Object.fromEntries(
      Object.keys(config.planTiers).map((tier) => [tier, usagePlanName(config.stage, tier)]),
    );
    for (const [name, fn] of [...serviceFunctions, ['authorizer', this.authorizerFunction] as const]) {
      const access = SERVICE_EXTRA_ACCESS[name] ?? [];
      const changesPlans = access.includes('usagePlanChanges');
      if (name !== 'authorizer' && !access.includes('usageKeys') && !changesPlans) continue;
      fn.function.addEnvironment('TC_USAGE_PLAN_NAMES', JSON.stringify(usagePlanNames));
      grantUsageKeys(fn.role, this.region);
      if (changesPlans) grantUsagePlanChanges(fn.role, this.region);
    }
    // The services that revoke access flush the stage's authorizer cache; the stage name is the literal,
    // since a reference to the stage would make the deployment depend on these functions' own policies.
    for (const [name, fn] of serviceFunctions) {
      if (!(SERVICE_EXTRA_ACCESS[name] ?? []).includes('usageKeys')) continue;
      fn.function.addEnvironment('TC_REST_API_ID', this.api.restApi.restApiId);
      grantAuthorizerCacheFlush(fn.role, this.region, this.api.restApi.restApiId, config.stage);
    }

    this.site = new SiteDistribution(this, 'Site', {
      stage: config.stage,
      api: this.api.restApi,
      logsBucket: props.logsBucket,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
      originVerifySecret: this.originVerifySecret,
      assetsDir: siteAssetsDir,
    });
    this.customDomains = this.site.customDomains;
    const brand = serviceFunctions.get('brand');
    if (brand) {
      for (const [name, value] of Object.entries(customDomainEnvironment(this.customDomains)))
        brand.function.addEnvironment(name, value);
      grantDistributionTenants(brand.role, this.customDomains);
    }
    new CfnOutput(this, 'CustomDomainTarget', {
      value: this.site.connectionGroup.attrRoutingEndpoint,
      description: 'Custom domains: point a CNAME here once the domain is verified',
    });
    // Links in email (invitations) open the site.
    const publicUrl = `https://${config.domainName ?? this.site.distribution.distributionDomainName}`;
    this.functionEnvironment = { ...environment, TC_PUBLIC_URL: publicUrl };
    for (const fn of [...serviceFunctions.values(), this.authorizerFunction, this.siteFunction]) {
      fn.function.addEnvironment('TC_PUBLIC_URL', publicUrl);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.restApi.url, description: 'The REST API stage URL' });
    new CfnOutput(this, 'PublicUrl', {
      value: publicUrl,
      description: 'The trust center site, and the API under /api/*',
    });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.site.distribution.distributionDomainName,
      description: 'Point the custom domain here',
    });
    new CfnOutput(this, 'AssetsBucketName', {
      value: this.site.assetsBucket.bucketName,
      description: "The site's built assets, under assets/ (CloudFront's /assets/*)",
    });
    for (const [tier, plan] of this.api.usagePlans) {
      new CfnOutput(this, `UsagePlanId-${tier}`, {
        value: plan.usagePlanId,
        description: `Usage plan of the ${tier} tier`,
      });
    }
    const dkimRecords = [
      [this.senderIdentity.dkimDnsTokenName1, this.senderIdentity.dkimDnsTokenValue1],
      [this.senderIdentity.dkimDnsTokenName2, this.senderIdentity.dkimDnsTokenValue2],
      [this.senderIdentity.dkimDnsTokenName3, this.senderIdentity.dkimDnsTokenValue3],
    ] as const;
    dkimRecords.forEach(([name, value], index) => {
      new CfnOutput(this, `SenderDkimRecord${index + 1}`, {
        value: `${name} CNAME ${value}`,
        description: `Publish in the DNS of ${config.senderDomain} so SES can send as ${config.senderAddress}`,
      });
    });
  }
}
