import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trustedViewerHost } from '#services/brand/hosts';
import { isSameOrigin, siteRequestOf } from '#services/site/http';
import { ORIGIN_VERIFY_HEADER } from '#shared/net/origin-verify';
import {
  VIEWER_ADDRESS_HEADER,
  VIEWER_HOST_HEADER,
  viewerAddress,
  viewerHostHeader,
} from '#shared/net/viewer-address';

/**
 * What the origin believes about the viewer behind CloudFront: the address and the host are the two facts
 * the viewer-request function writes, and both are believed only beside the one origin-verify header
 * CloudFront sends (infra/constructs/site-distribution.ts names the same constant).
 */
const SECRET = 'shared-with-cloudfront-only';
const EDGE = '130.176.0.1';
const saved = { ...process.env };

beforeEach(() => {
  process.env.TC_ORIGIN_VERIFY_SECRET = SECRET;
  process.env.TC_VIEWER_HOST_SOURCE = 'cloudfront';
});
afterEach(() => {
  process.env = { ...saved };
});

describe('the viewer address', () => {
  it('is the CloudFront header beside the origin-verify secret, IPv4 or IPv6, whatever the header case', async () => {
    expect(
      await viewerAddress({ [VIEWER_ADDRESS_HEADER]: '203.0.113.7', [ORIGIN_VERIFY_HEADER]: SECRET }, EDGE),
    ).toBe('203.0.113.7');
    expect(
      await viewerAddress({ 'X-TC-Viewer-Address': '2001:db8::1', 'X-TC-Origin-Verify': SECRET }, EDGE),
    ).toBe('2001:db8::1');
  });

  it('is the source address without the secret, with a wrong one, or with no secret configured', async () => {
    const forged = { [VIEWER_ADDRESS_HEADER]: '203.0.113.7' };
    expect(await viewerAddress(forged, EDGE)).toBe(EDGE);
    expect(await viewerAddress({ ...forged, [ORIGIN_VERIFY_HEADER]: `${SECRET}x` }, EDGE)).toBe(EDGE);
    expect(await viewerAddress({ ...forged, [ORIGIN_VERIFY_HEADER]: 'x-origin-verify' }, EDGE)).toBe(EDGE);
    delete process.env.TC_ORIGIN_VERIFY_SECRET;
    expect(await viewerAddress({ ...forged, [ORIGIN_VERIFY_HEADER]: SECRET }, EDGE)).toBe(EDGE);
  });

  it('is the source address when the header holds no IP address', async () => {
    for (const value of ['203.0.113.7:443', 'trust.acme.com', '', '203.0.113.7, 10.0.0.1'])
      expect(
        await viewerAddress({ [VIEWER_ADDRESS_HEADER]: value, [ORIGIN_VERIFY_HEADER]: SECRET }, EDGE),
      ).toBe(EDGE);
  });

  it('is decided on the same header and secret as the viewer host', async () => {
    const viaCloudFront = {
      [VIEWER_HOST_HEADER]: 'trust.acme.com',
      [VIEWER_ADDRESS_HEADER]: '203.0.113.7',
      [ORIGIN_VERIFY_HEADER]: SECRET,
    };
    expect(await trustedViewerHost(viaCloudFront)).toBe('trust.acme.com');
    expect(await viewerAddress(viaCloudFront, EDGE)).toBe('203.0.113.7');
  });
});

describe('the viewer host a page is addressed by', () => {
  const API_HOST = 'abc123.execute-api.eu-west-1.amazonaws.com';

  it('is the CloudFront header beside the secret, else the Host header', async () => {
    expect(
      await viewerHostHeader({
        host: API_HOST,
        [VIEWER_HOST_HEADER]: 'trust.acme.com',
        [ORIGIN_VERIFY_HEADER]: SECRET,
      }),
    ).toBe('trust.acme.com');
    expect(await viewerHostHeader({ host: API_HOST, [VIEWER_HOST_HEADER]: 'trust.acme.com' })).toBe(API_HOST);
    expect(await viewerHostHeader({ host: 'acme.localhost:3000' })).toBe('acme.localhost:3000');
  });

  it("lets a form posted from the tenant's own host through the site's origin check behind CloudFront, and no other", async () => {
    const post = (origin: string, headers: Record<string, string> = {}) =>
      ({
        httpMethod: 'POST',
        path: '/en/request',
        headers: {
          host: API_HOST,
          origin,
          [VIEWER_HOST_HEADER]: 'trust.acme.com',
          'x-tc-viewer-address': '203.0.113.7',
          ...headers,
        },
        multiValueQueryStringParameters: null,
        body: '',
        isBase64Encoded: false,
        requestContext: { identity: { sourceIp: EDGE } },
      }) as unknown as APIGatewayProxyEvent;

    const viaCloudFront = await siteRequestOf(
      post('https://trust.acme.com', { [ORIGIN_VERIFY_HEADER]: SECRET }),
    );
    expect(isSameOrigin(viaCloudFront)).toBe(true);
    expect(viaCloudFront.sourceIp).toBe('203.0.113.7');
    expect(
      isSameOrigin(await siteRequestOf(post('https://evil.example', { [ORIGIN_VERIFY_HEADER]: SECRET }))),
    ).toBe(false);
    // Straight to the origin with forged headers: neither the host nor the address is believed.
    const forged = await siteRequestOf(post('https://trust.acme.com'));
    expect(isSameOrigin(forged)).toBe(false);
    expect(forged.sourceIp).toBe(EDGE);
  });
});
