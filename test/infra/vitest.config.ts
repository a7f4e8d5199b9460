import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The infrastructure tests on their own: `npx vitest run --config test/infra/vitest.config.ts`, the same
 * as the root config's `npx vitest run --project infra`. They synthesize CDK apps and need no platform.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/infra/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
