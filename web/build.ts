import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Builds the site's static assets (web/): the stylesheet, the script and its proof-of-work worker, minified,
 * each named by its content hash so that they can be cached forever (`Cache-Control: immutable`). Writes
 * them to `outDir` with `manifest.json`, which maps each source name (`site.css`) to its hashed name
 * (`site-5KXQ2H3A.css`). Synchronous, so the CDK app can call it while it synthesizes.
 * @returns the manifest: source name → hashed file name (relative to `outDir`).
 */
export function buildSiteAssets(outDir: string = join(import.meta.dirname, 'dist')): Record<string, string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = buildSync({
    entryPoints: ['site.ts', 'pow-worker.ts', 'site.css'].map((name) => join(import.meta.dirname, name)),
    outdir: outDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const manifest: Record<string, string> = {};
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const source = basename(meta.entryPoint).replace(/\.ts$/, '.js');
    manifest[source] = relative(outDir, output);
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(buildSiteAssets());
}
