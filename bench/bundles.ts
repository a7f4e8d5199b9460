import { execFile } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { median, ratio } from './stats.ts';

const run = promisify(execFile);

/** esbuild options as aws-cdk-lib's NodejsFunction passes them for `NODEJS_24_X`, ESM output, minified. */
export const bundling = {
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  /**
   * NodejsFunction's default for every Node ≥ 18 runtime: the runtime provides SDK v3, so `@aws-sdk/*`
   * stays out of the bundle (`@smithy/*` too only with the `sdkV3ExcludeSmithyPackages` feature flag).
   */
  external: ['@aws-sdk/*'],
} as const;

export interface BundleEntry {
  name: string;
  /** Relative to the project root. */
  entry: string;
}

export interface BundleResult extends BundleEntry {
  bytes: number;
  kib: number;
  /** The external `@aws-sdk/*` packages it imports at load time (the Lambda runtime provides them). */
  sdkImports: string[];
  /** What the bundle is made of: the largest packages (or project folders), in KiB of output. */
  largestInputs: { name: string; kib: number }[];
  /** ms from `import()` start to its resolution, in a fresh `node` per sample. */
  importMsSamples: number[];
  importMsMedian: number;
  /** Median import time over the empty handler's. */
  importRatioToEmpty: number | null;
}

export interface BundleResults {
  bundling: typeof bundling;
  importSamplesPerBundle: number;
  empty: BundleResult;
  bundles: BundleResult[];
}

const EMPTY_HANDLER = 'export const handler = async () => ({});\n';

// Prints the import time of the module at argv[1] (a file URL).
const IMPORT_PROBE =
  'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

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
  const all: BundleEntry[] = [{ name: 'empty handler', entry: emptyEntry }, ...entries];

  const built: { entry: BundleEntry; file: string; bytes: number; metafile: Metafile }[] = [];
  for (const entry of all) {
    const file = join(outDir, entry.name.replaceAll(/\W+/g, '-'), 'index.mjs');
    const { metafile } = await build({
      entryPoints: [resolve(root, entry.entry)],
      outfile: file,
      bundle: true,
      platform: bundling.platform,
      target: bundling.target,
      format: bundling.format,
      minify: bundling.minify,
      banner: { js: bundling.banner },
      external: [...bundling.external],
      logLevel: 'warning',
      metafile: true,
    });
    built.push({ entry, file, bytes: (await stat(file)).size, metafile });
  }

  // Interleaved rounds, so that drift on the machine spreads over every bundle alike.
  const timings = new Map<string, number[]>(built.map(({ file }) => [file, []]));
  for (let round = 1; round <= samples; round += 1) {
    progress(`bundles: cold import round ${round}/${samples}`);
    for (const { file } of built) timings.get(file)?.push(await coldImportMs(file));
  }

  const results = built.map(({ entry, file, bytes, metafile }): BundleResult => {
    const importMsSamples = timings.get(file) ?? [];
    return {
      name: entry.name,
      entry: entry.entry === emptyEntry ? '(generated)' : entry.entry,
      bytes,
      kib: bytes / 1024,
      ...composition(metafile),
      importMsSamples,
      importMsMedian: median(importMsSamples),
      importRatioToEmpty: null,
    };
  });
  const [empty, ...bundles] = results;
  if (!empty) throw new Error('The empty handler was not built');
  for (const result of results)
    result.importRatioToEmpty = ratio(result.importMsMedian, empty.importMsMedian);
  return { bundling, importSamplesPerBundle: samples, empty, bundles };
}

function composition(metafile: Metafile): Pick<BundleResult, 'sdkImports' | 'largestInputs'> {
  const outputs = Object.values(metafile.outputs);
  const sdkImports = new Set<string>();
  const bytesByName = new Map<string, number>();
  for (const output of outputs) {
    for (const imported of output.imports) {
      if (imported.external && imported.path.startsWith('@aws-sdk/')) sdkImports.add(imported.path);
    }
    for (const [path, input] of Object.entries(output.inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
      bytesByName.set(name, (bytesByName.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  const largestInputs = [...bytesByName]
    .sort(([, a], [, b]) => b - a)
    .slice(0, 5)
    .map(([name, bytes]) => ({ name, kib: Math.round((bytes / 1024) * 10) / 10 }));
  return { sdkImports: [...sdkImports].sort(), largestInputs };
}

async function coldImportMs(file: string): Promise<number> {
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
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`Unexpected output importing ${file}: ${stdout}`);
  return ms;
}
