/**
 * Runtime configuration, read from the environment: the CDK stack sets these on every Lambda, the local
 * platform sets them before it loads the services. Read lazily so that importing a service never fails.
 */
function optional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * One plan as the deployment configures it (cdk.json `planTiers.<id>`; infra/config.ts validates it at
 * synth): the API Gateway usage plan, the price, the limits checked where things are created, the features.
 */
export interface PlanSettings {
  /** Shown to people: "Business". */
  name: string;
  /** Requests per second, burst (requests), requests per calendar month (UTC): the usage plan. */
  rateLimit: number;
  burstLimit: number;
  monthlyQuota: number;
  /** The monthly price in whole units of `currency` (ISO 4217, lower case, as seed 4 shows: 5000 usd). */
  price: { amount: number; currency: string };
  /** What an organization on the plan may hold at once. */
  /** `analytics_retention_days`: how long visitor analytics are kept, in days (services/analytics). */
  limits: {
    members: number;
    documents: number;
    storage_bytes: number;
    custom_domains: number;
    analytics_retention_days: number;
  };
  /** What the plan includes; `custom_domains` is required, other switches are free-form. */
  features: { custom_domains: boolean } & Record<string, boolean>;
}

export const config = {
  get region(): string {
    return optional('AWS_REGION') ?? 'us-east-1';
  },
  get tableName(): string {
    return optional('TC_TABLE_NAME') ?? 'trust-center';
  },
  get documentsBucket(): string {
    return optional('TC_DOCUMENTS_BUCKET') ?? 'trust-center-documents';
  },
  /** Endpoint overrides for the local emulators; unset in AWS. */
  endpoint(service: 'dynamodb' | 's3' | 'cognito' | 'ses' | 'events' | 'apigateway'): string | undefined {
    return optional(`TC_ENDPOINT_${service.toUpperCase()}`);
  },
  /** Signs pagination cursors. Locally from the environment; in AWS resolved from Secrets Manager at cold start. */
  get cursorSecret(): string | undefined {
    return optional('TC_CURSOR_SECRET');
  },
  get cursorSecretArn(): string | undefined {
    return optional('TC_CURSOR_SECRET_ARN');
  },
  get developmentCredentialSecret(): string | undefined {
    return optional('TC_DEV_CREDENTIAL_SECRET');
  },
  get userPoolId(): string {
    return optional('TC_USER_POOL_ID') ?? 'unset';
  },
  get userPoolClientId(): string {
    return optional('TC_USER_POOL_CLIENT_ID') ?? 'unset';
  },
  /** Where Cognito's signing keys are; locally the emulator's, in AWS derived from the pool. */
  get jwksUri(): string | undefined {
    return optional('TC_JWKS_URI');
  },
  get senderAddress(): string {
    return optional('TC_SENDER_ADDRESS') ?? 'trust@example.com';
  },
  /** Where people open links from email (invitations); the site's own URL. */
  get publicUrl(): string {
    return optional('TC_PUBLIC_URL') ?? 'http://localhost:3000';
  },
  /**
   * The plans (from `cdk.json` context `planTiers`, validated by infra/config.ts), by id; organizations
   * pick one. Each is a usage-plan tier plus price, limits and features (services/billing/plans.ts).
   */
  get planTiers(): Record<string, PlanSettings> {
    const raw = optional('TC_PLAN_TIERS');
    return raw ? JSON.parse(raw) : {};
  },
  /** API Gateway usage plan name per plan tier; keys of a tenant are attached to its tier's plan. */
  get usagePlanNames(): Record<string, string> {
    const raw = optional('TC_USAGE_PLAN_NAMES');
    return raw ? JSON.parse(raw) : {};
  },
  /** The REST API and stage this code serves, for flushing its authorizer cache. */
  get api(): { restApiId: string | undefined; stageName: string | undefined } {
    return { restApiId: optional('TC_REST_API_ID'), stageName: optional('TC_STAGE_NAME') };
  },
  /** Outbound calls (webhooks, Slack, Teams) may reach http and private addresses; only the local platform. */
  get outboundAllowPrivate(): boolean {
    return optional('TC_OUTBOUND_ALLOW_PRIVATE') === 'true';
  },
  /** Encrypts webhook signing secrets at rest (base64, 32 bytes). Locally from the environment; in AWS resolved from Secrets Manager. */
  get webhookSecretKey(): string | undefined {
    return optional('TC_WEBHOOK_SECRET_KEY');
  },
  get webhookSecretKeyArn(): string | undefined {
    return optional('TC_WEBHOOK_SECRET_KEY_ARN');
  },
  /** The SQS queue that delays webhook retries in AWS; unset locally (in-process timers). */
  get webhookRetryQueueUrl(): string | undefined {
    return optional('TC_WEBHOOK_RETRY_QUEUE_URL');
  },
  /** Multiplies the webhook retry delays; tests set it small before the platform starts. */
  get webhookRetryScale(): number {
    const raw = Number(optional('TC_WEBHOOK_RETRY_SCALE') ?? '1');
    return Number.isFinite(raw) && raw > 0 ? raw : 1;
  },
  /** How long audit log entries are kept (from `cdk.json` context `auditRetentionDays`); a year by default. */
  get auditRetentionDays(): number {
    const days = Number(optional('TC_AUDIT_RETENTION_DAYS') ?? 365);
    return Number.isInteger(days) && days > 0 ? days : 365;
  },
  /**
   * Whether content changes invalidate CloudFront (`cloudfront` in AWS, where the stack sets it); unset
   * locally, where no CDN keeps anything.
   */
  get cdnInvalidation(): 'cloudfront' | undefined {
    return optional('TC_CDN_INVALIDATION') === 'cloudfront' ? 'cloudfront' : undefined;
  },
  /** The site distribution, invalidated whole for a host that has no distribution tenant of its own. */
  get distributionId(): string | undefined {
    return optional('TC_DISTRIBUTION_ID');
  },
  /** Check every response against its declared schema; on locally and in tests, off in AWS. */
  get validateResponses(): boolean {
    return optional('TC_VALIDATE_RESPONSES') === 'true';
  },
};
