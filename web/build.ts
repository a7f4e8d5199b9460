import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import { BRAND_FONTS, type BrandFontId, fontFiles } from '#services/brand/fonts';

const FONTS_DIR = join(import.meta.dirname, 'fonts');

/** `name.ext` → `name-<HASH>.ext`: the first 8 hex digits of the content's SHA-256, upper case. */
function hashedName(name: string, bytes: Buffer | string): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8).toUpperCase();
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}-${hash}${name.slice(dot)}`;
}

/** The face name of a CSS font-family list: its first family, unquoted (`"Inter", system-ui` → `Inter`). */
function faceName(family: string): string {
  return (family.split(',')[0] ?? '').trim().replace(/^"|"$/g, '');
}

/**
 * Each brand font (services/brand/fonts.ts) as assets: its WOFF2 files under hashed names, and a
 * stylesheet `font-<id>.css` with their `@font-face` rules that sets the page's `--font`. A page of a brand
 * with that font links the stylesheet and preloads the files, from the same origin (CSP `font-src 'self'`).
 * `font-display: optional`: a font that is not there within the short block period (about 100 ms) is not
 * swapped in later on that page, so text never reflows under the reader (with `swap`, the brand font
 * arriving after the first paint re-wrapped the navigation and moved the page: Lighthouse's CLS 0.25).
 * Preloaded, the files are nearly always in time; when not, the page shows the fallback stack and the
 * next page, with the files cached for good, the brand font.
 * @returns source name → hashed name, for the fonts and their stylesheets.
 */
function buildFontAssets(outDir: string): Record<string, string> {
  const manifest: Record<string, string> = {};
  for (const id of Object.keys(BRAND_FONTS) as BrandFontId[]) {
    const files = fontFiles(id);
    if (files.length === 0) continue;
    const faces = files.map((file) => {
      const bytes = readFileSync(join(FONTS_DIR, file));
      const hashed = hashedName(file, bytes);
      writeFileSync(join(outDir, hashed), bytes);
      manifest[file] = hashed;
      const weight = file.match(/-(\d{3})-normal\.woff2$/)?.[1] ?? '400';
      return `@font-face{font-family:"${faceName(BRAND_FONTS[id].family)}";font-style:normal;font-weight:${weight};font-display:optional;src:url(${hashed}) format("woff2")}`;
    });
    const css = `${faces.join('\n')}\n:root{--font:${BRAND_FONTS[id].family}}\n`;
    const stylesheet = hashedName(`font-${id}.css`, css);
    writeFileSync(join(outDir, stylesheet), css);
    manifest[`font-${id}.css`] = stylesheet;
  }
  return manifest;
}

/**
 * Builds the site's static assets (web/): the stylesheet, the script and its proof-of-work worker, minified,
 * and the brand fonts with a stylesheet each, every file named by its content hash so that it can be
 * cached forever (`Cache-Control: immutable`). Writes them to `outDir` with `manifest.json`, which maps
 * each source name (`site.css`) to its hashed name (`site-5KXQ2H3A.css`). Synchronous, so the CDK app can
 * call it while it synthesizes.
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
  Object.assign(manifest, buildFontAssets(outDir));
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(buildSiteAssets());
}
