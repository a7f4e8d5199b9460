import type { Construct } from 'constructs';
import * as z from 'zod';
import type { PlanSettings } from '#shared/config';

/**
 * The deployment's settings, read from `cdk.json` context (or `-c key=value` on the command line) and
 * validated once, so that a typo fails `cdk synth` with a message rather than a half-configured stack.
 */
export interface PlatformConfig {
  /** Prefixes stack and resource names, so several stages can share one account. */
  stage: string;
  /** The trust center's own host name; without it the distribution answers on its *.cloudfront.net name. */
  domainName: string | undefined;
  /** ACM certificate (us-east-1) covering `domainName`; required with it. */
  certificateArn: string | undefined;
  /** The From address of every email; its domain becomes the SES identity. */
  senderAddress: string;
  senderDomain: string;
  /** How long API Gateway caches the authorizer's answer per credential; 0 turns the cache off. */
  authorizerCacheTtlSeconds: number;
  /**
   * The plans organizations choose from, by id: each becomes an API Gateway usage plan (requests per
   * second, burst, requests per month) and carries its price, its limits (checked where things are
   * created) and its features (services/billing/plans.ts reads them at run time).
   */
  planTiers: Record<string, PlanTier>;
  /**
   * Whether this deployment sets the region's API Gateway CloudWatch role (an account-wide setting that
   * API Gateway logging needs). Turn off where the account baseline already manages it.
   */
  manageApiGatewayLogRole: boolean;
  /** Days an audit log entry is kept before DynamoDB's TTL removes it. */
  auditRetentionDays: number;
  /**
   * X-Ray subsegments for every handler and AWS SDK call (Powertools tracer), on top of Lambda's own
   * active tracing; off by default: it adds ~115 KiB and its load time to every cold start.
   */
  traceSdkCalls: boolean;
}

/** One plan of the deployment (cdk.json `planTiers.<id>`); the services read the same shape. */
export type PlanTier = PlanSettings;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Context from the command line arrives as strings: `-c authorizerCacheTtlSeconds=0`. */
const fromCommandLine = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    if (trimmed === '') return value;
    try {
      return JSON.parse(trimmed);
    } catch {
      return value;
    }
  }, schema);

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const count = (what: string) =>
  z.number().int('must be a whole number').min(0, `must be a number of ${what}, 0 or more`);

const planTier = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'must name the plan, like "Business"')
      .max(40, 'must be at most 40 characters'),
    rateLimit: z.number().positive('must be a positive number of requests per second'),
    burstLimit: z.number().int('must be a whole number').positive('must be a positive number of requests'),
    monthlyQuota: z.number().int('must be a whole number').positive('must be a positive number of requests'),
    price: z
      .object({
        amount: z.number().int('must be whole units of the currency').min(0, 'must be 0 or more'),
        currency: z.string().regex(/^[a-z]{3}$/, 'must be an ISO 4217 code in lower case, like "usd"'),
      })
      .strict(),
    limits: z
      .object({
        members: count('members'),
        documents: count('documents'),
        storage_bytes: count('bytes'),
        custom_domains: count('domains'),
        analytics_retention_days: z
          .number()
          .int('must be a whole number')
          .min(1, 'must be a number of days, 1 or more'),
      })
      .strict(),
    features: z
      .object({ custom_domains: z.boolean({ error: 'must be true or false' }) })
      .catchall(z.boolean({ error: 'must be true or false' })),
  })
  .strict()
  .refine((tier) => tier.burstLimit >= tier.rateLimit, {
    message: 'burstLimit must be at least rateLimit (API Gateway cannot burst below the steady rate)',
    path: ['burstLimit'],
  });

const contextSchema = z
  .object({
    stage: z
      .string({ error: 'is required' })
      .regex(
        /^[a-z][a-z0-9-]{0,11}$/,
        'must be 1-12 lower-case letters, digits or dashes, starting with a letter',
      ),
    domainName: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .transform((value) => (value ? value : undefined))
      .refine(
        (value) => value === undefined || HOST_NAME.test(value),
        'must be a host name like trust.example.com',
      ),
    certificateArn: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value : undefined))
      .refine(
        (value) =>
          value === undefined || /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(value),
        'must be the ARN of an ACM certificate in us-east-1 (CloudFront only uses certificates from that region)',
      ),
    senderAddress: z.email({ error: 'must be an email address like trust@example.com' }),
    authorizerCacheTtlSeconds: fromCommandLine(
      z
        .number({ error: 'must be a number of seconds' })
        .int('must be a whole number of seconds')
        .min(0, 'must be between 0 and 3600 (API Gateway limit)')
        .max(3600, 'must be between 0 and 3600 (API Gateway limit)'),
    ),
    planTiers: fromCommandLine(
      z
        .record(
          z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'tier names are lower-case words like "business"'),
          planTier,
          {
            error:
              'must be an object of tiers: {"free": {"rateLimit": 2, "burstLimit": 5, "monthlyQuota": 10000}}',
          },
        )
        .refine((tiers) => Object.keys(tiers).length > 0, 'must declare at least one tier'),
    ),
    manageApiGatewayLogRole: fromCommandLine(z.boolean({ error: 'must be true or false' }).default(true)),
    auditRetentionDays: fromCommandLine(
      z
        .number({ error: 'must be a number of days' })
        .int('must be a whole number of days')
        .min(1, 'must be at least 1 day')
        .max(36_500, 'must be at most 36500 days (100 years)')
        .default(365),
    ),
    traceSdkCalls: fromCommandLine(z.boolean({ error: 'must be true or false' }).default(false)),
  })
  .refine((config) => config.domainName === undefined || config.certificateArn !== undefined, {
    message: 'is required when domainName is set (an ACM certificate in us-east-1 covering the domain)',
    path: ['certificateArn'],
  });

export const CONTEXT_KEYS = [
  'stage',
  'domainName',
  'certificateArn',
  'senderAddress',
  'authorizerCacheTtlSeconds',
  'planTiers',
  'manageApiGatewayLogRole',
  'auditRetentionDays',
  'traceSdkCalls',
] as const;

/** Validates raw context values; throws a ConfigError naming every bad key. */
export function parseConfig(context: Readonly<Record<string, unknown>>): PlatformConfig {
  const raw = Object.fromEntries(CONTEXT_KEYS.map((key) => [key, context[key]]));
  const result = contextSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(context)'}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid cdk.json context (or -c values):\n${problems.join('\n')}`);
  }
  const config = result.data;
  return {
    ...config,
    senderDomain: config.senderAddress.slice(config.senderAddress.lastIndexOf('@') + 1).toLowerCase(),
  };
}

/** Reads the platform's context from the app (cdk.json, `-c`, or a test's `new App({ context })`). */
export function readConfig(scope: Construct): PlatformConfig {
  return parseConfig(Object.fromEntries(CONTEXT_KEYS.map((key) => [key, scope.node.tryGetContext(key)])));
}
