import { request as httpRequest } from 'node:http';
import type { ApiResponse, TestTenant } from './api.ts';
import { baseUrl } from './api.ts';
import { giveOrganization } from './brand.ts';

/**
 * A tenant's trust center as a visitor reaches it: by its host. Node's fetch drops a `Host` header, so
 * these requests go through node:http to the local platform with the host named in `Host`, exactly what a
 * browser sends for `http://<host>:<port>/…` (Chromium resolves `*.localhost` to loopback by itself).
 */

/**
 * The default host of a test tenant's trust center, `<slug>.localhost` (no port): the tenant is given the
 * organization item a real one has, with a slug, the first time (brand's test support).
 */
export async function trustCenterHost(tenant: TestTenant): Promise<string> {
  const { host } = await giveOrganization(tenant);
  return host.replace(/:\d+$/, '');
}

/** A request to the local platform as if to `http://<host>:<port><path>`. */
export function requestOnHost(
  method: string,
  host: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<ApiResponse> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: {
          ...options.headers,
          Host: `${host}:${base.port}`,
          ...(options.body === undefined
            ? {}
            : { 'Content-Length': String(Buffer.byteLength(options.body)) }),
        },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          let body: unknown = text;
          try {
            body = text.length > 0 ? JSON.parse(text) : undefined;
          } catch {
            // Not JSON: tests that care look at `text`.
          }
          resolve({ status: incoming.statusCode ?? 0, headers, body, text });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** GET on a host, for the visitor routes. */
export function getOnHost<T = unknown>(
  host: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  return requestOnHost('GET', host, path, { headers }) as Promise<ApiResponse<T>>;
}

/** A `fetch` that sends every request to the local platform on `host` (for clients that take one, e.g. MCP's). */
export function fetchOnHost(host: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = init?.body === undefined || init.body === null ? undefined : String(init.body);
    const answer = await requestOnHost(init?.method ?? 'GET', host, `${url.pathname}${url.search}`, {
      headers,
      body,
    });
    return new Response(answer.status === 204 || answer.status === 304 ? null : answer.text, {
      status: answer.status,
      headers: answer.headers,
    });
  };
}

/** How long a change made through the API may take to reach the site's pages in a test run. */
const SNAPSHOT_WAIT_MS = 15_000;

/**
 * A site page once `shows` holds for its HTML, polled. The pages read the trust center's published
 * snapshot, which follows the event pipeline (services/trust-center/snapshot.ts): a change made through
 * the API reaches them within about a second, not at once. Fails with the last answer after 15 s.
 */
export async function pageShowing(
  host: string,
  path: string,
  shows: (html: string) => boolean,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const deadline = Date.now() + SNAPSHOT_WAIT_MS;
  for (;;) {
    const answer = await getOnHost(host, path, headers);
    if (answer.status === 200 && shows(answer.text)) return answer;
    if (Date.now() > deadline)
      throw new Error(`${path} did not show the change within ${SNAPSHOT_WAIT_MS} ms: ${answer.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
