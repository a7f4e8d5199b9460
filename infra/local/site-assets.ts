import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { LocalRoute } from '#infra/local/gateway';
import { IMMUTABLE_CACHE_CONTROL } from '#shared/http/cache-control';
import { SECURITY_HEADERS } from '#shared/http/security-headers';
import { buildSiteAssets } from '../../web/build.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/**
 * Builds the site's assets (web/build.ts) into `outDir` and serves them at `/assets/<hashed name>` as
 * CloudFront serves them from S3 in AWS: immutable, since a changed file gets a new name. Only the files
 * of the build are served; any other name is a 404.
 * @returns the manifest (source name → hashed name) and the local route.
 */
export async function siteAssets(
  outDir: string,
): Promise<{ manifest: Record<string, string>; route: LocalRoute }> {
  const manifest = buildSiteAssets(outDir);
  const files = new Map<string, Buffer>();
  for (const name of await readdir(outDir)) {
    if (CONTENT_TYPES[extname(name)]) files.set(name, await readFile(join(outDir, name)));
  }
  const route: LocalRoute = async (request, response) => {
    const name = new URL(request.url ?? '/', 'http://localhost').pathname.slice('/assets/'.length);
    const file = files.get(name);
    // As CloudFront's response headers policy adds them in AWS; a missing asset is not cached either.
    for (const [header, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(header, value);
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.statusCode = 404;
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.end('Not found');
      return;
    }
    response.statusCode = 200;
    response.setHeader('Content-Type', CONTENT_TYPES[extname(name)] ?? 'application/octet-stream');
    response.setHeader('Cache-Control', IMMUTABLE_CACHE_CONTROL);
    response.end(request.method === 'HEAD' ? undefined : file);
  };
  return { manifest, route };
}
