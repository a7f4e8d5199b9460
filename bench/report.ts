import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ApiRun } from './api.ts';
import type { BundleResult, BundleResults } from './bundles.ts';
import type { EventLatencyRun } from './event-latency.ts';
import type { MachineInfo } from './machine.ts';
import type { RawResults, RawRun } from './raw-dynamodb.ts';
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
  bundles: BundleResults;
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
  const largest = bundle.largestInputs[0];
  return [
    bundle.name,
    fixed(bundle.kib, 1),
    ms(bundle.importMsMedian),
    times(bundle.importRatioToEmpty),
    largest && largest.kib >= 1 ? `${largest.name} ${largest.kib.toFixed(0)}` : '-',
    bundle.sdkImports.map((name) => name.replace('@aws-sdk/', '')).join(' ') || '-',
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
    `Lambda bundles (esbuild ${bundles.bundling.target} ${bundles.bundling.format} minify, external ${bundles.bundling.external.join(' ')}); cold import median of ${bundles.importSamplesPerBundle} fresh node processes`,
    table(
      ['bundle', 'KiB', 'import ms', 'vs empty', 'largest input KiB', 'external @aws-sdk/* loaded'],
      [bundleRow(bundles.empty), ...bundles.bundles.map(bundleRow)],
      [0, 4, 5],
    ),
    '',
    `Total ${results.totalSeconds.toFixed(0)} s`,
  ].join('\n');
}
