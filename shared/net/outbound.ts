import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { config } from '#shared/config';

/**
 * The one way the platform calls a URL a tenant gave it (webhooks, Slack and Teams incoming webhooks): a guard
 * against server-side request forgery. Only https; the host must resolve to public unicast addresses only (no
 * loopback, private, link-local, CGNAT, multicast, ULA, cloud metadata, IPv4 hidden in IPv6); the connection goes
 * to the address that was vetted (no second DNS answer can rebind it); redirects are never followed; the response
 * is read up to a cap and the whole exchange has a deadline. Locally (`TC_OUTBOUND_ALLOW_PRIVATE=true`) http and
 * private destinations are allowed, so tests can run a receiver on 127.0.0.1.
 */

export type OutboundRefusalReason =
  | 'invalid_url'
  | 'scheme_not_allowed'
  | 'credentials_in_url'
  | 'unresolvable_host'
  | 'private_destination';

/** The request was not sent: the destination is not allowed. */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
  constructor(
    readonly reason: OutboundRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** The request was allowed but did not complete (timeout, connection or TLS failure). */
export class OutboundFailed extends Error {
  override readonly name = 'OutboundFailed';
  constructor(
    readonly reason: 'timeout' | 'network',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OutboundOptions {
  headers?: Record<string, string>;
  body: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export interface OutboundResponse {
  status: number;
  /** The response body, truncated to `maxResponseBytes`. */
  body: string;
  durationMs: number;
}

const defaultTimeoutMs = 10_000;
const defaultMaxResponseBytes = 64 * 1024;

/** Whether an address is a public unicast one (IPv4 inside IPv6 is judged as the IPv4 it carries). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** Checks a URL's form (scheme, no credentials) without resolving it; throws `OutboundRefused`. */
export function checkOutboundUrl(raw: string, allowPrivate = config.outboundAllowPrivate): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused('invalid_url', 'The URL is not valid.');
  }
  const allowedSchemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!allowedSchemes.includes(url.protocol)) {
    throw new OutboundRefused(
      'scheme_not_allowed',
      allowPrivate ? 'The URL must use https or http.' : 'The URL must use https.',
    );
  }
  if (url.username || url.password) {
    throw new OutboundRefused('credentials_in_url', 'The URL must not contain credentials.');
  }
  return url;
}

/** Resolves the host (every address) and returns the one to connect to, or throws `OutboundRefused`. */
async function vettedAddress(
  hostname: string,
  allowPrivate: boolean,
): Promise<{ address: string; family: 4 | 6 }> {
  const literal = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(literal)) {
    addresses = [{ address: literal, family: literal.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(literal, { all: true, verbatim: true });
    } catch {
      throw new OutboundRefused('unresolvable_host', 'The host name does not resolve.');
    }
  }
  // One private answer among public ones refuses the whole host: an attacker controls which one we would pick.
  if (!allowPrivate && addresses.some(({ address }) => !isPublicAddress(address))) {
    throw new OutboundRefused('private_destination', 'The URL resolves to a private or reserved address.');
  }
  const [first] = addresses;
  if (!first) throw new OutboundRefused('unresolvable_host', 'The host name does not resolve.');
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** Always answers with the vetted address, whatever name the socket asks for. */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/** POSTs `body` to a tenant-supplied URL behind the SSRF guard. A 3xx is returned as it is, never followed. */
export async function outboundPost(url: string, options: OutboundOptions): Promise<OutboundResponse> {
  const allowPrivate = config.outboundAllowPrivate;
  const target = checkOutboundUrl(url, allowPrivate);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  const started = performance.now();
  const { address, family } = await vettedAddress(target.hostname, allowPrivate);
  const isHttps = target.protocol === 'https:';
  const hostIsName = !ipaddr.isValid(target.hostname.replace(/^\[|\]$/g, ''));
  const payload = Buffer.from(options.body, 'utf8');
  const requestOptions: RequestOptions & { servername?: string } = {
    method: 'POST',
    hostname: target.hostname,
    port: target.port || (isHttps ? 443 : 80),
    path: `${target.pathname}${target.search}`,
    headers: {
      'user-agent': 'TrustCenter-Outbound/1',
      ...options.headers,
      'content-length': String(payload.length),
    },
    lookup: pinnedLookup(address, family),
    // Keep-alive pools could hand us a socket to another destination; every request gets its own.
    agent: false,
    ...(isHttps && hostIsName ? { servername: target.hostname } : {}),
  };

  return new Promise<OutboundResponse>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const req = (isHttps ? httpsRequest : httpRequest)(requestOptions, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let received = 0;
      const done = () =>
        finish(() =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, maxResponseBytes).toString('utf8'),
            durationMs: Math.round(performance.now() - started),
          }),
        );
      res.on('data', (chunk: Buffer) => {
        if (received >= maxResponseBytes) return;
        chunks.push(chunk);
        received += chunk.length;
        if (received >= maxResponseBytes) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    const timer = setTimeout(() => {
      finish(() => reject(new OutboundFailed('timeout', `No complete response within ${timeoutMs} ms.`)));
      req.destroy();
    }, timeoutMs);
    req.on('error', (error) =>
      finish(() =>
        reject(new OutboundFailed('network', 'The request could not be completed.', { cause: error })),
      ),
    );
    req.end(payload);
  });
}
