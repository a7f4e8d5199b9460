import { isIP } from 'node:net';
import { headerValue } from '#shared/http/headers';
import { cameThroughCloudFront } from '#shared/net/origin-verify';

/**
 * The address of the client a request comes from: the one IP allowlists, per-source limits and visitor
 * pseudonyms are decided on.
 *
 * Called directly (the local gateway, or the execute-api endpoint), API Gateway's `sourceIp` is the client.
 * Behind CloudFront it is an edge server's, so the viewer-request function (infra/constructs/custom-domains.ts)
 * writes the viewer's own address (`event.viewer.ip`) into `x-tc-viewer-address`, over whatever the viewer
 * sent in it. A client can still send that header straight to the origin, so it is believed only beside the
 * origin-verify secret (shared/net/origin-verify.ts).
 */
export const VIEWER_ADDRESS_HEADER = 'x-tc-viewer-address';
/** The host the viewer asked for (`trust.acme.com`), written by the same CloudFront Function. */
export const VIEWER_HOST_HEADER = 'x-tc-viewer-host';

/**
 * The viewer's address (see above): the trusted CloudFront header's when it holds an IPv4 or IPv6
 * address, else `sourceIp`. Reads the origin-verify secret (cached) only when the header is present.
 */
export async function viewerAddress(
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
  sourceIp: string,
): Promise<string> {
  const forwarded = headerValue(headers, VIEWER_ADDRESS_HEADER)?.trim();
  if (!forwarded || !isIP(forwarded)) return sourceIp;
  return (await cameThroughCloudFront(headers)) ? forwarded : sourceIp;
}

/**
 * The host the viewer's browser addressed, port included (what an `Origin` header names): behind
 * CloudFront the trusted `x-tc-viewer-host` (the origin's own `Host` is API Gateway's), else `Host`.
 * Empty when neither is known.
 */
export async function viewerHostHeader(
  headers: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  const forwarded = headerValue(headers, VIEWER_HOST_HEADER);
  if (forwarded && (await cameThroughCloudFront(headers))) return forwarded;
  return headerValue(headers, 'host') ?? '';
}
