import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
