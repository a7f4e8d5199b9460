import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { lambdaBundling, RUNTIME_PROVIDED } from '#infra/bundling';
import { median, ratio } from './stats.ts';

const run = promisify(execFile);

/** What the bench bundles with: the deployment's options (infra/bundling.ts), the runtime's SDK left out. */
export const bundling = { ...lambdaBundling, external: [...RUNTIME_PROVIDED] } as const;

/** The budget of issue 12: a function's cold-start code at most this many KiB, minified, SDK excluded. */
export const SIZE_BUDGET_KIB = 250;
/** …and its cold import at most this many times its floor's. */
export const FLOOR_RATIO_BUDGET = 1.5;

export interface BundleEntry {
  name: string;
  /** Relative to the project root. */
  entry: string;
  /** What invokes it (service, authorizer, consumer, job, queue). */
  kind?: string;
  /** Every function deployed from this entry (a service's consumers share one). */
  functions?: string[];
}

export interface LazyChunk {
  file: string;
  kib: number;
  /** The largest packages (or project folders) in it, in KiB of output. */
  largestInputs: { name: string; kib: number }[];
}

export interface BundleResult extends BundleEntry {
  /** What a cold start loads: the entry chunk and every chunk it imports statically, transitively. */
  bytes: number;
  kib: number;
  /** Chunks only `import()` reaches: loaded by the first invocation that needs them, never at cold start. */
  lazyKib: number;
  lazyChunks: LazyChunk[];
  /** The external `@aws-sdk/*` packages its cold start imports (the Lambda runtime provides them). */
  sdkImports: string[];
  /** What the cold-start code is made of: the largest packages (or project folders), in KiB of output. */
  largestInputs: { name: string; kib: number }[];
  /** ms from `import()` start to its resolution, in a fresh `node` per sample. */
  importMsSamples: number[];
  importMsMedian: number;
  /** CPU time (user + system) of the same imports: less sensitive than wall time to a busy machine. */
  importCpuMsMedian: number;
  /** Median import time over the empty handler's. */
  importRatioToEmpty: number | null;
  /** Median import time of the floor: an empty handler importing only the same SDK packages. */
  floorImportMsMedian: number | null;
  /** Median import time over the floor's: the cost of our code and dependencies beyond the SDK. */
  importRatioToFloor: number | null;
  floorImportCpuMsMedian: number | null;
  /** The same ratio in CPU time. */
  importCpuRatioToFloor: number | null;
  withinBudget: { size: boolean; floorRatio: boolean | null };
}

export interface FloorResult {
  sdkImports: string[];
  importMsSamples: number[];
  importMsMedian: number;
  importCpuMsMedian: number;
}

export interface BundleResults {
  bundling: typeof bundling;
  budgets: { kib: number; importRatioToFloor: number };
  importSamplesPerBundle: number;
  empty: BundleResult;
  floors: FloorResult[];
  bundles: BundleResult[];
}

const EMPTY_HANDLER = 'export const handler = async () => ({});\n';

// Prints the import time of the module at argv[1] (a file URL): wall ms, and CPU ms (user + system).
const IMPORT_PROBE =
  'const t = performance.now(); const c = process.cpuUsage(); await import(process.argv[1]); const u = process.cpuUsage(c); process.stdout.write((performance.now() - t) + " " + (u.user + u.system) / 1000);';

interface Built {
  entry: BundleEntry;
  file: string;
  cold: ReturnType<typeof coldAndLazy>;
}

/**
 * Builds every entry as the deployment does, measures what its cold start loads, and times its cold
 * import against its floor's (the SDK packages it imports at cold start, and nothing else) and an empty
 * handler's, in interleaved rounds of fresh processes.
 */
