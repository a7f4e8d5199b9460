import { describe, expect, it } from 'vitest';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import config from '../../vitest.config.ts';

const projects = (config.test?.projects ?? []) as TestProjectInlineConfiguration[];
const project = (name: string) => projects.find((candidate) => candidate.test?.name === name);

// `npm run test:unit` must run with no Java and no emulators: checked by hand with a `java` that fails
// first on PATH; here, that nothing in the unit project's configuration could start them.
describe('the test projects', () => {
  it('start nothing for the unit tests', () => {
    expect(project('unit')?.test?.globalSetup).toBeUndefined();
    expect(config.test?.globalSetup).toBeUndefined();
  });

  it('start the local platform once, for the one project whose tests call it', () => {
    const withPlatform = projects.filter((candidate) => candidate.test?.globalSetup !== undefined);

    expect(withPlatform.map((candidate) => candidate.test?.name)).toEqual(['platform']);
  });
});
