import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ApiRun } from './api.ts';
import type { BundleResult, BundleResults } from './bundles.ts';
import type { CapacityFigure, CapacityResults } from './capacity.ts';
import type { EventLatencyRun } from './event-latency.ts';
import type { ListScalingResults, ListScalingSettings } from './list-scaling.ts';
import type { MachineInfo } from './machine.ts';
import type { RawResults, RawRun } from './raw-dynamodb.ts';
import type { SiteResults } from './site.ts';
import { ratio } from './stats.ts';

/** API `GET /accounts/{id}` against the raw GetItem at the same concurrency. */
export interface Comparison {
  connections: number;
  apiP50Ms: number;
  rawP50Ms: number;
  /** API p50 / raw p50: how many times slower a request is. */
  latencyP50Ratio: number | null;
  apiRequestsPerSecond: number;
  rawOpsPerSecond: number;
  /** API req/s / raw ops/s: the share of the raw throughput the API reaches. */
  throughputRatio: number | null;
}

export interface BenchSettings {
  seededAccounts: number;
  eventWrites: number;
  listScaling: ListScalingSettings;
  raw: {
    warmupCalls: number;
    warmupSeconds: number;
    sequentialCalls: number;
    concurrency: number;
    durationSeconds: number;
  };
  api: { connections: number[]; durationSeconds: number; warmupSeconds: number; loadGenerator: string };
  notes: string[];
}

export interface BenchResults {
  machine: MachineInfo;
  settings: BenchSettings;
  raw: RawResults;
  api: ApiRun[];
  comparison: Comparison[];
  events: EventLatencyRun;
  /** Request units per operation (issue 12's `{operation, rcu, wcu}`, with the calls and the price). */
  capacity: CapacityFigure[];
  /** The price table the monthly figures use, with its date, and what the figures leave out. */
  capacityPrices: Omit<CapacityResults, 'operations'>;
  listScaling: ListScalingResults;
  bundles: BundleResults;
  /** The trust-center site's budgets (bench/site.ts). */
  site: SiteResults;
  /** 1, 5 and 15 min load averages when the run ended (the machine may be shared). */
  loadAverageAtEnd: number[];
  totalSeconds: number;
}

export function compare(raw: RawResults, api: readonly ApiRun[]): Comparison[] {
  const pairs: [number, RawRun][] = [
    [1, raw.sequential],
    [raw.concurrent.callers, raw.concurrent],
  ];
  return pairs.flatMap(([connections, rawRun]) => {
    const apiRun = api.find((run) => run.scenario === 'getById' && run.connections === connections);
    if (!apiRun) return [];
    return [
      {
        connections,
        apiP50Ms: apiRun.latency.p50,
        rawP50Ms: rawRun.latency.p50,
        latencyP50Ratio: ratio(apiRun.latency.p50, rawRun.latency.p50),
        apiRequestsPerSecond: apiRun.requestsPerSecond,
        rawOpsPerSecond: rawRun.opsPerSecond,
        throughputRatio: ratio(apiRun.requestsPerSecond, rawRun.opsPerSecond),
      },
    ];
  });
}

export async function writeResults(file: string, results: BenchResults): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
}

const fixed = (value: number | null, digits: number) =>
  value === null || !Number.isFinite(value) ? '-' : value.toFixed(digits);
const ms = (value: number) => fixed(value, 2);
const rate = (value: number) => fixed(value, 0);
const times = (value: number | null) => (value === null ? '-' : `×${value.toFixed(2)}`);

/** Columns padded to their widest cell; numbers right-aligned, the columns in `text` left-aligned. */
function table(header: string[], rows: string[][], text: readonly number[] = [0]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        text.includes(column) ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((text) => `  ${text}`).join('\n');
}

function bundleRow(bundle: BundleResult): string[] {
  const largest = bundle.largestInputs
    .slice(0, 2)
    .filter((input) => input.kib >= 1)
    .map((input) => `${input.name} ${input.kib.toFixed(0)}`)
    .join(', ');
  const over = [
    bundle.withinBudget.size ? '' : 'size',
    bundle.withinBudget.floorRatio === false ? 'ratio' : '',
  ].filter(Boolean);
  return [
    bundle.name,
    bundle.kind ?? '',
    fixed(bundle.kib, 1),
    fixed(bundle.lazyKib, 0),
    ms(bundle.importMsMedian),
    bundle.floorImportMsMedian === null ? '-' : ms(bundle.floorImportMsMedian),
    times(bundle.importRatioToFloor),
    times(bundle.importCpuRatioToFloor),
    over.length ? `over: ${over.join(', ')}` : 'ok',
    largest || '-',
  ];
}

