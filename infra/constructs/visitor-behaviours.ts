import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { PRODUCT } from '#infra/project';
import { VIEWER_COUNTRY_HEADER } from '#services/analytics/visitor';
import { IMMUTABLE_MAX_AGE_SECONDS } from '#shared/http/cache-control';
import type { Route } from '#shared/http/route';

/**
 * CloudFront behaviours for the trust center's visitor routes (services/trust-center): its machine-readable
 * documents at the root of every host (`/trust.json`, `/llms.txt`, `/.well-known/security.txt`, …, read from
 * the route table so a new one needs no change here), its overview and search under the API, and the MCP
 * server. They go to the API origin like `/api/*`, but GETs are cached: per viewer host (the header the
 * viewer-host function writes) and language, for as long as the origin's `Cache-Control` says, and the
 * trust-center consumer invalidates them when the content changes.
 */
export interface VisitorBehaviourOptions {
  /** The REST API origin, with the origin-verify header. */
  origin: cloudfront.IOrigin;
  /** The header the viewer-host function writes (services/brand/hosts.ts). */
  viewerHostHeader: string;
  responseHeadersPolicy: cloudfront.IResponseHeadersPolicy;
  functionAssociations: cloudfront.FunctionAssociation[];
}

/** The path patterns of the trust center's visitor routes: literal paths, most specific first. */
export function visitorPathPatterns(routes: readonly Route[]): string[] {
  const visitor = routes.filter((route) => route.auth === 'public' && route.service === 'trust-center');
  return [...new Set(visitor.map((route) => route.path))].sort((a, b) => b.length - a.length);
}

/**
 * A cache policy keyed by the viewer's host and languages and the query (and, with `cookies`, every cookie),
 * whose TTL is the origin's `Cache-Control` (none without one, a day at most), with gzip and brotli.
 */
function perViewerCachePolicy(
  scope: Construct,
  id: string,
  props: {
    name: string;
    comment: string;
    viewerHostHeader: string;
    cookies: boolean;
    /** CloudFront's own request headers the origin needs; a header reaches the origin only if a policy names it. */
    cloudFrontHeaders?: readonly string[];
  },
): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(scope, id, {
    cachePolicyName: props.name,
    comment: props.comment,
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList(
      props.viewerHostHeader,
      'Accept-Language',
      ...(props.cloudFrontHeaders ?? []),
    ),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
    cookieBehavior: props.cookies
      ? cloudfront.CacheCookieBehavior.all()
      : cloudfront.CacheCookieBehavior.none(),
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(0),
    maxTtl: Duration.days(1),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

/** One cache policy per scope: the cache key is the viewer's host, its languages and the query. */
export function visitorCachePolicy(
  scope: Construct,
  stage: string,
  viewerHostHeader: string,
): cloudfront.CachePolicy {
  return perViewerCachePolicy(scope, 'VisitorCache', {
    name: `${stage}-${PRODUCT}-visitor`,
    comment: 'Trust center visitor routes: per host, language and query; TTL from the origin',
    viewerHostHeader,
    cookies: false,
  });
}

/** The behaviours, by path pattern, to put before `/api/*` (CloudFront takes the first pattern that matches). */
export function visitorBehaviours(
  routes: readonly Route[],
  cachePolicy: cloudfront.ICachePolicy,
  options: VisitorBehaviourOptions,
): Record<string, cloudfront.BehaviorOptions> {
  const behaviours: Record<string, cloudfront.BehaviorOptions> = {};
  for (const path of visitorPathPatterns(routes)) {
    const readOnly = routes.every((route) => route.path !== path || route.method === 'GET');
    behaviours[path] = {
      origin: options.origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      // Every method reaches the API, which answers an undeclared one 405 with `Allow` (as on /api/*).
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      // The MCP server answers POSTs, never cached.
      cachePolicy: readOnly ? cachePolicy : cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: options.responseHeadersPolicy,
      functionAssociations: options.functionAssociations,
      compress: true,
    };
  }
  return behaviours;
}

/**
 * The site's pages (CloudFront's default behaviour): never cached, since the site answers `no-store`
 * (pages hold a per-response CSP nonce and may hold a visitor session), but a cache policy all the same:
 * CloudFront compresses (brotli, else gzip) only under a policy that allows gzip and brotli, which the
 * managed CachingDisabled (all TTLs 0) cannot. Its key holds everything a page depends on (host, languages,
 * query, cookies), so a response that ever came back cacheable could not be served to another visitor.
 */
export function siteCachePolicy(
  scope: Construct,
  stage: string,
  viewerHostHeader: string,
): cloudfront.CachePolicy {
  return perViewerCachePolicy(scope, 'SiteCache', {
    name: `${stage}-${PRODUCT}-site`,
    comment: 'Trust center pages: per host, language, query and cookies; TTL from the origin (no-store)',
    viewerHostHeader,
    cookies: true,
    // Visitor analytics count page views by country (services/analytics/visitor.ts). The managed origin
    // request policy forwards viewer headers only (allExcept Host), never CloudFront's own, so the header
    // is named here; pages are no-store, so a key per country costs no cache hits.
    cloudFrontHeaders: [VIEWER_COUNTRY_HEADER],
  });
}

/** A year (shared/http/cache-control.ts): what content-hashed files are kept at the edge. */
export const IMMUTABLE_MAX_AGE = Duration.seconds(IMMUTABLE_MAX_AGE_SECONDS);

/**
 * The site's built assets (web/build.ts): every name holds its content hash, so a name never changes
 * content and each is cached for a year at the edge whatever the origin says, with nothing in the key
 * but the path.
 */
export function immutableAssetsCachePolicy(scope: Construct, stage: string): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(scope, 'ImmutableAssetsCache', {
    cachePolicyName: `${stage}-${PRODUCT}-immutable-assets`,
    comment: 'Content-hashed site assets: a year at the edge, keyed by path alone',
    headerBehavior: cloudfront.CacheHeaderBehavior.none(),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    minTtl: IMMUTABLE_MAX_AGE,
    defaultTtl: IMMUTABLE_MAX_AGE,
    maxTtl: IMMUTABLE_MAX_AGE,
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

/**
 * The brands' images (services/brand: logo and favicon on the trust center's own host, versioned by their
 * content in `?v=`): kept at the edge as long as the origin says (a year for the current version, nothing
 * for a redirect), keyed by the viewer's host (whose brand it is) and `v` alone, so every visitor of a host
 * shares one copy and nothing else of the request reaches the origin.
 */
export function brandImagesCachePolicy(
  scope: Construct,
  stage: string,
  viewerHostHeader: string,
): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(scope, 'BrandImagesCache', {
    cachePolicyName: `${stage}-${PRODUCT}-brand-images`,
    comment: 'Brand images: per host and version (?v=); TTL from the origin, a year at most',
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList(viewerHostHeader),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList('v'),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(0),
    maxTtl: IMMUTABLE_MAX_AGE,
    // SVG logos compress; PNG, JPEG and WebP are left as they are (CloudFront compresses by content type).
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}
