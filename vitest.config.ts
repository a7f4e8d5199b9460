import { defineConfig } from 'vitest/config';

/**
 * One run, three projects, split by what the tests need (`npx vitest run --project unit` runs one):
 * - `unit`: pure logic and the HTTP pipeline; starts nothing, needs no Java (`npm run test:unit`);
 * - `infra`: synthesizes the CDK app; starts nothing either;
 * - `platform`: local, e2e, conformance and web (a real Chromium), against the local platform (emulators + gateway). Vitest runs a
 *   globalSetup once per project, so these share one project to start the platform once per run; each test
 *   makes its own tenant.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        // Pipeline tests send hundreds of requests; a test that cares about the log spies on the logger.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'platform',
          include: ['test/{local,e2e,conformance,web}/**/*.test.ts'],
          globalSetup: ['test/setup/platform.ts'],
        },
      },
    ],
  },
});
