import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { config } from '#shared/config';

/**
 * The address of the client a request comes from, the one IP allowlists are decided on.
 *
 * Called directly, API Gateway's `sourceIp` is the client. Behind CloudFront it is an edge server's, so the
 * viewer's own address comes from the `CloudFront-Viewer-Address` header (`<ip>:<port>`, which an origin
 * request policy forwards). A client can send that header itself, so it is believed only when the request
 * provably came through CloudFront: CloudFront adds the `X-Origin-Verify` custom origin header with the
 * deployment's secret (`TC_ORIGIN_VERIFY_SECRET`), which no client knows. Without the secret configured, or
 * with a wrong one, the header is ignored and `sourceIp` decides.
 */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

function header(headers: Readonly<Record<string, string | undefined>> | null | undefined, name: string) {
  if (!headers) return undefined;
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `203.0.113.7:443` → `203.0.113.7`; `2001:db8::1:443` → `2001:db8::1` (the port follows the last colon). */
function addressOf(viewerAddress: string): string | undefined {
  const cut = viewerAddress.lastIndexOf(':');
  const address = (cut > 0 ? viewerAddress.slice(0, cut) : viewerAddress).replace(/^\[|\]$/g, '');
  return isIP(address) ? address : undefined;
}

/** The viewer's address (see above): the trusted CloudFront header's, else `sourceIp`. */
export function viewerAddress(
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
  sourceIp: string,
): string {
  const secret = config.originVerifySecret;
  const verify = header(headers, ORIGIN_VERIFY_HEADER);
  const forwarded = header(headers, VIEWER_ADDRESS_HEADER);
  if (secret && verify && forwarded && sameSecret(verify, secret)) return addressOf(forwarded) ?? sourceIp;
  return sourceIp;
}
