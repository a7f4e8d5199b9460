import { BRAND_IMAGE_TYPES } from '#services/brand/image-type';
import { addDomain, listDomains, removeDomain } from '#services/brand/manage-domains';
import { readBrand } from '#services/brand/read-brand';
import {
  addDomainBody,
  assetQuery,
  brand,
  domain,
  domainParams,
  updateBrandBody,
} from '#services/brand/schemas';
import { serveBrandImage } from '#services/brand/serve-brand-image';
import { updateBrand } from '#services/brand/update-brand';
import { MAX_BRAND_FORM_BYTES, uploadBrandAsset } from '#services/brand/upload-brand-asset';
import { BRAND_ASSET_PATHS, type BrandAssetKind } from '#services/brand/view';
import { IMMUTABLE_CACHE_CONTROL } from '#shared/http/cache-control';
import { etagOf } from '#shared/http/etag';
import { listSchema } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'brand';
const tags = ['Brand'];

const uploadRoute = (kind: BrandAssetKind, summary: string) =>
  defineRoute({
    service,
    method: 'PUT',
    path: `/api/v1/brand/${kind}`,
    operationId: kind === 'logo' ? 'uploadBrandLogo' : 'uploadBrandFavicon',
    summary,
    description:
      'A `multipart/form-data` body with the image in the field `file` (seed 1: `curl -F "file=@company-logo.png"`). PNG, JPEG, WebP or SVG of at most 1 MiB (else 413), judged by its content (else 415): PNG and JPEG must decode to their last pixel, WebP must be one whole RIFF container, and an SVG is sanitized before it is stored (no script, event handlers, animation or external references). Send `If-Match` to refuse a stale change (412).',
    tags,
    auth: 'tenant',
    scope: 'brand:write',
    request: { rawBody: { contentTypes: ['multipart/form-data'], maxBytes: MAX_BRAND_FORM_BYTES } },
    responses: { 200: { description: 'The brand with its new image', schema: brand } },
    async handler({ identity, rawBody, headers }) {
      const { view, version } = await uploadBrandAsset(callerOf(identity), kind, {
        body: rawBody ?? Buffer.alloc(0),
        contentType: headers['content-type'],
        ifMatch: headers['if-match'],
      });
      return { status: 200, body: view, headers: { ETag: etagOf(version) } };
    },
  });

/**
 * What a brand image's answer carries besides its type: cacheable for good by anyone (the URL's version is
 * the content's hash), its hash as ETag, and, for an SVG opened as a page of the trust center's own origin,
 * a policy that lets nothing in it run or load (it was sanitized at upload; this is the second wall).
 */
const imageHeaders = (sha256: string): Record<string, string> => ({
  'Cache-Control': IMMUTABLE_CACHE_CONTROL,
  ETag: `"${sha256}"`,
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
});

const publicAssetRoute = (kind: BrandAssetKind) =>
  defineRoute({
    service,
    method: 'GET',
    path: BRAND_ASSET_PATHS[kind],
    operationId: kind === 'logo' ? 'getPublicBrandLogo' : 'getPublicBrandFavicon',
    summary: `Get the trust center’s ${kind}`,
    description: `Public: no credential; the trust center is the one the request’s host names, so the image is served from the trust center’s own origin. With \`v\` naming the current version (the brand’s \`${kind}.url\` gives it), the image itself, cacheable for a year as immutable; without it, or with an older one, a redirect (302) to the current version. 404 when there is none, or no trust center at this host.`,
    tags,
    auth: 'public',
    request: { query: assetQuery },
    responses: {
      200: { description: 'The image', binary: BRAND_IMAGE_TYPES },
      302: { description: 'Where the current version is' },
      304: { description: 'The version the cache holds (`If-None-Match`) is the current one' },
    },
    async handler({ headers, query }) {
      const answer = await serveBrandImage(headers, kind, query.v);
      if (answer.kind === 'moved') return { status: 302, headers: { Location: answer.location } };
      if (ifNoneMatch(headers['if-none-match'], answer.sha256))
        return { status: 304, headers: imageHeaders(answer.sha256) };
      return {
        status: 200,
        body: answer.bytes,
        headers: { 'Content-Type': answer.contentType, ...imageHeaders(answer.sha256) },
      };
    },
  });

