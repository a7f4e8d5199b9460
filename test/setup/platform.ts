import type { TestProject } from 'vitest/node';
import { type Platform, startPlatform } from '#infra/local/platform';
import { METERED_TEST_PLAN, METERED_TEST_QUOTA } from '../support/plans.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    developmentCredentialSecret: string;
    mailUrl: string;
    /** For tests that look under the API, e.g. at the outbox items a write committed. */
    dynamodbEndpoint: string;
    tableName: string;
    /** The local bus's EventBridge endpoint, for tests that publish an event a second time. */
    eventBusEndpoint: string;
    admin: { email: string; password: string };
    operator: { email: string; password: string };
    authorizerCacheTtlSeconds: number;
  }
}

let platform: Platform | undefined;

/**
 * A plan with a monthly quota of 10 requests per meter, so a test reaches its 80 % and 100 % warnings (and
 * API Gateway's 429 past the quota) in a few requests. Its rate is below enterprise's, which stays the most
 * generous plan (the operators' and development tenants').
 */
const meteredTestPlan = {
  name: 'Metered (tests)',
  rateLimit: 20,
  burstLimit: 40,
  monthlyQuota: METERED_TEST_QUOTA,
  price: { amount: 0, currency: 'usd' },
  limits: { members: 5, documents: 5, storage_bytes: 1048576, custom_domains: 0 },
  features: { custom_domains: false },
};

/** One ephemeral platform for the whole run, on free ports, so it can run beside `npm start`. */
export async function setup(project: TestProject): Promise<void> {
  // API Gateway's default cache: revocations and role changes must hold at once because they flush it.
  const authorizerCacheTtlSeconds = 300;
  // Everything logged, and kept: test/e2e/log-hygiene.test.ts searches it for secrets.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  // Webhook retries over hours become retries over seconds (the platform reads it when it delivers).
  process.env.TC_WEBHOOK_RETRY_SCALE ??= '0.0001';
  // Forms are solved in Node by the hundred here; the deployed default (20 bits) costs ~1.3 s each.
  process.env.TC_POW_DIFFICULTY ??= '16';
  // Limits on public forms small enough to reach in a test (each test has its own tenant, so its own
  // counters), large enough for the suites that submit a few requests per tenant from 127.0.0.1.
  process.env.TC_PUBLIC_LIMITS ??= JSON.stringify({
    'access_request.recipient': { limit: 3, window_seconds: 3600 },
    'access_request.source': { limit: 5, window_seconds: 3600 },
    'access_request.tenant': { limit: 8, window_seconds: 3600 },
    'subprocessor_subscription.recipient': { limit: 3, window_seconds: 3600 },
    'subprocessor_subscription.source': { limit: 5, window_seconds: 3600 },
    'subprocessor_subscription.tenant': { limit: 8, window_seconds: 3600 },
    'mcp.source': { limit: 30, window_seconds: 3600 },
  });
  platform = await startPlatform({
    port: 0,
    dataDir: undefined,
    authorizerCacheTtlSeconds,
    captureLogs: true,
    extraPlanTiers: { [METERED_TEST_PLAN]: meteredTestPlan },
  });
  project.provide('authorizerCacheTtlSeconds', authorizerCacheTtlSeconds);
  project.provide('admin', platform.demo.admin);
  project.provide('operator', platform.operator);
  project.provide('baseUrl', platform.url);
  project.provide('developmentCredentialSecret', platform.secrets.developmentCredentialSecret);
  project.provide('mailUrl', `${platform.url}/_local/mail`);
  project.provide('dynamodbEndpoint', platform.emulators.endpoints.dynamodb);
  project.provide('tableName', platform.resources.tableName);
  project.provide('eventBusEndpoint', platform.emulators.endpoints.eventBus);
}

export async function teardown(): Promise<void> {
  const violations = [...(platform?.relay.violations ?? [])];
  await platform?.stop();
  // An event off the catalogue fails the run even when no test looked at it. Vitest only logs an error
  // thrown here and still exits 0, so the exit code is set instead.
  if (violations.length > 0) {
    console.error(`Event catalogue violations (${violations.length}):\n${violations.join('\n')}`);
    process.exitCode = 1;
  }
}
