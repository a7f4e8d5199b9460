import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkOutboundUrl,
  isPublicAddress,
  OutboundFailed,
  OutboundRefused,
  outboundPost,
} from '#shared/net/outbound';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let port: number;
let handler: Handler = (_req, res) => res.end('ok');
const received: { headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// The local platform of the test run allows private destinations; these tests decide for themselves.
beforeEach(() => {
  process.env.TC_OUTBOUND_ALLOW_PRIVATE = 'false';
});

afterEach(() => {
  handler = (_req, res) => res.end('ok');
  received.length = 0;
});

const allowPrivate = () => {
  process.env.TC_OUTBOUND_ALLOW_PRIVATE = 'true';
};

describe('outboundPost', () => {
  it('refuses a private address when private destinations are not allowed', async () => {
    await expect(outboundPost(`https://127.0.0.1:${port}/hook`, { body: '{}' })).rejects.toMatchObject({
      name: 'OutboundRefused',
      reason: 'private_destination',
    });
    expect(received).toHaveLength(0);
  });

  it('refuses a host name that resolves to a loopback address', async () => {
    await expect(outboundPost(`https://localhost:${port}/hook`, { body: '{}' })).rejects.toBeInstanceOf(
      OutboundRefused,
    );
    expect(received).toHaveLength(0);
  });

  it('refuses http when private destinations are not allowed', async () => {
    await expect(outboundPost(`http://127.0.0.1:${port}/hook`, { body: '{}' })).rejects.toMatchObject({
      reason: 'scheme_not_allowed',
    });
  });

  it('posts the body and headers to a private address when allowed', async () => {
    allowPrivate();
    handler = (_req, res) => {
      res.statusCode = 202;
      res.end('accepted');
    };

    const response = await outboundPost(`http://localhost:${port}/hook?x=1`, {
      body: '{"a":1}',
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
    });

    expect(response.status).toBe(202);
    expect(response.body).toBe('accepted');
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
    expect(received[0]?.body).toBe('{"a":1}');
    expect(received[0]?.headers['x-test']).toBe('yes');
    expect(received[0]?.headers.host).toBe(`localhost:${port}`);
  });

  it('returns a redirect as it is instead of following it', async () => {
    allowPrivate();
    handler = (_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', `http://127.0.0.1:${port}/elsewhere`);
      res.end();
    };

    const response = await outboundPost(`http://127.0.0.1:${port}/hook`, { body: '{}' });

    expect(response.status).toBe(302);
    expect(received).toHaveLength(1);
  });

  it('gives up after the timeout', async () => {
    allowPrivate();
    handler = () => {
      // never answers
    };

    await expect(
      outboundPost(`http://127.0.0.1:${port}/slow`, { body: '{}', timeoutMs: 200 }),
    ).rejects.toMatchObject({
      name: 'OutboundFailed',
      reason: 'timeout',
    });
  });

  it('reads at most maxResponseBytes of the response', async () => {
    allowPrivate();
    handler = (_req, res) => {
      res.write('x'.repeat(10_000));
      // Keeps streaming: the client must stop reading, not wait for the end.
      const timer = setInterval(() => res.write('y'.repeat(10_000)), 5);
      res.on('close', () => clearInterval(timer));
    };

    const response = await outboundPost(`http://127.0.0.1:${port}/big`, {
      body: '{}',
      maxResponseBytes: 1024,
    });

    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(1024);
  });

  it('fails as a network error when nothing listens', async () => {
    allowPrivate();

    await expect(outboundPost('http://127.0.0.1:1/closed', { body: '{}' })).rejects.toBeInstanceOf(
      OutboundFailed,
    );
  });
});

describe('destination rules', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.1',
    '0.0.0.0',
    '::1',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'fd00:ec2::254',
    'fc00::1',
    'fe80::1',
    'ff02::1',
  ])('treats %s as not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'treats %s as public',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it('accepts only https URLs unless private destinations are allowed', () => {
    expect(checkOutboundUrl('https://hooks.example.com/x', false).hostname).toBe('hooks.example.com');
    expect(() => checkOutboundUrl('http://hooks.example.com/x', false)).toThrow(OutboundRefused);
    expect(() => checkOutboundUrl('ftp://hooks.example.com/x', true)).toThrow(OutboundRefused);
    expect(checkOutboundUrl('http://127.0.0.1:8080/x', true).port).toBe('8080');
  });

  it('refuses URLs that are not URLs or carry credentials', () => {
    expect(() => checkOutboundUrl('not a url', false)).toThrow(OutboundRefused);
    expect(() => checkOutboundUrl('https://user:pass@hooks.example.com/', false)).toThrow(OutboundRefused);
  });
});

/** The 32-bit value of a dotted IPv4 address. */
function ipv4Number(dotted: string): number {
  return ipaddr.IPv4.parse(dotted)
    .toByteArray()
    .reduce((value, octet) => value * 256 + octet, 0);
}

function hex16(value: number): string {
  return (value & 0xffff).toString(16);
}

