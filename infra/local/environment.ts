/**
 * The local platform's configuration: the plan tiers from cdk.json, and the environment that points the
 * services' SDK clients and settings at the emulators.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LocalResources } from '#infra/local/bootstrap';
import type { ApiGatewayEmulator } from '#infra/local/emulators/api-gateway';
import { type Emulators, localAws } from '#infra/local/emulators/index';
import type { LocalSecrets } from '#infra/local/secrets';
import type { PlanTier } from '#infra/local/usage-plan-limiter';

const root = resolve(import.meta.dirname, '../..');

/** The plan tiers come from `cdk.json` context, the one place a deployment configures them. */
export async function planTiers(): Promise<Record<string, PlanTier>> {
  const cdk = JSON.parse(await readFile(resolve(root, 'cdk.json'), 'utf8')) as {
    context?: { planTiers?: Record<string, PlanTier> };
  };
  return cdk.context?.planTiers ?? {};
}

/** Points the services' SDK clients and configuration at the emulators, as the CDK stack does in AWS. */
export function configureEnvironment(
  emulators: Emulators,
  apiGateway: ApiGatewayEmulator,
  tiers: Record<string, PlanTier>,
  resources: LocalResources,
  secrets: LocalSecrets,
): void {
  Object.assign(process.env, {
    AWS_REGION: localAws.region,
    AWS_ACCESS_KEY_ID: localAws.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localAws.credentials.secretAccessKey,
    TC_ENDPOINT_DYNAMODB: emulators.endpoints.dynamodb,
    TC_ENDPOINT_S3: emulators.endpoints.s3,
    TC_ENDPOINT_COGNITO: emulators.endpoints.cognito,
    TC_ENDPOINT_SES: emulators.endpoints.ses,
    TC_ENDPOINT_EVENTS: emulators.endpoints.eventBus,
    TC_TABLE_NAME: resources.tableName,
    TC_DOCUMENTS_BUCKET: resources.documentsBucket,
    TC_CURSOR_SECRET: secrets.cursorSecret,
    TC_DEV_CREDENTIAL_SECRET: secrets.developmentCredentialSecret,
    TC_WEBHOOK_SECRET_KEY: secrets.webhookSecretKey,
    TC_USER_POOL_ID: resources.userPoolId,
    TC_USER_POOL_CLIENT_ID: resources.userPoolClientId,
    TC_JWKS_URI: `${emulators.endpoints.cognito}/${resources.userPoolId}/.well-known/jwks.json`,
    TC_SENDER_ADDRESS: resources.senderAddress,
    TC_ENDPOINT_APIGATEWAY: apiGateway.endpoint,
    TC_PLAN_TIERS: JSON.stringify(tiers),
    // Locally a usage plan's name (and id) is its tier's name.
    TC_REST_API_ID: 'local',
    TC_STAGE_NAME: 'local',
    TC_USAGE_PLAN_NAMES: JSON.stringify(Object.fromEntries(Object.keys(tiers).map((tier) => [tier, tier]))),
    // Every answer checked against its route's schema; a deployment does not. The benches turn it off, to
    // measure what a deployment runs.
    TC_VALIDATE_RESPONSES: process.env.TC_VALIDATE_RESPONSES ?? 'true',
    // Local receivers (tests, a developer's tunnel) listen on http://127.0.0.1.
    TC_OUTBOUND_ALLOW_PRIVATE: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // No CloudWatch reads EMF here and no X-Ray daemon listens: metrics and traces stay off unless asked for.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    POWERTOOLS_TRACE_ENABLED: process.env.POWERTOOLS_TRACE_ENABLED ?? 'false',
  });
}
