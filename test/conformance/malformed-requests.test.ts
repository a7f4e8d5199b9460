import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiResponse, newTenant, request } from '../support/api.ts';
import {
  allRoutes,
  bodyFields,
  errorFormat,
  fillPath,
  pathParameterNames,
  queryFields,
} from './route-requests.ts';

/**
 * Generated malformed requests against every route in the route table: wrong types, missing and extra
 * fields, huge strings, bad JSON, wrong content types, oversized bodies, unicode oddities. The API must
 * never answer 5xx, and every error must be in the error format.
 */
const RUNS_PER_PROPERTY = 25;
let sent = 0;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: loneSurrogate, minLength: 1, maxLength: 3 }),
  fc.constantFrom(
    '\u0000',
    '\u202e\u0041\u202c',
    '\u200b',
    'e\u0301',
    '🏳️‍🌈',
    '../../etc/passwd',
    "' OR 1=1 --",
    '%00',
    '{{7*7}}',
  ),
  fc.integer({ min: 10_000, max: 70_000 }).map((length) => 'x'.repeat(length)),
);
const anyJsonValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), oddString);

function objectWithFields(fields: string[]) {
  const known = fields.length > 0 ? fc.subarray(fields) : fc.constant([] as string[]);
  return fc
    .tuple(known, fc.array(fc.tuple(fc.string({ maxLength: 20 }), anyJsonValue), { maxLength: 3 }))
    .chain(([present, extra]) =>
      fc.tuple(...present.map(() => anyJsonValue)).map((values) => ({
        ...Object.fromEntries(extra),
        ...Object.fromEntries(present.map((field, i) => [field, values[i]])),
      })),
    );
}

async function send(
  token: string,
  method: string,
  path: string,
  body: { raw?: string | Uint8Array; json?: unknown; contentType?: string },
): Promise<ApiResponse> {
  sent += 1;
  const headers: Record<string, string> = {};
  if (body.contentType) headers['Content-Type'] = body.contentType;
  return request(method, path, {
    token,
    headers,
    rawBody: body.raw ?? (body.json === undefined ? undefined : JSON.stringify(body.json)),
  });
}

function expectHandled(response: ApiResponse, what: string): void {
  expect(response.status, `${what} → ${response.status} ${response.text.slice(0, 300)}`).toBeLessThan(500);
  if (response.status >= 400) {
    expect(
      errorFormat.safeParse(response.body).success,
      `${what}: not the error format: ${response.text.slice(0, 300)}`,
    ).toBe(true);
  }
}

afterAll(() => {
  console.log(`conformance/malformed: ${sent} requests sent to ${allRoutes.length} routes`);
});

describe.each(allRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_, route) => {
    // Operator routes get an operator, so the request reaches validation instead of stopping at 403.
    const tenant = newTenant({ operator: route.auth === 'operator' });
    const params = pathParameterNames(route);

    it('survives generated path and query parameters', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            Object.fromEntries(
              params.map((name) => [
                name,
                oddString.filter((value) => value.length > 0 && value.length < 2000),
              ]),
            ),
          ),
          objectWithFields(queryFields(route)),
          async (pathValues, query) => {
            const search = new URLSearchParams(
              Object.entries(query).map(([key, value]): [string, string] => [
                key,
                typeof value === 'string' ? value.slice(0, 2000) : JSON.stringify(value),
              ]),
            );
            const path = `${fillPath(route, (name) => String(pathValues[name]))}?${search}`;
            expectHandled(
              await send(tenant.token, route.method, path, {}),
              `${route.method} ${path.slice(0, 120)}`,
            );
          },
        ),
        { numRuns: RUNS_PER_PROPERTY },
      );
    });

    const takesJson = route.request?.body !== undefined;
    const takesBody = takesJson || route.request?.rawBody !== undefined;
    // Routes without a body have no body cases: the suite enumerates what each route declares.
    if (!takesBody) return;

    it('survives generated JSON bodies with missing, extra and mistyped fields', async () => {
      const path = fillPath(route, () => 'acc_00000000000000000000000000');
      await fc.assert(
        fc.asyncProperty(fc.oneof(objectWithFields(bodyFields(route)), anyJsonValue), async (json) => {
          expectHandled(
            await send(tenant.token, route.method, path, { json, contentType: 'application/json' }),
            `body ${JSON.stringify(json).slice(0, 120)}`,
          );
        }),
        { numRuns: RUNS_PER_PROPERTY },
      );
    });

    it('refuses bad JSON, wrong content types and oversized bodies in the error format', async () => {
      const path = fillPath(route, () => 'acc_00000000000000000000000000');
      const badJson = await send(tenant.token, route.method, path, {
        raw: '{"title": ',
        contentType: 'application/json',
      });
      const wrongType = await send(tenant.token, route.method, path, {
        raw: 'title=x',
        contentType: 'application/x-www-form-urlencoded',
      });
      const oversized = await send(tenant.token, route.method, path, {
        raw: JSON.stringify({ title: 'x'.repeat(11 * 1024 * 1024) }),
        contentType: 'application/json',
      });

      expectHandled(badJson, 'bad JSON');
      expectHandled(wrongType, 'wrong content type');
      expectHandled(oversized, 'oversized body');
      expect(oversized.status).toBe(413);
      expect(wrongType.status).toBe(415);
      if (takesJson) expect(badJson.status).toBe(400);
    });

    it('survives random bytes under any content type', async () => {
      const path = fillPath(route, () => 'acc_00000000000000000000000000');
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 512 }),
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-16',
            'text/plain',
            'application/octet-stream',
            'multipart/form-data',
          ),
          async (bytes, contentType) => {
            expectHandled(
              await send(tenant.token, route.method, path, { raw: bytes, contentType }),
              `${bytes.length} bytes as ${contentType}`,
            );
          },
        ),
        { numRuns: RUNS_PER_PROPERTY },
      );
    });
  },
);