/** Every IPv6 spelling that carries an IPv4 address, by the name of its range. */
function ipv6Embeddings(dotted: string): Record<string, string> {
  const value = ipv4Number(dotted);
  const high = hex16(value >>> 16);
  const low = hex16(value);
  return {
    'IPv4-mapped, dotted': `::ffff:${dotted}`,
    'IPv4-mapped, hex': `::ffff:${high}:${low}`,
    'IPv4-compatible, dotted': `::${dotted}`,
    'IPv4-compatible, hex': `::${high}:${low}`,
    'IPv4-compatible, long form': `0:0:0:0:0:0:${dotted}`,
    'IPv4-translated (RFC 6145)': `::ffff:0:${high}:${low}`,
    'NAT64 (RFC 6052)': `64:ff9b::${dotted}`,
    'NAT64 local-use (RFC 8215)': `64:ff9b:1::${high}:${low}`,
    '6to4 (RFC 3056)': `2002:${high}:${low}::1`,
    'Teredo (RFC 4380)': `2001:0:${high}:${low}::1`,
  };
}

/** Every way a URL host can spell an IPv4 address that the WHATWG parser (and so fetch and http) accepts. */
function ipv4HostSpellings(dotted: string): Record<string, string> {
  const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
  const value = ipv4Number(dotted);
  return {
    dotted,
    decimal: String(value),
    hex: `0x${value.toString(16)}`,
    octal: `0${value.toString(8)}`,
    'dotted octal': [a, b, c, d].map((octet) => `0${octet.toString(8)}`).join('.'),
    'dotted hex': [a, b, c, d].map((octet) => `0x${octet.toString(16)}`).join('.'),
    'two parts': `${a}.${(b << 16) + (c << 8) + d}`,
    'three parts, hex first': `0x${a.toString(16)}.${b}.${(c << 8) + d}`,
    'trailing dot': `${dotted}.`,
    'full-width digits': dotted.replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit))),
  };
}

const nonPublicIpv4 = [
  '127.0.0.1',
  '10.0.0.1',
  '172.31.255.255',
  '192.168.0.1',
  '169.254.169.254',
  '100.100.100.200',
  '0.0.0.0',
  '192.0.0.170',
  '198.18.0.1',
  '224.0.0.251',
  '255.255.255.255',
];

describe('IPv4 inside IPv6', () => {
  it.each(
    nonPublicIpv4.flatMap((dotted) =>
      Object.entries(ipv6Embeddings(dotted)).map(([form, address]) => [form, address, dotted]),
    ),
  )('treats %s %s (carrying %s) as not public, as an address and as a URL host', (_form, address) => {
    expect(isPublicAddress(address)).toBe(false);
    expect(() => checkOutboundUrl(`https://[${address}]/hook`, false)).toThrow(OutboundRefused);
  });

  it('refuses https://[::127.0.0.1]/, the IPv4-compatible loopback of the pen test', () => {
    expect(() => checkOutboundUrl('https://[::127.0.0.1]/', false)).toThrowError(
      expect.objectContaining({ reason: 'private_destination' }),
    );
  });

  it('judges IPv4-mapped addresses as the IPv4 address they carry, and refuses every translated form', () => {
    const embedded = ipv6Embeddings('8.8.8.8');

    expect(isPublicAddress(embedded['IPv4-mapped, dotted'] ?? '')).toBe(true);
    expect(isPublicAddress(embedded['IPv4-mapped, hex'] ?? '')).toBe(true);
    for (const [form, address] of Object.entries(embedded).filter(
      ([form]) => !form.startsWith('IPv4-mapped'),
    ))
      expect(isPublicAddress(address), form).toBe(false);
  });

  it('refuses every IPv4 address in every IPv6 form other than IPv4-mapped (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (dotted) => {
        for (const [form, address] of Object.entries(ipv6Embeddings(dotted))) {
          if (form.startsWith('IPv4-mapped')) {
            expect(isPublicAddress(address)).toBe(isPublicAddress(dotted));
          } else {
            expect(isPublicAddress(address)).toBe(false);
          }
        }
      }),
    );
  });
});

