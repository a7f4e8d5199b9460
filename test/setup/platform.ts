import type { TestProject } from 'vitest/node';
import { type Platform, startPlatform } from '#infra/local/platform';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    developmentCredentialSecret: string;
    mailUrl: string;
    /** For tests that look under the API, e.g. at the outbox items a write committed. */
    dynamodbEndpoint: string;
    tableName: string;
    admin: { email: string; password: string };
    operator: { email: string; password: string };
    authorizerCacheTtlSeconds: number;
  }
}

let platform: Platform | undefined;

/** One ephemeral platform for the whole run, on free ports, so it can run beside `npm start`. */
export async function setup(project: TestProject): Promise<void> {
  // API Gateway's default cache: revocations and role changes must hold at once because they flush it.
  const authorizerCacheTtlSeconds = 300;
  // Everything logged, and kept: test/e2e/log-hygiene.test.ts searches it for secrets.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  platform = await startPlatform({
    port: 0,
    dataDir: undefined,
    authorizerCacheTtlSeconds,
    captureLogs: true,
  });
  project.provide('authorizerCacheTtlSeconds', authorizerCacheTtlSeconds);
  project.provide('admin', platform.demo.admin);
  project.provide('operator', platform.operator);
  project.provide('baseUrl', platform.url);
  project.provide('developmentCredentialSecret', platform.secrets.developmentCredentialSecret);
  project.provide('mailUrl', `${platform.url}/_local/mail`);
  project.provide('dynamodbEndpoint', platform.emulators.endpoints.dynamodb);
  project.provide('tableName', platform.resources.tableName);
}

export async function teardown(): Promise<void> {
  await platform?.stop();
}
