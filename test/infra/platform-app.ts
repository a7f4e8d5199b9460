import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { addPlatform, type Platform } from '#infra/platform';

/** cdk.json's context: a test App does not read cdk.json, so every test app starts from it. */
export const cdkContext: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
).context;

export interface TestPlatformOptions {
  /** Build the Lambda bundles with esbuild (slow); off, the assets are placeholders. */
  bundling?: boolean;
  /** Run CDK's built-in CloudFormation validation (adds seconds per synth). */
  cloudFormationValidation?: boolean;
  /** Context values over cdk.json's. */
  context?: Record<string, unknown>;
}

export interface TestPlatform extends Platform {
  app: App;
}

/** The platform as `npx cdk synth` builds it, from cdk.json context, minus the slow parts unless asked. */
export function testPlatform(options: TestPlatformOptions = {}): TestPlatform {
  const app = new App({
    context: {
      ...cdkContext,
      ...(options.bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
  });
  return { app, ...addPlatform(app) };
}
