import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { routes } from '#services/registry';
import type { Route } from '#shared/http/route';
import { SINGLE_LINE_PATTERN } from '#shared/http/text-fields';
import { type ApiResponse, newTenant, request } from '../support/api.ts';
import {
  acceptedParams,
  isMultiLine,
  isString,
  operationOf,
  type Parameter,
  paramName,
  published,
  resolve,
  sample,
  stringFields,
  withInside,
} from './published-requests.ts';
import { encodeSegment, errorFormat } from './route-requests.ts';

/**
 * The text rule, field by field of the published OpenAPI document: every string a request carries (JSON
 * body fields at any depth, query parameters) refuses NUL, and refuses CR LF unless the published schema
 * declares the field multi-line (its pattern is MULTI_LINE_PATTERN). Each request is built from the
 * published schema alone (examples, enums, formats, patterns), so it is valid but for the field under
 * test, and the answer must name that field.
 */

let sent = 0;

function caller(route: Route) {
  if (route.auth === 'public') return { tenantId: undefined, token: undefined };
  // Operator routes get an operator, so the request reaches validation instead of stopping at 403.
  return newTenant({ operator: route.auth === 'operator' });
}

/** The route's URL with valid path and required query parameters (a tenant's own id where one is named). */
function urlOf(route: Route, tenantId: string | undefined, query: Record<string, string> = {}): string {
  const parameters = operationOf(route).parameters ?? [];
  const parameterValue = (parameter: Parameter) =>
    parameter.name === 'org_id' && tenantId ? tenantId : String(sample(parameter.schema));
  const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = parameters.find((candidate) => candidate.in === 'path' && candidate.name === name);
    return encodeSegment(parameter ? parameterValue(parameter) : 'x');
  });
  const required = parameters.filter((parameter) => parameter.in === 'query' && parameter.required);
  const search = new URLSearchParams({
    ...Object.fromEntries(required.map((parameter) => [parameter.name, parameterValue(parameter)])),
    ...query,
  });
  return search.size > 0 ? `${path}?${search}` : path;
}

async function send(route: Route, token: string | undefined, url: string, body?: unknown) {
  sent += 1;
  return request<{ error?: { type: string; param?: string } }>(route.method, url, {
    token,
    ...(body === undefined ? {} : { body }),
  });
}

function expectRefused(
  response: ApiResponse<{ error?: { type: string; param?: string } }>,
  params: readonly string[],
) {
  expect(response.status, response.text.slice(0, 300)).toBe(400);
  // Bulk routes add every item's result beside the error; the error itself is the one format.
  expect(errorFormat.safeParse({ error: response.body.error }).success, response.text.slice(0, 300)).toBe(
    true,
  );
  expect(response.body.error?.type, response.text.slice(0, 300)).toBe('validation_error');
  expect(params, response.text.slice(0, 300)).toContain(response.body.error?.param);
}

function expectNotRefusedFor(
  response: ApiResponse<{ error?: { type: string; param?: string } }>,
  param: string,
) {
  expect(response.status, response.text.slice(0, 300)).toBeLessThan(500);
  const refusedThisField = response.status === 400 && response.body.error?.param === param;
  expect(refusedThisField, response.text.slice(0, 300)).toBe(false);
}

afterAll(() => {
  console.log(`conformance/control-characters: ${sent} requests sent`);
});

describe('every string of every request in the published document', () => {
  const strings = Object.entries(published.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) => {
      const where = `${method.toUpperCase()} ${path}`;
      const body = operation.requestBody?.content['application/json']?.schema;
      const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in !== 'header');
      return [
        ...(body
          ? stringFields(body).map((field) => ({ where: `${where} body ${paramName(field.path)}`, field }))
          : []),
        ...parameters.flatMap((parameter) =>
          stringFields(parameter.schema, [parameter.name]).map((field) => ({
            where: `${where} ${parameter.in} ${parameter.name}`,
            field,
          })),
        ),
      ];
    }),
  );

  it('declares a pattern, format or enum that refuses control characters', () => {
    const open = strings.filter(({ field: { schema } }) => {
      if (schema.enum || schema.const !== undefined) return false;
      if (!schema.pattern) return !['email', 'date', 'date-time'].includes(schema.format ?? '');
      if (schema.pattern === SINGLE_LINE_PATTERN.source || isMultiLine(schema)) return false;
      // A pattern of its own (ids, domains, hashes): no string it matches holds a control character.
      const matches = fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { numRuns: 200, seed: 7 });
      return matches.some((value) => !SINGLE_LINE_PATTERN.test(value));
    });

    expect(open.map(({ where }) => where)).toEqual([]);
  });

  it('has examples that its own published constraints accept', () => {
    const broken = strings.filter(({ field: { schema } }) => {
      if (typeof schema.example !== 'string') return false;
      const { example, pattern, minLength = 0, maxLength = Number.POSITIVE_INFINITY } = schema;
      return (
        (pattern && !new RegExp(pattern).test(example)) ||
        example.length < minLength ||
        example.length > maxLength
      );
    });

    expect(broken.map(({ where }) => where)).toEqual([]);
  });
});

const bodyRoutes = routes.filter((route) => route.request?.body !== undefined);

describe.each(bodyRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s body',
  (_, route) => {
    const { tenantId, token } = caller(route);
    const schema = resolve(operationOf(route).requestBody?.content['application/json']?.schema ?? {});
    // Bulk routes answer an invalid item inside a 200 unless the request is all-or-nothing.
    const allOrNothing = schema.properties?.all_or_nothing ? { all_or_nothing: true } : {};
    const fields = stringFields(schema).map((field) => [paramName(field.path), field] as const);

    it.each(fields)('refuses NUL in %s, naming it', async (_param, field) => {
      const body = { ...(field.build(withInside(field.schema, '\u0000')) as object), ...allOrNothing };

      expectRefused(await send(route, token, urlOf(route, tenantId), body), acceptedParams(field));
    });

    it.each(fields)('refuses CR LF in %s unless it is multi-line', async (param, field) => {
      const body = { ...(field.build(withInside(field.schema, '\r\n')) as object), ...allOrNothing };

      const response = await send(route, token, urlOf(route, tenantId), body);

      if (isMultiLine(field.schema)) expectNotRefusedFor(response, param);
      else expectRefused(response, acceptedParams(field));
    });
  },
);

const queryRoutes = routes.filter((route) =>
  (operationOf(route).parameters ?? []).some(
    (parameter) => parameter.in === 'query' && isString(resolve(parameter.schema)),
  ),
);

describe.each(queryRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s query',
  (_, route) => {
    const { tenantId, token } = caller(route);
    const parameters = (operationOf(route).parameters ?? []).filter(
      (parameter) => parameter.in === 'query' && isString(resolve(parameter.schema)),
    );

    it.each(parameters.map((parameter) => [parameter.name, parameter] as const))(
      'refuses NUL and CR LF in %s, naming it',
      async (name, parameter) => {
        const schema = resolve(parameter.schema);
        const withNul = await send(
          route,
          token,
          urlOf(route, tenantId, { [name]: withInside(schema, '\u0000') }),
        );
        const withLineBreak = await send(
          route,
          token,
          urlOf(route, tenantId, { [name]: withInside(schema, '\r\n') }),
        );

        expectRefused(withNul, [name]);
        if (isMultiLine(schema)) expectNotRefusedFor(withLineBreak, name);
        else expectRefused(withLineBreak, [name]);
      },
    );
  },
);
