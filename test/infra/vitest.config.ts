import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The infrastructure tests on their own: `npx vitest run --config test/infra/vitest.config.ts`.
 * They synthesize CDK apps and need none of the local platform the root config starts for every run.
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