describe('non-global ranges', () => {
  it.each([
    ['benchmarking', '198.18.0.1'],
    ['documentation', '192.0.2.1'],
    ['documentation', '198.51.100.7'],
    ['documentation', '203.0.113.9'],
    ['IETF protocol assignments', '192.0.0.8'],
    ['reserved', '240.0.0.1'],
    ['broadcast', '255.255.255.255'],
    ['this network', '0.1.2.3'],
    ['documentation', '2001:db8::1'],
    ['documentation', '3fff::1'],
    ['benchmarking', '2001:2::1'],
    ['ORCHIDv2', '2001:20::1'],
    ['discard-only', '100::1'],
    ['site-local (deprecated)', 'fec0::1'],
    ['segment routing', '5f00::1'],
    ['unassigned, outside 2000::/3', '4000::1'],
    ['unassigned, outside 2000::/3', '::2:3:4'],
  ])('treats %s %s as not public', (_range, address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it('accepts an IPv6 address only within global unicast 2000::/3 (property)', () => {
    fc.assert(
      fc.property(fc.ipV6(), (address) => {
        if (isPublicAddress(address)) {
          const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
          expect(ipaddr.IPv6.parse(canonical).match(ipaddr.parseCIDR('2000::/3'))).toBe(true);
        }
      }),
    );
  });

  it('treats anything that is not an address as not public', () => {
    for (const text of ['', 'localhost', 'example.com', '1.2.3.4.5', '[::1', '::g']) {
      expect(isPublicAddress(text), text).toBe(false);
    }
  });
});

describe('how a host is written', () => {
  it.each(
    ['127.0.0.1', '10.0.0.1', '169.254.169.254', '192.168.1.1'].flatMap((dotted) =>
      Object.entries(ipv4HostSpellings(dotted)).map(([form, host]) => [dotted, form, host]),
    ),
  )('refuses %s written as %s (%s) when the URL is registered', (_dotted, _form, host) => {
    expect(() => checkOutboundUrl(`https://${host}/hook`, false)).toThrowError(
      expect.objectContaining({ reason: 'private_destination' }),
    );
  });

  it('refuses the pen test spellings http://2130706433/ and 0x7f.1 on https', () => {
    expect(() => checkOutboundUrl('https://2130706433/', false)).toThrow(OutboundRefused);
    expect(() => checkOutboundUrl('https://0x7f.1/', false)).toThrow(OutboundRefused);
  });

  it('refuses a private IPv4 address in any spelling the URL parser accepts (property)', () => {
    const privateIpv4 = fc.oneof(
      fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), fc.nat(255), fc.nat(255)),
    );
    fc.assert(
      fc.property(privateIpv4, (octets) => {
        const dotted = octets.join('.');
        for (const host of Object.values(ipv4HostSpellings(dotted))) {
          expect(() => checkOutboundUrl(`https://${host}/`, false)).toThrow(OutboundRefused);
        }
        for (const address of Object.values(ipv6Embeddings(dotted))) {
          expect(() => checkOutboundUrl(`https://[${address}]/`, false)).toThrow(OutboundRefused);
        }
      }),
    );
  });

  it('reads every spelling of a public address as that address, and lets it through', () => {
    for (const [form, host] of Object.entries(ipv4HostSpellings('93.184.216.34'))) {
      expect(checkOutboundUrl(`https://${host}/`, false).hostname, form).toBe('93.184.216.34');
    }
  });

  it.each(['localhost', 'LOCALHOST', 'localhost.', 'api.localhost', 'api.localhost.', 'ｌｏｃａｌｈｏｓｔ'])(
    'refuses the localhost name %s when the URL is registered',
    (host) => {
      expect(() => checkOutboundUrl(`https://${host}:8443/hook`, false)).toThrowError(
        expect.objectContaining({ reason: 'private_destination' }),
      );
    },
  );

  it('accepts names, IDN names included, leaving their addresses to the check at connection time', () => {
    expect(checkOutboundUrl('https://hooks.example.com./x', false).hostname).toBe('hooks.example.com.');
    expect(checkOutboundUrl('https://bücher.example/x', false).hostname).toBe('xn--bcher-kva.example');
  });

  it('allows private literals only where private destinations are allowed', () => {
    expect(checkOutboundUrl('http://[::127.0.0.1]:8080/x', true).hostname).toBe('[::7f00:1]');
    expect(checkOutboundUrl('http://localhost:8080/x', true).hostname).toBe('localhost');
  });
});

describe('the check at connection time', () => {
  it.each([
    '[::127.0.0.1]',
    '[::ffff:127.0.0.1]',
    '[64:ff9b::7f00:1]',
    '2130706433',
    '0x7f.1',
    '127.1',
    'localhost.',
  ])('sends nothing to %s, however the URL reached it', async (host) => {
    await expect(outboundPost(`https://${host}:${port}/hook`, { body: '{}' })).rejects.toMatchObject({
      name: 'OutboundRefused',
      reason: 'private_destination',
    });
    expect(received).toHaveLength(0);
  });

  it('does not follow a redirect to a private address, even where private destinations are allowed', async () => {
    allowPrivate();
    handler = (req, res) => {
      if (req.url === '/hook') {
        res.statusCode = 307;
        res.setHeader('location', `http://[::ffff:127.0.0.1]:${port}/internal`);
      }
      res.end();
    };

    const response = await outboundPost(`http://127.0.0.1:${port}/hook`, { body: '{}' });

    expect(response.status).toBe(307);
    expect(received).toHaveLength(1);
  });

  it('connects to an IPv4-mapped literal as the IPv4 address it was judged as', async () => {
    allowPrivate();

    const response = await outboundPost(`http://[::ffff:127.0.0.1]:${port}/hook`, { body: '{}' });

    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
  });
});
