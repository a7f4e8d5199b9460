// Use case: PUT /api/v1/brand/logo and /favicon (multipart, a `file` field). 1. take the file from the
// form; 2. judge it by its bytes (type, structure, size); an SVG is sanitized; 3. store it under the
// tenant's prefix, with its intrinsic size kept for the pages; 4. commit the brand pointing at it with
// brand.updated; the replaced file is deleted.
import { type BrandImageType, checkWebp, imageDimensions, sniffBrandImage } from '#services/brand/image-type';
import { readBrand } from '#services/brand/read-brand';
import { sanitizeSvg } from '#services/brand/sanitize-svg';
import type { BrandView } from '#services/brand/schemas';
import type { BrandAssetItem, BrandItem } from '#services/brand/store';
import { brandPut } from '#services/brand/update-brand';
import { type BrandAssetKind, toBrandView } from '#services/brand/view';
import type { Identity } from '#shared/auth/identity';
import { removeObjects, storeObject } from '#shared/aws/objects';
import { sha256Hex } from '#shared/crypto/sha256-hex';
import { commitWithEvents, WriteConflict } from '#shared/data/outbox';
import {
  PayloadTooLargeError,
  PreconditionFailedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkJpeg, checkPng } from '#shared/files/check-image';
import { FileContentMismatchError } from '#shared/files/content-mismatch-error';
import { checkIfMatch } from '#shared/http/etag';

/** A logo or favicon file may be at most 1 MiB. */
export const MAX_BRAND_IMAGE_BYTES = 1024 * 1024;
/** The whole multipart body: the file plus room for the form's boundaries and part headers. */
export const MAX_BRAND_FORM_BYTES = MAX_BRAND_IMAGE_BYTES + 64 * 1024;

const EXTENSIONS: Record<BrandImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
};
const ACCEPTED = Object.keys(EXTENSIONS);

/** The `file` part of a multipart/form-data body, parsed by the platform's own (undici's) form parser. */
async function filePart(
  body: Buffer,
  contentType: string | undefined,
): Promise<{ bytes: Buffer; declared: string }> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType ?? '' } }).formData();
  } catch (error) {
    throw new ValidationError('The body is not a valid multipart/form-data form', 'body', { cause: error });
  }
  const file = form.get('file');
  if (!file || typeof file === 'string')
    throw new ValidationError('Send the image as a file in the form field `file`', 'file');
  if (file.size > MAX_BRAND_IMAGE_BYTES)
    throw new PayloadTooLargeError(MAX_BRAND_IMAGE_BYTES, {
      param: 'file',
      message: `The image exceeds the limit of ${MAX_BRAND_IMAGE_BYTES} bytes (1 MiB)`,
    });
  if (file.size === 0) throw new ValidationError('The file is empty', 'file');
  return {
    bytes: Buffer.from(await file.arrayBuffer()),
    declared: file.type.split(';')[0]?.trim().toLowerCase() ?? '',
  };
}

/** The bytes to store and their type, once they prove to be a whole image of an accepted type. */
async function acceptedImage(
  bytes: Buffer,
  declared: string,
): Promise<{ bytes: Buffer; type: BrandImageType }> {
  const type = sniffBrandImage(bytes);
  if (!type)
    throw new UnsupportedMediaTypeError(ACCEPTED, {
      param: 'file',
      message: `The file is not a PNG, JPEG, WebP or SVG image (judged by its content)`,
    });
  // A declared image type must be the one the bytes are; a generic one (octet-stream, none) is fine.
  if (declared.startsWith('image/') && declared !== type)
    throw new FileContentMismatchError(declared, `its content is ${type}`, 'file');
  if (type === 'image/svg+xml') {
    const clean = await sanitizeSvg(bytes.toString('utf8'));
    if (!clean) throw new FileContentMismatchError(type, 'nothing of it is a drawable SVG image', 'file');
    return { bytes: Buffer.from(clean, 'utf8'), type };
  }
  const verdict =
    type === 'image/png'
      ? await checkPng(bytes)
      : type === 'image/jpeg'
        ? await checkJpeg(bytes)
        : checkWebp(bytes);
  if (!verdict.valid) throw new FileContentMismatchError(type, verdict.reason, 'file');
  return { bytes, type };
}

/**
 * Makes the uploaded image the brand's logo or favicon.
 * @throws ValidationError (400) without a `file` field; PayloadTooLargeError (413) past 1 MiB;
 *   UnsupportedMediaTypeError / FileContentMismatchError (415) for anything but a whole PNG, JPEG, WebP or
 *   SVG; PreconditionFailedError (412) on a stale If-Match or a concurrent change.
 */
export async function uploadBrandAsset(
  identity: Identity,
  kind: BrandAssetKind,
  upload: { body: Buffer; contentType: string | undefined; ifMatch: string | undefined },
  now = new Date(),
): Promise<{ view: BrandView; version: number }> {
  const part = await filePart(upload.body, upload.contentType);
  const image = await acceptedImage(part.bytes, part.declared);
  const current = await readBrand(identity.tenantId);
  checkIfMatch(upload.ifMatch, current.item?.version ?? 0);

  const sha256 = sha256Hex(image.bytes);
  const asset: BrandAssetItem = {
    objectKey: `tenants/${identity.tenantId}/brand/${kind}/${sha256}.${EXTENSIONS[image.type]}`,
    contentType: image.type,
    size: image.bytes.length,
    sha256,
    ...imageDimensions(image.bytes),
    uploadedAt: now.toISOString(),
  };
  await storeObject(asset.objectKey, image.bytes, image.type, sha256);
  const item: BrandItem = {
    ...(current.item ?? { tenantId: identity.tenantId }),
    [kind]: asset,
    updatedAt: asset.uploadedAt,
    version: (current.item?.version ?? 0) + 1,
  };
  const view = toBrandView(item, current.context);
  const replaced = (current.item?.[kind] as BrandAssetItem | undefined)?.objectKey;
  try {
    await commitWithEvents(
      [brandPut(item, current.item?.version)],
      [domainEvent('brand.updated', identity, { brand: view, changed: [kind] }, now)],
    );
  } catch (error) {
    if (asset.objectKey !== replaced) await removeObjects([asset.objectKey]);
    if (error instanceof WriteConflict) throw new PreconditionFailedError(undefined, { cause: error });
    throw error;
  }
  if (replaced && replaced !== asset.objectKey) await removeObjects([replaced]);
  return { view, version: item.version };
}
