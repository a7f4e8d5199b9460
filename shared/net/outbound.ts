import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { config } from '#shared/config';

/**
 * The one way the platform calls a URL a tenant gave it (webhooks, Slack and Teams incoming webhooks): a guard
 * against server-side request forgery. Only https; the host must be, and must resolve to, public unicast
 * addresses only (see `isPublicAddress`); the connection goes to the address that was vetted (no second DNS
 * answer can rebind it); redirects are never followed; the response is read up to a cap and the whole exchange
 * has a deadline. Hosts are judged as the WHATWG URL parser normalizes them, which is also how they are
 * connected to: `http://2130706433/`, `0x7f.1`, `0177.0.0.1`, full-width digits and a trailing dot all become
 * `127.0.0.1`, and IDN names become punycode, before any rule looks at them. Locally
 * (`TC_OUTBOUND_ALLOW_PRIVATE=true`) http and private destinations are allowed, so tests can run a receiver on
 * 127.0.0.1.
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

// IANA allocates global unicast IPv6 only from 2000::/3 (RFC 4291 section 2.4, IANA "IPv6 Address Space");
// everything outside it, the IPv4-compatible ::/96 included (RFC 4291 section 2.5.5.1), is never a destination.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * IPv6 with a dotted IPv4 tail (`::127.0.0.1`, as glibc prints IPv4-compatible answers) in plain hex groups.
 * ipaddr.js 2.5 reads every dotted tail as IPv4-mapped (`::127.0.0.1` as `::ffff:7f00:1`), which would judge
 * an address other than the one the socket connects to; the WHATWG parser reads it as RFC 4291 says.
 */
function withHexTail(literal: string): string {
  if (!literal.includes(':') || !literal.includes('.')) return literal;
  const [address = '', zone] = literal.split('%');
  try {
    const hex = new URL(`http://[${address}]/`).hostname.slice(1, -1);
    return zone === undefined ? hex : `${hex}%${zone}`;
  } catch {
    return literal;
  }
}

/** The address of an IP literal or a DNS answer (`[…]` brackets and an IPv6 zone allowed), or null. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const literal = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  try {
    return ipaddr.parse(withHexTail(literal));
  } catch {
    return null;
  }
}

/**
 * Whether an address (dotted or any other IPv4 form ipaddr.js reads, or IPv6, optionally in brackets) is one
 * the platform may connect to. An allowlist: the address's ipaddr.js range must be `unicast`, so every special
 * range it knows (loopback, private, link-local, CGNAT, multicast, reserved, unique-local, benchmarking, …) is
 * refused, and so is every IPv6 form that embeds an IPv4 address and could reach one through a translator or
 * tunnel: NAT64 `64:ff9b::/96` and `64:ff9b:1::/48` (RFC 6052, RFC 8215), 6to4 `2002::/16` (RFC 3056), Teredo
 * `2001::/32` (RFC 4380), IPv4-translated `::ffff:0:0:0/96` (RFC 6145) and IPv4-compatible `::/96`. IPv4-mapped
 * `::ffff:a.b.c.d` is a socket-level spelling of the IPv4 address itself, so it is judged as that address.
 * IPv6 must also lie in global unicast `2000::/3`. Anything that does not parse is not public.
 */
export function isPublicAddress(address: string): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  const ip = parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress() ? parsed.toIPv4Address() : parsed;
  if (ip.range() !== 'unicast') return false;
  return ip instanceof ipaddr.IPv4 || ip.match(GLOBAL_UNICAST_V6);
}

/** Names that always mean this machine, whatever DNS says (RFC 6761 section 6.3), trailing dot or not. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Checks a URL as a caller registers it, without resolving it: it parses (WHATWG), uses https (or http when
 * private destinations are allowed), carries no credentials, and, unless private destinations are allowed, its
 * host is neither an IP literal `isPublicAddress` refuses, however written, nor a localhost name. Names are
 * resolved and judged again on every request (`outboundPost`), since DNS can change after registration.
 * Returns the parsed URL; throws `OutboundRefused` with the reason.
 */
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
  if (!allowPrivate) {
    const literal = parseAddress(url.hostname);
    if ((literal && !isPublicAddress(url.hostname)) || (!literal && isLocalhostName(url.hostname))) {
      throw new OutboundRefused('private_destination', 'The URL points to a private or reserved address.');
    }
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
  const parsed = parseAddress(literal);
  if (parsed) {
    addresses = [{ address: parsed.toString(), family: parsed.kind() === 'ipv6' ? 6 : 4 }];
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
  // Connect to an IPv4-mapped answer as the IPv4 address it was judged as.
  const chosen = parseAddress(first.address);
  if (chosen instanceof ipaddr.IPv6 && chosen.isIPv4MappedAddress()) {
    return { address: chosen.toIPv4Address().toString(), family: 4 };
  }
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
  const hostIsName = parseAddress(target.hostname) === null;
  const payload = Buffer.from(options.body, 'utf8');
  const requestOptions: RequestOptions & { servername?: string } = {
    method: 'POST',
    // Without brackets, so an IPv6 literal is connected to as one (the pinned lookup answers for names).
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
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