/** Whether an `If-None-Match` list names this hash's ETag (RFC 9110 §13.1.2: weak comparison, `*` matches). */
function ifNoneMatch(header: string | undefined, sha256: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === `"${sha256}"`);
}

export const brandRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/brand',
    operationId: 'getBrand',
    summary: 'Get the trust center’s brand',
    description:
      'Every field, with defaults where nothing was saved. `colors` adds to each brand colour the text colour (black or white) that reads on it at WCAG AA (4.5:1) or better.',
    tags,
    auth: 'tenant',
    scope: 'brand:read',
    responses: { 200: { description: 'The brand', schema: brand } },
    async handler({ identity }) {
      const { item, view } = await readBrand(callerOf(identity).tenantId);
      return { status: 200, body: view, headers: { ETag: etagOf(item?.version ?? 0) } };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/brand',
    operationId: 'updateBrand',
    summary: 'Change the trust center’s brand',
    description:
      'Seed 1’s body (`title`, `primary_color`, `deployment_domains` as a comma-separated string, `footer_text`) and more: secondary and accent colours, font, tagline and intro per language, security contact, privacy-policy URL, default and enabled languages. `deployment_domains` replaces the custom domains: new ones start `pending` (see `GET /api/v1/brand/domains` for the TXT record each needs), missing ones are given up. Custom domains are a paid-plan feature (403 on the free plan); a domain another trust center holds is a 409. Send `If-Match` to refuse a stale change (412).',
    tags,
    auth: 'tenant',
    scope: 'brand:write',
    request: { body: updateBrandBody },
    responses: { 200: { description: 'The changed brand', schema: brand } },
    async handler({ identity, body, headers }) {
      const { view, version } = await updateBrand(callerOf(identity), body, headers['if-match']);
      return { status: 200, body: view, headers: { ETag: etagOf(version) } };
    },
  }),
  uploadRoute('logo', 'Upload the trust center’s logo'),
  uploadRoute('favicon', 'Upload the trust center’s favicon'),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/brand/domains',
    operationId: 'listBrandDomains',
    summary: 'List the trust center’s hosts',
    description:
      'The default host (`<slug>.<platform domain>`, always active) first, then every custom domain with its status: `pending` until the TXT record named in `verification` is found (a scheduled job looks every few minutes), then `active`. A trust center has as many custom domains as its plan’s `custom_domains` limit allows, all on this one page.',
    tags,
    auth: 'tenant',
    scope: 'brand:read',
    responses: { 200: { description: 'The hosts', schema: listSchema('domains', domain) } },
    async handler({ identity }) {
      const domains = await listDomains(callerOf(identity).tenantId);
      return { status: 200, body: { domains, has_more: false, next_cursor: null } };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/brand/domains',
    operationId: 'addBrandDomain',
    summary: 'Add a custom domain',
    description:
      'The domain starts `pending`; publish the TXT record its `verification` names. A paid-plan feature (403 on the free plan); a domain another trust center holds is a 409. Adding one the trust center holds already answers it (200).',
    tags,
    auth: 'tenant',
    scope: 'brand:write',
    request: { body: addDomainBody },
    responses: {
      201: { description: 'The domain was claimed', schema: domain },
      200: { description: 'The trust center holds it already', schema: domain },
    },
    async handler({ identity, body }) {
      const { domain: added, created } = await addDomain(callerOf(identity), body.host);
      return { status: created ? 201 : 200, body: added };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/brand/domains/{host}',
    operationId: 'removeBrandDomain',
    summary: 'Give up a custom domain',
    description: 'The trust center stops answering on it at once. The default host cannot be removed.',
    tags,
    auth: 'tenant',
    scope: 'brand:write',
    request: { params: domainParams },
    responses: { 204: { description: 'The domain was given up' } },
    async handler({ identity, params }) {
      await removeDomain(callerOf(identity), params.host);
      return { status: 204 };
    },
  }),
  publicAssetRoute('logo'),
  publicAssetRoute('favicon'),
];
