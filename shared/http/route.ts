import type * as z from 'zod';
import type { Identity } from '#shared/auth/identity';
import type { Scope } from '#shared/auth/scopes';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: anyone, a tenant credential (user JWT or API key), or a platform operator. */
export type AuthKind = 'public' | 'tenant' | 'operator';

export interface RouteRequest<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on every route whose auth is not `public`; the only source of the tenant id. */
  identity: Identity | undefined;
  /** Request headers with lower-cased names. */
  headers: Readonly<Record<string, string>>;
  /** The raw body, for routes that accept a file rather than JSON. */
  rawBody: Buffer | undefined;
  correlationId: string;
  sourceIp: string;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /**
   * Media types other than JSON the response may also be sent as (e.g. `text/csv`), with the schema of the
   * body as a string. The handler sets `Content-Type` to one of them and returns the body as a string.
   */
  alternatives?: Readonly<Record<string, z.ZodType>>;
  /**
   * Media types of a binary body (an image): the handler sets `Content-Type` to one of them and returns the
   * bytes as a Buffer, which the pipeline sends base64-encoded, as API Gateway's Lambda proxy integration
   * asks, and API Gateway decodes (see binaryMediaTypes).
   */
  binary?: readonly string[];
}

export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  /** The service (one Lambda each) whose handler serves the route. */
  service: string;
  method: HttpMethod;
  /** API Gateway resource path, with `{name}` path parameters. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  auth: AuthKind;
  /** `resource:action` scope the credential must hold; not used for `public` routes. */
  scope?: Scope;
  /**
   * A `tenant` route a platform operator may call too: it names the organization it acts on (`org_id` in
   * the query) or acts on none (`/roles`). Routes with `{org_id}` in the path allow operators without it.
   * Every other tenant route acts on the caller's own tenant, which an operator does not have.
   */
  operators?: true;
  request?: {
    params?: P;
    query?: Q;
    /** A JSON body, validated by this schema. */
    body?: B;
    /** Instead of JSON: a raw body of one of these content types. */
    rawBody?: { contentTypes: readonly string[]; maxBytes: number };
    /** JSON body size limit in bytes; defaults to the pipeline's. */
    maxBodyBytes?: number;
  };
  responses: Readonly<Record<number, ResponseSpec>>;
  // Method syntax on purpose: it keeps routes with different schemas assignable to one registry type.
  handler(request: RouteRequest<z.output<P>, z.output<Q>, z.output<B>>): Promise<RouteResponse>;
}

export type Route = RouteDefinition<z.ZodType, z.ZodType, z.ZodType>;

/** Declares a route with its request types inferred from its schemas. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  route: RouteDefinition<P, Q, B>,
): Route {
  return route as unknown as Route;
}

/** Where a route lives in the API: `POST /api/v1/accounts`. */
export function routeKey(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/**
 * Content types API Gateway must pass through as binary: those of every raw-body route, and those of every
 * binary answer with their family (`image/*`). API Gateway decodes a base64 answer only when the first
 * media type of the request's `Accept` is one of these ("Content type conversions in API Gateway"), and a
 * browser's `<img>` asks first for the image type it prefers (`image/avif`), not for the one it gets.
 */
export function binaryMediaTypes(routes: readonly Route[]): string[] {
  const requests = routes.flatMap((route) => route.request?.rawBody?.contentTypes ?? []);
  const answers = routes.flatMap((route) =>
    Object.values(route.responses).flatMap((spec) => spec.binary ?? []),
  );
  const families = answers.map((type) => `${type.split('/')[0]}/*`);
  return [...new Set([...requests, ...answers, ...families])].sort();
}

/**
 * Whether a platform operator may call the route: operator routes, and tenant routes that name their
 * organization (`{org_id}` in the path, or declared with `operators: true`). Never public routes' concern.
 */
export function operatorMayCall(route: Pick<Route, 'auth' | 'path' | 'operators'>): boolean {
  if (route.auth !== 'tenant') return route.auth === 'operator';
  return route.path.includes('{org_id}') || route.operators === true;
}

/**
 * The caller of a non-public route. The pipeline answers 401 before a handler runs without an identity,
 * so reaching this without one is a bug, not a caller error.
 */
export function callerOf(identity: Identity | undefined): Identity {
  if (!identity) throw new Error('Authenticated route reached without an identity');
  return identity;
}