export function formatReport(results: BenchResults): string {
  const { machine, raw, api, comparison, bundles, settings } = results;
  const rawRow = (label: string, run: RawRun) => [
    label,
    String(run.callers),
    rate(run.opsPerSecond),
    ms(run.latency.p50),
    ms(run.latency.p95),
    ms(run.latency.p99),
    String(run.errors),
  ];
  return [
    `Bench ${machine.date}  node ${machine.node}  ${machine.cpus.count} × ${machine.cpus.model}  ${machine.memoryGiB} GiB`,
    `Load average (1 min) at start ${machine.loadAverageAtStart[0]}, at end ${results.loadAverageAtEnd[0]}`,
    '',
    `DynamoDB Local ${raw.operation} (ms)`,
    table(
      ['run', 'callers', 'ops/s', 'p50', 'p95', 'p99', 'errors'],
      [
        rawRow(`${raw.sequential.calls} sequential calls`, raw.sequential),
        rawRow(`${settings.raw.durationSeconds} s concurrent`, raw.concurrent),
      ],
    ),
    '',
    `API through the local gateway, autocannon ${settings.api.durationSeconds} s after ${settings.api.warmupSeconds} s warm-up (ms)`,
    table(
      ['request', 'conns', 'req/s', 'p50', 'p95', 'p99', 'non-2xx', 'errors'],
      api.map((run) => [
        run.request.replace(/acc_\w+/, '{id}'),
        String(run.connections),
        rate(run.requestsPerSecond),
        ms(run.latency.p50),
        ms(run.latency.p95),
        ms(run.latency.p99),
        String(run.non2xx),
        String(run.errors + run.timeouts),
      ]),
    ),
    '',
    `Event pipeline: ${results.events.writes} sequential POST /accounts, then polling the audit log for each (ms)`,
    table(
      ['measure', 'p50', 'p95', 'p99', 'max'],
      [
        ['POST answered', results.events.write],
        ['answer → audit entry readable', results.events.toAuditEntry],
      ].map(([label, stats]) => {
        const run = stats as EventLatencyRun['write'];
        return [String(label), ms(run.p50), ms(run.p95), ms(run.p99), ms(run.max)];
      }),
    ),
    `  audit entry p50 / POST p50: ×${results.events.ratioP50.toFixed(2)}`,
    '',
    `List latency flat in table size: ${results.listScaling.request}, ${settings.listScaling.requests} sequential requests per round, each followed by a control tenant's (${results.listScaling.small.items} accounts) and the raw Query (ms)`,
    table(
      ['tenant', 'other tenant', 'p50', 'p95', 'p99', 'control p50', 'raw Query p50'],
      [
        [
          `${results.listScaling.small.items} accounts`,
          '-',
          ms(results.listScaling.small.latency.p50),
          ms(results.listScaling.small.latency.p95),
          ms(results.listScaling.small.latency.p99),
          ms(results.listScaling.small.control.p50),
          ms(results.listScaling.small.rawQuery.p50),
        ],
        [
          `${results.listScaling.grown.items} accounts`,
          `${results.listScaling.grown.neighbourItems} accounts`,
          ms(results.listScaling.grown.latency.p50),
          ms(results.listScaling.grown.latency.p95),
          ms(results.listScaling.grown.latency.p99),
          ms(results.listScaling.grown.control.p50),
          ms(results.listScaling.grown.rawQuery.p50),
        ],
      ],
      [0, 1],
    ),
    `  p50 ratio ${times(results.listScaling.p50Ratio)}; against the control tenant in the same round ${times(results.listScaling.controlP50Ratio.grown)} (first round ${times(results.listScaling.controlP50Ratio.small)}); the Query alone on DynamoDB Local ${times(results.listScaling.rawQueryP50Ratio)}; seeded ${results.listScaling.seeding.items} items in ${results.listScaling.seeding.seconds.toFixed(0)} s (${rate(results.listScaling.seeding.itemsPerSecond)} items/s, BatchWriteItem)`,
    '',
    `DynamoDB request units per request; USD per million requests at on-demand prices (${results.capacityPrices.prices.region}, ${results.capacityPrices.prices.tableClass}, since ${results.capacityPrices.prices.effectiveSince}: $${results.capacityPrices.prices.usdPerMillionReadRequestUnits}/M RRU, $${results.capacityPrices.prices.usdPerMillionWriteRequestUnits}/M WRU)`,
    table(
      ['operation', 'request', 'RCU', 'WCU', 'USD / 1M', 'DynamoDB calls'],
      results.capacity.map((figure) => [
        figure.operation,
        figure.request,
        fixed(figure.rcu, 1),
        fixed(figure.wcu, 1),
        fixed(figure.usdPerMillionRequests, 2),
        Object.entries(figure.calls)
          .map(([command, count]) => `${command.replace(/Command$/, '')}×${count}`)
          .join(' '),
      ]),
      [0, 1, 5],
    ),
    '',
    'GET by id: API vs raw GetItem',
    table(
      ['conns', 'API p50', 'raw p50', 'p50 ratio', 'API req/s', 'raw ops/s', 'throughput ratio'],
      comparison.map((entry) => [
        String(entry.connections),
        ms(entry.apiP50Ms),
        ms(entry.rawP50Ms),
        times(entry.latencyP50Ratio),
        rate(entry.apiRequestsPerSecond),
        rate(entry.rawOpsPerSecond),
        times(entry.throughputRatio),
      ]),
    ),
    '',
    `Lambda bundles (infra/bundling.ts: esbuild ${bundles.bundling.target} ${bundles.bundling.format}, minified, split; external ${bundles.bundling.external.join(' ')})`,
    `  KiB = what a cold start loads (entry + static chunks); lazy = chunks loaded by the operations that need them.`,
    `  import = median of ${bundles.importSamplesPerBundle} fresh node processes; floor = the same @aws-sdk/* imports alone. Budget ≤ ${bundles.budgets.kib} KiB, ≤ ×${bundles.budgets.importRatioToFloor} floor.`,
    table(
      [
        'bundle',
        'kind',
        'KiB',
        'lazy',
        'import ms',
        'floor ms',
        'ratio',
        'cpu ratio',
        'budget',
        'largest inputs (KiB)',
      ],
      [bundleRow(bundles.empty), ...bundles.bundles.map(bundleRow)],
      [0, 1, 8, 9],
    ),
    '',
    `Total ${results.totalSeconds.toFixed(0)} s`,
  ].join('\n');
}
