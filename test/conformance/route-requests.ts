import * as z from 'zod';
import { routes } from '#services/registry';
import type { Route } from '#shared/http/route';

/** Everything a conformance suite needs to know about the API comes from the route table. */
export const allRoutes: readonly Route[] = routes;
export const protectedRoutes = allRoutes.filter((route) => route.auth !== 'public');
/** The trust center's visitor routes: public, the tenant named by the host, no credential of any kind. */
export const visitorRoutes = allRoutes.filter(
  (route) => route.auth === 'public' && route.service === 'trust-center',
);

export function pathParameterNames(route: Route): string[] {
  return [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

/** Percent-encodes the UTF-8 bytes of any string, lone surrogates included (they become U+FFFD). */
export function encodeSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** The route's path with each parameter replaced by the given value (URL-encoded). */
export function fillPath(route: Pick<Route, 'path'>, value: (name: string) => string): string {
  return route.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeSegment(value(name)));
}

/** Top-level field names of a JSON body schema, when it is an object (possibly refined). */
export function bodyFields(route: Route): string[] {
  const schema = route.request?.body;
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(json.properties ?? {});
}

export function queryFields(route: Route): string[] {
  const schema = route.request?.query;
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(json.properties ?? {});
}

export interface ErrorBody {
  error: { type: string; message: string; param?: string };
}

/** The first seed's error format, exactly. */
export const errorFormat = z.strictObject({
  error: z.strictObject({
    type: z.string().min(1),
    message: z.string().min(1),
    param: z.string().optional(),
    correlation_id: z.string().optional(),
  }),
});
