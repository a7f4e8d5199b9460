import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * ESM bundles still meet CommonJS dependencies that call `require` (the AWS SDK's transitive ones);
 * Node's ESM scope has none, so every chunk defines it before anything runs.
 */
const REQUIRE_SHIM =
  "import { createRequire as __tcCreateRequire } from 'node:module';const require = __tcCreateRequire(import.meta.url);";

/**
 * How every Lambda function is bundled, in AWS (infra/constructs/service-function.ts) and in the bench
 * (bench/bundles.ts): one ESM entry `index.mjs` for Node.js 24, minified, plus chunks under `chunks/`.
 *
 * Code splitting is what makes per-operation loading work: a module an operation reaches only through
 * `await import(…)` (pdf-lib for watermarking and PDF checks, the image and OOXML parsers, MiniSearch, the
 * OpenAPI document, the X-Ray tracer) becomes a chunk read from disk the first time that operation runs,
 * so a cold start parses only the entry and the chunks it imports statically. aws-cdk-lib's NodejsFunction
 * cannot do this: it always passes esbuild `--outfile`, which esbuild refuses together with `--splitting`
 * (which needs `--outdir`); ServiceFunction therefore runs esbuild itself with these options.
 *
 * `mainFields` prefers a package's ES module build, so esbuild can drop what the code never uses.
 *
 * `alias` swaps a dependency for a module of ours where the function never needs the real one:
 * `jsonschema`, with which ElectroDB checks entity models in `new Entity()`, becomes a stand-in that
 * accepts them (infra/jsonschema-stand-in.ts; the models are checked with the real one in `npm test`).
 */
export const lambdaBundling = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  splitting: true,
  mainFields: ['module', 'main'],
  // An absolute path: esbuild resolves an alias's relative path against the working directory.
  alias: { jsonschema: join(import.meta.dirname, 'jsonschema-stand-in.ts') },
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  banner: { js: REQUIRE_SHIM },
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** The runtime's own SDK: the bench measures bundles without it (see README, "Lambda bundles"). */
export const RUNTIME_PROVIDED = ['@aws-sdk/*'] as const;
