// Use case: GET /api/v1/public/brand/logo and /favicon on a trust center's host. 1. the tenant from the
// viewer's host (never from the request's parameters); 2. its brand's image of that kind, by the object key
// the brand item holds (nothing else of the bucket is reachable); 3. the version asked for (`?v=`) is the
// current one: its bytes; any other version, or none: where the current one is.
import { viewerTenant } from '#services/brand/public';
import { readBrand } from '#services/brand/read-brand';
import type { BrandAssetItem } from '#services/brand/store';
import { assetUrl, assetVersion, type BrandAssetKind } from '#services/brand/view';
import { readObject } from '#shared/aws/objects';
import { NotFoundError } from '#shared/errors';

/** The current image's bytes, or the path of its current version when another one was asked for. */
export type BrandImageAnswer =
  | { kind: 'image'; bytes: Buffer; contentType: string; sha256: string }
  | { kind: 'moved'; location: string };

/**
 * The brand image of the trust center at the viewer's host.
 * @throws NotFoundError (404) when no trust center answers at this host, or it has no image of this kind.
 */
export async function serveBrandImage(
  headers: Readonly<Record<string, string | undefined>>,
  kind: BrandAssetKind,
  version: string | undefined,
): Promise<BrandImageAnswer> {
  const viewer = await viewerTenant({ headers: { ...headers } });
  if (!viewer) throw new NotFoundError('No trust center at this address');
  const { item } = await readBrand(viewer.tenantId);
  const asset = item?.[kind] as BrandAssetItem | undefined;
  if (!asset) throw new NotFoundError(`This trust center has no ${kind}`);
  if (version !== assetVersion(asset)) return { kind: 'moved', location: assetUrl(kind, asset) };
  return {
    kind: 'image',
    bytes: await readObject(asset.objectKey),
    contentType: asset.contentType,
    sha256: asset.sha256,
  };
}