export async function measureBundles(
  root: string,
  entries: readonly BundleEntry[],
  outDir: string,
  samples: number,
  progress: (line: string) => void,
): Promise<BundleResults> {
  await mkdir(outDir, { recursive: true });
  const emptyEntry = join(outDir, 'empty-handler.ts');
  await writeFile(emptyEntry, EMPTY_HANDLER);

  progress(`bundles: building ${entries.length + 1} entries`);
  const built: Built[] = [];
  for (const entry of [{ name: 'empty handler', entry: emptyEntry }, ...entries]) {
    const dir = join(outDir, entry.name.replaceAll(/\W+/g, '-'));
    const { metafile } = await build({
      ...bundling,
      external: [...bundling.external],
      entryPoints: [resolve(root, entry.entry)],
      outdir: dir,
      metafile: true,
    });
    built.push({ entry, file: join(dir, 'index.mjs'), cold: coldAndLazy(metafile, root) });
  }

  // One floor per distinct set of SDK packages.
  const floorFiles = new Map<string, string>();
  for (const { cold } of built) {
    const key = cold.sdkImports.join(' ');
    if (floorFiles.has(key)) continue;
    const file = join(outDir, `floor-${floorFiles.size}`, 'index.mjs');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(
      file,
      `${cold.sdkImports.map((name) => `import '${name}';`).join('\n')}\n${EMPTY_HANDLER}`,
    );
    floorFiles.set(key, file);
  }

  // Interleaved rounds, so that drift on the machine spreads over every bundle alike.
  const files = [...built.map(({ file }) => file), ...floorFiles.values()];
  const timings = new Map<string, number[]>(files.map((file) => [file, []]));
  const cpuTimings = new Map<string, number[]>(files.map((file) => [file, []]));
  for (let round = 1; round <= samples; round += 1) {
    progress(`bundles: cold import round ${round}/${samples} (${files.length} modules)`);
    for (const file of files) {
      const { wallMs, cpuMs } = await coldImport(file);
      timings.get(file)?.push(wallMs);
      cpuTimings.get(file)?.push(cpuMs);
    }
  }
  const cpuMedian = (file: string) => median(cpuTimings.get(file) ?? []);

  const floors = [...floorFiles].map(([key, file]): FloorResult => {
    const importMsSamples = timings.get(file) ?? [];
    return {
      sdkImports: key ? key.split(' ') : [],
      importMsSamples,
      importMsMedian: median(importMsSamples),
      importCpuMsMedian: cpuMedian(file),
    };
  });
  const floorOf = (sdkImports: string[]) =>
    floors.find((floor) => floor.sdkImports.join(' ') === sdkImports.join(' '));

  const results = built.map(({ entry, file, cold }): BundleResult => {
    const importMsSamples = timings.get(file) ?? [];
    const importMsMedian = median(importMsSamples);
    const floor = floorOf(cold.sdkImports);
    const importRatioToFloor = floor ? ratio(importMsMedian, floor.importMsMedian) : null;
    const importCpuMsMedian = cpuMedian(file);
    const kib = cold.bytes / 1024;
    return {
      ...entry,
      entry: entry.entry === emptyEntry ? '(generated)' : entry.entry,
      bytes: cold.bytes,
      kib,
      lazyKib: cold.lazyChunks.reduce((sum, chunk) => sum + chunk.kib, 0),
      lazyChunks: cold.lazyChunks,
      sdkImports: cold.sdkImports,
      largestInputs: cold.largestInputs,
      importMsSamples,
      importMsMedian,
      importCpuMsMedian,
      importRatioToEmpty: null,
      floorImportMsMedian: floor?.importMsMedian ?? null,
      importRatioToFloor,
      floorImportCpuMsMedian: floor?.importCpuMsMedian ?? null,
      importCpuRatioToFloor: floor ? ratio(importCpuMsMedian, floor.importCpuMsMedian) : null,
      withinBudget: {
        size: kib <= SIZE_BUDGET_KIB,
        floorRatio: importRatioToFloor === null ? null : importRatioToFloor <= FLOOR_RATIO_BUDGET,
      },
    };
  });
  const [empty, ...bundles] = results;
  if (!empty) throw new Error('The empty handler was not built');
  for (const result of results)
    result.importRatioToEmpty = ratio(result.importMsMedian, empty.importMsMedian);
  return {
    bundling,
    budgets: { kib: SIZE_BUDGET_KIB, importRatioToFloor: FLOOR_RATIO_BUDGET },
    importSamplesPerBundle: samples,
    empty,
    floors,
    bundles,
  };
}

/** Splits a build's output into what the entry loads at cold start (it and its static imports) and the rest. */
function coldAndLazy(metafile: Metafile, root: string) {
  const outputs = metafile.outputs;
  // `entryNames: 'index'`; the targets of `import()` are entry points of their own in the metafile.
  const entryOutput = Object.keys(outputs).find((path) => path.endsWith('/index.mjs'));
  if (!entryOutput) throw new Error('esbuild reported no entry output');
  const cold = new Set<string>();
  const visit = (path: string) => {
    if (cold.has(path)) return;
    cold.add(path);
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entryOutput);

  const sdkImports = new Set<string>();
  let bytes = 0;
  for (const path of cold) {
    const output = outputs[path];
    if (!output) continue;
    bytes += output.bytes;
    for (const imported of output.imports)
      if (imported.external && imported.kind === 'import-statement' && imported.path.startsWith('@aws-sdk/'))
        sdkImports.add(imported.path);
  }
  const lazyChunks = Object.entries(outputs)
    .filter(([path]) => !cold.has(path) && path.endsWith('.mjs'))
    .map(([path, output]) => ({
      file: relative(root, path),
      kib: output.bytes / 1024,
      largestInputs: largestInputs([output], 3),
    }))
    .sort((a, b) => b.kib - a.kib);
  const coldOutputs = [...cold].flatMap((path) => outputs[path] ?? []);
  return {
    bytes,
    sdkImports: [...sdkImports].sort(),
    largestInputs: largestInputs(coldOutputs, 5),
    lazyChunks,
  };
}

function largestInputs(outputs: Metafile['outputs'][string][], count: number) {
  const bytesByName = new Map<string, number>();
  for (const output of outputs) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
      bytesByName.set(name, (bytesByName.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bytesByName]
    .sort(([, a], [, b]) => b - a)
    .slice(0, count)
    .map(([name, bytes]) => ({ name, kib: Math.round((bytes / 1024) * 10) / 10 }));
}

async function coldImport(file: string): Promise<{ wallMs: number; cpuMs: number }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '--eval', IMPORT_PROBE, pathToFileURL(file).href],
    { env, cwd: dirname(file) },
  );
  const [wallMs, cpuMs] = stdout.trim().split(' ').map(Number);
  if (!Number.isFinite(wallMs) || !Number.isFinite(cpuMs) || wallMs === undefined || cpuMs === undefined)
    throw new Error(`Unexpected output importing ${file}: ${stdout}`);
  return { wallMs, cpuMs };
}
