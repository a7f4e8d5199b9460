/**
 * Who a visitor's request is for: the trust center of the viewer's host, as the brand service resolves it
 * (never a parameter the client chooses), and its public origin for absolute links.
 */
import { viewerTenant } from '#services/brand/public';
import { config } from '#shared/config';
import { NotFoundError } from '#shared/errors';

/** The trust center a request reaches: its tenant, the host it was reached on and that host's origin. */
export interface TrustCenterViewer {
  tenantId: string;
  host: string;
  /** `https://trust.acme.com` (locally `http://acme.localhost:3000`): the base of every absolute link. */
  origin: string;
}

/**
 * The trust center of the request's host.
 * @throws NotFoundError (404) when the host belongs to no trust center (an unknown or forged host).
 */
export async function trustCenterViewer(
  headers: Readonly<Record<string, string>>,
): Promise<TrustCenterViewer> {
  // The brand service reads the host from the event's headers, which the pipeline hands routes as they came.
  const viewer = await viewerTenant({ headers: { ...headers } });
  if (!viewer) throw new NotFoundError('There is no trust center at this address');
  return { ...viewer, origin: originOf(viewer.host) };
}

/**
 * The origin visitors use for `host`: the platform's public scheme and port (`TC_PUBLIC_URL`: https in
 * AWS, `http://…:3000` locally) with the viewer's host, so links never depend on a header a client sends.
 */
export function originOf(host: string): string {
  const base = new URL(config.publicUrl);
  const bare = host.replace(/:\d+$/, '');
  return `${base.protocol}//${bare}${base.port ? `:${base.port}` : ''}`;
}
