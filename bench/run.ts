import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Platform } from '#infra/local/platform';
import { measureApi } from './api.ts';
import { runAsDeployed } from './as-deployed.ts';
import { measureBundles } from './bundles.ts';
import { measureCapacity } from './capacity.ts';
import { measureEventLatency } from './event-latency.ts';
import { functionBundles } from './functions.ts';
import { measureListScaling } from './list-scaling.ts';
import { type LoadGenerator, startLoadGenerator } from './load-generator.ts';
import { loadAverage, machineInfo } from './machine.ts';
import { measureRawGetItem } from './raw-dynamodb.ts';
import { type BenchSettings, compare, formatReport, writeResults } from './report.ts';
import { seedAccounts } from './seed.ts';
import { formatSiteReport } from './site-report.ts';
import { measureSiteOn } from './site-run.ts';

/** `npm run bench`: raw DynamoDB Local, the API through the local gateway, and the Lambda bundles, in one run. */
const root = resolve(import.meta.dirname, '..');
const resultsFile = resolve(root, 'bench/results/latest.json');
const bundleDir = resolve(root, 'bench/.tmp');

const settings: BenchSettings = {
  seededAccounts: 200,
  eventWrites: 500,
  listScaling: {
    smallTenantItems: 100,
    grownTenantItems: 100_000,
    neighbourItems: 500_000,
    requests: 300,
    warmupRequests: 50,
    seedParallelism: 16,
  },
  raw: { warmupCalls: 100, warmupSeconds: 8, sequentialCalls: 500, concurrency: 32, durationSeconds: 5 },
  api: {
    connections: [1, 32],
    durationSeconds: 5,
    warmupSeconds: 2,
    loadGenerator: 'autocannon on a worker thread',
  },
  notes: [
    'Platform, gateway, services and the raw GetItem client share this Node process; DynamoDB Local is a JVM beside it.',
    'Latency percentiles are nearest-rank over every response of the measured period (warm-ups excluded).',
    'Responses are not checked against their schemas (TC_VALIDATE_RESPONSES=false), as in AWS; the local platform and the tests check them.',
    'Cold import times are Node on this machine, not the Lambda Node 24 runtime.',
    "DynamoDB Local's JVM keeps speeding up for several seconds of load: the raw run warms it first.",
    "Unique POST bodies come from a setupRequest counter: autocannon 8's idReplacement declares a Content-Length 9 bytes too long per id, and the request hangs.",
  ],
};
const BUNDLE_SAMPLES = 5;

// BENCH_QUICK=1: the same run at a fraction of the sizes, to try a change to the bench in a minute or two.
if (process.env.BENCH_QUICK === '1') {
  Object.assign(settings, { seededAccounts: 50, eventWrites: 30 });
  Object.assign(settings.listScaling, { grownTenantItems: 2_000, neighbourItems: 5_000, requests: 50 });
  Object.assign(settings.raw, { warmupSeconds: 1, durationSeconds: 1 });
  Object.assign(settings.api, { durationSeconds: 1, warmupSeconds: 1 });
  settings.notes.push('BENCH_QUICK=1: reduced sizes, figures not comparable with a full run.');
}

const progress = (line: string) => process.stderr.write(`· ${line}\n`);

let platform: Platform | undefined;
let load: LoadGenerator | undefined;
let cleaning: Promise<void> | undefined;

