import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  classifyHost,
  hostName,
  ORIGIN_VERIFY_HEADER,
  trustedViewerHost,
  VIEWER_HOST_HEADER,
} from '#services/brand/hosts';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('host names', () => {
  it('compares hosts without case, port or trailing dot, and refuses addresses and junk', () => {
    expect(hostName('Acme.LOCALHOST:3000')).toBe('acme.localhost');
    expect(hostName('trust.acme.com.')).toBe('trust.acme.com');
    for (const junk of ['127.0.0.1', '[::1]:3000', 'a b.com', '', undefined, 'evil.com/x', '-a.com'])
      expect(hostName(junk)).toBeNull();
  });

  it('tells the platform host, a default host (one label before it) and a custom domain apart', () => {
    process.env.TC_PLATFORM_HOST = 'trust.example.net';

    expect(classifyHost('trust.example.net')).toEqual({ kind: 'apex' });
    expect(classifyHost('acme.trust.example.net')).toEqual({ kind: 'default', slug: 'acme' });
    expect(classifyHost('a.b.trust.example.net')).toEqual({ kind: 'custom', host: 'a.b.trust.example.net' });
    expect(classifyHost('trust.acme.com')).toEqual({ kind: 'custom', host: 'trust.acme.com' });
    expect(classifyHost('eviltrust.example.net')).toEqual({ kind: 'custom', host: 'eviltrust.example.net' });
  });
});

describe('the viewer host the platform trusts', () => {
  beforeEach(() => {
    delete process.env.TC_VIEWER_HOST_SOURCE;
  });

  it('trusts nothing when no source is configured', async () => {
    expect(await trustedViewerHost({ host: 'acme.localhost:3000' })).toBeNull();
  });

  it('locally, takes the Host header and ignores a viewer-host header a client sent', async () => {
    process.env.TC_VIEWER_HOST_SOURCE = 'host-header';

    expect(await trustedViewerHost({ Host: 'acme.localhost:3000', [VIEWER_HOST_HEADER]: 'victim.com' })).toBe(
      'acme.localhost',
    );
  });

  it('behind CloudFront, takes the viewer-host header only beside the origin-verify secret', async () => {
    process.env.TC_VIEWER_HOST_SOURCE = 'cloudfront';
    process.env.TC_ORIGIN_VERIFY_SECRET = 'shared-with-cloudfront-only';
    const viewer = {
      host: 'abc.execute-api.eu-west-1.amazonaws.com',
      [VIEWER_HOST_HEADER]: 'trust.acme.com',
    };

    expect(
      await trustedViewerHost({ ...viewer, [ORIGIN_VERIFY_HEADER]: 'shared-with-cloudfront-only' }),
    ).toBe('trust.acme.com');
    expect(await trustedViewerHost(viewer)).toBeNull();
    expect(
      await trustedViewerHost({ ...viewer, [ORIGIN_VERIFY_HEADER]: 'shared-with-cloudfront-onlx' }),
    ).toBeNull();
    expect(await trustedViewerHost({ ...viewer, [ORIGIN_VERIFY_HEADER]: 'short' })).toBeNull();
  });
});
