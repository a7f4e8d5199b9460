/**
 * The built assets' hashed names (web/build.ts): the deployment passes the build's manifest in
 * `TC_SITE_ASSETS` (JSON, source name → hashed name), and every page links `/assets/<hashed name>`,
 * which CloudFront serves from S3 (locally the gateway from the build folder) with immutable caching.
 */
let manifest: Record<string, string> | undefined;

/** The source names of the built assets a page links: the site's own, a brand font's stylesheet and files. */
export type AssetName = 'site.css' | 'site.js' | 'pow-worker.js' | `font-${string}.css` | `${string}.woff2`;

/** The URL of a built asset by its source name (`site.css`). */
export function assetUrl(name: AssetName): string {
  manifest ??= JSON.parse(process.env.TC_SITE_ASSETS ?? '{}') as Record<string, string>;
  return `/assets/${manifest[name] ?? name}`;
}
