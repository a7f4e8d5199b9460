import type { TestProject } from 'vitest/node';
import { type Platform, startPlatform } from '#infra/local/platform';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    developmentCredentialSecret: string;
    mailUrl: string;
  }
}

let platform: Platform | undefined;

/** One ephemeral platform for the whole run, on free ports, so it can run beside `npm start`. */
export async function setup(project: TestProject): Promise<void> {
  platform = await startPlatform({ port: 0, dataDir: undefined });
  project.provide('baseUrl', platform.url);
  project.provide('developmentCredentialSecret', platform.secrets.developmentCredentialSecret);
  project.provide('mailUrl', `${platform.url}/_local/mail`);
}

export async function teardown(): Promise<void> {
  await platform?.stop();
}