/** Idempotent: the worker, the platform with its emulators, the temporary bundles. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await load?.close().catch(() => {});
    await platform
      ?.stop()
      .catch((error: unknown) => progress(`stopping the platform failed: ${String(error)}`));
    platform = undefined;
    await rm(bundleDir, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping…`);
    void cleanup().finally(() => process.exit(code));
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = await machineInfo(root);

  progress('starting the local platform');
  runAsDeployed();
  const { startPlatform } = await import('#infra/local/platform');
  // Only to know when the gateway has finished the requests a load run left in flight.
  let lastResponseAt = performance.now();
  platform = await startPlatform({
    port: 0,
    dataDir: undefined,
    accessLog: () => {
      lastResponseAt = performance.now();
    },
  });
  const { tenantId, credential } = platform.demo;

  progress(`seeding ${settings.seededAccounts} accounts`);
  const ids = await seedAccounts(platform.url, credential, settings.seededAccounts);
  const accountId = ids[Math.floor(ids.length / 2)];
  if (!accountId) throw new Error('Seeding returned no account ids');

  progress('raw GetItem against DynamoDB Local');
  const raw = await measureRawGetItem({
    endpoint: requiredEnv('TC_ENDPOINT_DYNAMODB'),
    region: requiredEnv('AWS_REGION'),
    tableName: platform.resources.tableName,
    key: { pk: `${tenantId}#account`, sk: accountId },
    warmupCalls: settings.raw.warmupCalls,
    warmupMs: settings.raw.warmupSeconds * 1000,
    sequentialCalls: settings.raw.sequentialCalls,
    concurrency: settings.raw.concurrency,
    durationMs: settings.raw.durationSeconds * 1000,
  });

  load = startLoadGenerator();
  const api = await measureApi(load, { url: platform.url, credential, accountId, ...settings.api }, progress);
  await load.close();
  load = undefined;
  // autocannon stops without waiting for its last requests; stopping DynamoDB under them logs errors.
  await settle(() => lastResponseAt, 1000, 15_000);

  // The load run's writes are still flowing through the pipeline; measure once it is idle.
  progress('waiting for the event pipeline to drain the load run');
  await fetch(`${platform.url}/_local/events/settle`, { method: 'POST' });
  progress(`event pipeline: ${settings.eventWrites} writes, each until its audit entry is readable`);
  const events = await measureEventLatency(platform.url, credential, settings.eventWrites);

  progress('DynamoDB capacity of a GET by id, a list page, a create and a share');
  const { operations: capacity, ...capacityPrices } = await measureCapacity(
    platform.url,
    tenantId,
    credential,
  );

  // The site's budgets (bench/site.ts; alone: npm run bench:site).
  const site = await measureSiteOn(platform, accountId, progress);

  // Last on the platform: 600,000 seeded items would keep the relay reading the stream for minutes.
  await fetch(`${platform.url}/_local/relay/stop`, { method: 'POST' });
  const { issueDevelopmentCredential } = await import('#shared/auth/development-credential');
  const { newId } = await import('#shared/ids');
  const caller = () => {
    const id = newId('organization');
    const claims = { tenantId: id, principalId: 'usr_bench', role: 'admin', scopes: ['*'] };
    return { tenantId: id, credential: issueDevelopmentCredential(claims, developmentSecret) };
  };
  const developmentSecret = platform.secrets.developmentCredentialSecret;
  const listScaling = await measureListScaling({
    url: platform.url,
    table: {
      endpoint: requiredEnv('TC_ENDPOINT_DYNAMODB'),
      region: requiredEnv('AWS_REGION'),
      name: platform.resources.tableName,
    },
    tenant: caller(),
    neighbour: caller(),
    control: caller(),
    settings: settings.listScaling,
    progress,
  });

  progress('stopping the platform');
  await platform.stop();
  platform = undefined;

  progress('bundling the Lambda entries');
  const entries = await functionBundles(root);
  const bundles = await measureBundles(
    root,
    entries,
    bundleDir,
    process.env.BENCH_QUICK === '1' ? 1 : BUNDLE_SAMPLES,
    progress,
  );

  const results = {
    machine,
    settings,
    raw,
    api,
    comparison: compare(raw, api),
    events,
    capacity,
    capacityPrices,
    listScaling,
    bundles,
    site,
    loadAverageAtEnd: loadAverage(),
    totalSeconds: (performance.now() - started) / 1000,
  };
  await writeResults(resultsFile, results);
  console.log(formatReport(results));
  console.log(`\n${formatSiteReport(site)}`);
  console.log(`\nWritten to ${resultsFile}`);
}

/** Resolves once `lastActivity` is `quietMs` in the past, or after `maxMs`. */
async function settle(lastActivity: () => number, quietMs: number, maxMs: number): Promise<void> {
  const deadline = performance.now() + maxMs;
  while (performance.now() < deadline) {
    const quietFor = performance.now() - lastActivity();
    if (quietFor >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, quietMs - quietFor));
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; the platform should have set it`);
  return value;
}

try {
  await main();
} catch (error) {
  console.error('The bench failed:', error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
