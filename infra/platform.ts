import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type PlatformConfig, readConfig } from '#infra/config';
import { PRODUCT } from '#infra/project';
import { ApiStack } from '#infra/stacks/api-stack';
import { EventsStack } from '#infra/stacks/events-stack';
import { documentsBucketName, StatefulStack } from '#infra/stacks/stateful-stack';

export interface Platform {
  config: PlatformConfig;
  stateful: StatefulStack;
  api: ApiStack;
  events: EventsStack;
}

/**
 * Adds the platform to an app: its three stacks (stateful, api, events; environment-agnostic, named after
 * the stage) and the cdk-nag AWS Solutions checks, which run as a validation plugin when the app
 * synthesizes.
 * `app.ts` and the tests build the same thing through here.
 */
export function addPlatform(app: App): Platform {
  const config = readConfig(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  const prefix = `${config.stage}-${PRODUCT}`;
  // The construct id is the stack name, so `npx cdk deploy 'dev-trust-center-*'` picks one stage.
  const stateful = new StatefulStack(app, `${prefix}-stateful`, {
    stackName: `${prefix}-stateful`,
    description: `${PRODUCT} (${config.stage}): table, buckets, user pool, secrets. Retained on delete.`,
    terminationProtection: true,
    config,
  });
  const api = new ApiStack(app, `${prefix}-api`, {
    stackName: `${prefix}-api`,
    description: `${PRODUCT} (${config.stage}): functions, REST API, events, email, CloudFront`,
    config,
    table: stateful.table,
    documentsBucketName: documentsBucketName(config.stage),
    logsBucket: stateful.logsBucket,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    cursorSecret: stateful.cursorSecret,
    sealingKey: stateful.sealingKey,
  });

  const events = new EventsStack(app, `${prefix}-events`, {
    stackName: `${prefix}-events`,
    description: `${PRODUCT} (${config.stage}): event bus, outbox pipe, consumers, scheduled jobs`,
    config,
    table: stateful.table,
    documentsBucketName: documentsBucketName(config.stage),
    senderIdentity: api.senderIdentity,
    environment: api.functionEnvironment,
    cursorSecret: stateful.cursorSecret,
    sealingKey: stateful.sealingKey,
    webhookRetryQueue: api.webhookRetries.queue,
    customDomains: api.customDomains,
    userPool: stateful.userPool,
    accessLogs: api.api.accessLogs,
    siteLogs: api.siteFunction.logGroup,
  });

  // Named, not referenced (see documentsBucketName): the order must still be explicit.
  api.addStackDependency(stateful, 'The API uses the table, buckets, user pool and secret');
  events.addStackDependency(
    api,
    "Consumers send mail as the API stack's sender identity and link to its site",
  );

  for (const stack of [stateful, api, events]) {
    Tags.of(stack).add('project', PRODUCT);
    Tags.of(stack).add('stage', config.stage);
  }
  return { config, stateful, api, events };
}
