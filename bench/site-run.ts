import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Platform } from '#infra/local/platform';
import { runAsDeployed } from './as-deployed.ts';
import { writeResults } from './report.ts';
import { seedAccounts } from './seed.ts';
import { measureSite, type SiteResults, type SiteSettings } from './site.ts';
import { formatSiteReport } from './site-report.ts';

/**
 * `npm run bench:site`: the site bench alone, on its own local platform. Writes the `site` key of
 * bench/results/latest.json and keeps the other keys of the last full `npm run bench`.
 */
const root = resolve(import.meta.dirname, '..');
const resultsFile = resolve(root, 'bench/results/latest.json');

export const SITE_SETTINGS: SiteSettings = {
  renderSamples: process.env.BENCH_QUICK === '1' ? 50 : 300,
  renderWarmup: process.env.BENCH_QUICK === '1' ? 10 : 50,
  chromium: process.env.TC_CHROMIUM ?? '/usr/bin/chromium',
};

const progress = (line: string) => process.stderr.write(`· ${line}\n`);

/** The demo tenant answers on plain `localhost` (its default host). */
export function siteUrlOf(platform: Platform): string {
  return platform.url.replace('127.0.0.1', 'localhost');
}

/** The site bench on a running local platform: the demo tenant's site, `accountId` for the API GET by id. */
export function measureSiteOn(
  platform: Platform,
  accountId: string,
  progress: (line: string) => void,
): Promise<SiteResults> {
  return measureSite({
    siteUrl: siteUrlOf(platform),
    apiUrl: platform.url,
    credential: platform.demo.credential,
    accountId,
    assetsDir: resolve(platform.emulators.dataDir, 'site-assets'),
    settings: SITE_SETTINGS,
    progress,
  });
}

async function main(): Promise<void> {
  progress('starting the local platform');
  runAsDeployed();
  const { startPlatform } = await import('#infra/local/platform');
  let platform: Platform | undefined;
  try {
    platform = await startPlatform({ port: 0, dataDir: undefined });
    const { credential } = platform.demo;
    const [accountId] = await seedAccounts(platform.url, credential, 1);
    if (!accountId) throw new Error('Seeding returned no account id');
    const site = await measureSiteOn(platform, accountId, progress);
    const previous = await readFile(resultsFile, 'utf8').then(
      (text) => JSON.parse(text) as Record<string, unknown>,
      () => ({}),
    );
    await writeResults(resultsFile, { ...previous, site } as never);
    console.log(formatSiteReport(site));
    console.log(`\nWritten to ${resultsFile} (key "site")`);
  } finally {
    await platform?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await main();
  } catch (error) {
    console.error('The site bench failed:', error);
    process.exitCode = 1;
  }
}
