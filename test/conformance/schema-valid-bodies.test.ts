import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '#shared/http/route';
import { type Challenge, openTrustCenter, solve } from '../support/access-requests.ts';
import { type ApiResponse, newTenant, request, type TestTenant } from '../support/api.ts';
import { allRoutes, encodeSegment } from './route-requests.ts';
import {
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiOperation,
  SchemaValues,
  type Variant,
} from './schema-valid-values.ts';

/**
 * Every rule the server enforces on a single field is in the published schema (issue 10, item 5): for
 * every route with a JSON body, bodies built from the document served at `GET /api/v1/openapi.json`
 * (required fields only at their lower bounds, every field at its upper bounds, the published examples;
 * once per union branch) are sent with a full-scope credential of a fresh tenant, on existing resources
 * where the API can create them. No answer may be a 400 `validation_error`, except for the cross-field and
 * stored-state rules below: each names the rule and the published description that states it, and the
 * suite checks the description says so.
 */

interface CrossFieldRule {
  route: string;
  /** The `param` the refusal names. */
  param: RegExp;
  rule: string;
  /** Where a client reads the rule: the operation's description, or the description of a body field. */
  documentedAt: { field?: string; says: string };
}

const CROSS_FIELD_RULES: readonly CrossFieldRule[] = [
  {
    route: 'PATCH /api/v1/brand',
    param: /^(languages|default_language)$/,
    rule: 'the default language is one of the enabled languages (with the stored brand)',
    documentedAt: { field: 'languages', says: 'must include `default_language`' },
  },
  {
    route: 'POST /api/v1/certifications',
    param: /^expires_at$/,
    rule: 'expires_at must be after issued_at',
    documentedAt: { field: 'expires_at', says: 'Must be after issued_at' },
  },
  {
    route: 'POST /api/v1/accounts',
    param: /^contacts\[\d+\]\.email$/,
    rule: 'no two contacts of an account share an email address, case-insensitively',
    documentedAt: { field: 'contacts', says: 'No two contacts may share an email address' },
  },
  {
    route: 'PUT /api/v1/notifications/settings',
    param: /^rules\.\d+$/,
    rule: 'a rule sends only to a configured channel (email recipients, a Slack or Teams webhook_url)',
    documentedAt: { field: 'rules', says: 'A rule may only send to a configured channel' },
  },
  {
    route: 'POST /api/v1/public/access-requests',
    param: /^document_ids$/,
    rule: 'every requested document exists in this trust center (stored state)',
    documentedAt: { field: 'document_ids', says: 'an id that names none is refused' },
  },
  {
    route: 'POST /api/v1/public/access-requests',
    param: /^nda_accepted$/,
    rule: 'nda_accepted is true when a requested document requires the NDA (stored state)',
    documentedAt: { field: 'nda_accepted', says: 'Must be true when a requested document requires the NDA' },
  },
  {
    route: 'POST /api/v1/public/access-requests',
    param: /^nda_version$/,
    rule: 'nda_version names a version this trust center published (stored state)',
    documentedAt: { field: 'nda_version', says: 'a version the trust center never published' },
  },
  {
    route: 'POST /api/v1/organizations',
    param: /^plan$/,
    rule: 'a plan tier of this deployment (cdk.json `planTiers`, configuration rather than schema)',
    documentedAt: { field: 'plan', says: 'One of the deployment’s plan tiers' },
  },
  ...[
    'POST /api/v1/api-keys',
    'POST /api/v1/integrations/api-keys',
    'POST /api/v1/organizations/{org_id}/api-keys',
  ].map((route) => ({
    route,
    param: /^role$/,
    rule: 'at most one of role, key_type and scopes',
    documentedAt: { field: 'role', says: 'Give at most one of role, key_type and scopes' },
  })),
  ...['POST /api/v1/public/access-requests', 'POST /api/v1/public/subprocessors/subscriptions'].map(
    (route) => ({
      route,
      param: /^pow$/,
      rule: 'the challenge was issued by the server (GET …/challenge), unused and unexpired, and the nonce solves it',
      documentedAt: { field: 'pow.challenge', says: 'The challenge from `GET …/challenge`' },
    }),
  ),
];

type ErrorAnswer = { error?: { type?: string; message?: string; param?: string } };

let document: OpenApiDocument;
let values: SchemaValues;
let sent = 0;

beforeAll(async () => {
  const response = await request<OpenApiDocument>('GET', '/api/v1/openapi.json');
  expect(response.status).toBe(200);
  document = response.body;
  values = new SchemaValues(document);
});

afterAll(() => {
  console.log(`conformance/schema-valid-bodies: ${sent} schema-valid bodies sent`);
});

const routesWithJsonBody = allRoutes.filter((route) => route.request?.body);

function operationOf(route: Route): OpenApiOperation {
  const operation = document.paths[route.path]?.[route.method.toLowerCase()];
  if (!operation) throw new Error(`${route.method} ${route.path} is not in the published document`);
  return operation;
}

function bodySchemaOf(route: Route): JsonSchema {
  const schema = operationOf(route).requestBody?.content['application/json']?.schema;
  if (!schema) throw new Error(`${route.method} ${route.path} publishes no JSON body`);
  return schema;
}

const nameOf = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

async function send(
  route: Pick<Route, 'method' | 'auth'>,
  caller: TestTenant,
  path: string,
  body: unknown,
): Promise<ApiResponse<ErrorAnswer>> {
  sent += 1;
  return request<ErrorAnswer>(route.method, path, {
    body,
    token: route.auth === 'public' ? null : caller.token,
  });
}

/** The first string in an answer that the path parameter's published pattern matches: the new resource's id. */
function idIn(answer: unknown, pattern: RegExp): string | undefined {
  if (typeof answer === 'string') return pattern.test(answer) ? answer : undefined;
  if (!answer || typeof answer !== 'object') return undefined;
  const entries = Object.entries(answer as Record<string, unknown>);
  // `id` first, so a resource's own id wins over the ids it refers to.
  entries.sort(([a], [b]) => Number(b === 'id') - Number(a === 'id'));
  for (const [, value] of entries) {
    const found = idIn(value, pattern);
    if (found) return found;
  }
  return undefined;
}

/**
 * The route's path with ids of resources that exist where the API can create them (the POST on the
 * collection the parameter sits in, with the published examples), the tenant's own id for `org_id`, and
 * otherwise an id of the published format that names nothing (a 404 then proves the body passed).
 */
async function pathFor(route: Route, caller: TestTenant): Promise<string> {
  const parameters = operationOf(route).parameters ?? [];
  let filled = route.path;
  for (const [placeholder, name = ''] of route.path.matchAll(/\{([^}]+)\}/g)) {
    const schema = values.resolve(
      parameters.find((parameter) => parameter.in === 'path' && parameter.name === name)?.schema ?? {},
    );
    let id: string | undefined = name === 'org_id' ? caller.tenantId : undefined;
    const collection = filled.slice(0, filled.indexOf(placeholder) - 1);
    const template = route.path.slice(0, route.path.indexOf(placeholder) - 1);
    const create = allRoutes.find(
      (candidate) => candidate.method === 'POST' && candidate.path === template && candidate.request?.body,
    );
    if (!id && create && schema.pattern) {
      const example = values.value(bodySchemaOf(create), {
        name: 'examples',
        mode: 'examples',
        branch: 0,
        seed: 1,
      });
      const created = await send(create, caller, collection, example);
      id = created.status < 300 ? idIn(created.body, new RegExp(schema.pattern)) : undefined;
    }
    id ??= String(values.value(schema, { name: 'id', mode: 'minimal', branch: 0, seed: 1 }));
    filled = filled.replace(placeholder, encodeSegment(id));
  }
  return filled;
}

/** A body naming an organization (the public forms) names the caller's, which has a trust center. */
function forTenant(body: unknown, caller: TestTenant): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  return 'org_id' in body ? { ...body, org_id: caller.tenantId } : body;
}

function allowedRefusal(
  route: Route,
  answer: ApiResponse<ErrorAnswer>,
): Omit<CrossFieldRule, 'documentedAt'> | undefined {
  return CROSS_FIELD_RULES.find(
    (rule) => rule.route === nameOf(route) && rule.param.test(answer.body?.error?.param ?? ''),
  );
}

/**
 * A public form's body with its proof of work solved for a challenge the server issued, so the fields
 * behind it are judged too (the unsolved body, as generated, is sent once on its own).
 */
async function withSolvedProofOfWork(route: Route, body: unknown, caller: TestTenant): Promise<unknown> {
  if (!body || typeof body !== 'object' || !('pow' in body)) return body;
  const challengeRoute = allRoutes.find(
    (candidate) => candidate.method === 'GET' && candidate.path === `${route.path}/challenge`,
  );
  if (!challengeRoute) return body;
  const challenge = await request<Challenge>('GET', `${challengeRoute.path}?org_id=${caller.tenantId}`);
  expect(challenge.status, challenge.text).toBe(200);
  return { ...body, pow: solve(challenge.body) };
}

describe('a body valid by the published schema', () => {
  it.each(routesWithJsonBody.map((route) => [nameOf(route), route] as const))(
    '%s is never refused as invalid, but for a documented cross-field rule',
    async (_name, route) => {
      const caller = newTenant({ operator: route.auth === 'operator' });
      if (route.auth === 'public') await openTrustCenter(caller);
      const schema = bodySchemaOf(route);
      const refusals: string[] = [];
      const variants = values.variants(schema);
      const bodies = await Promise.all(
        variants.map(async (variant) => ({
          variant,
          body: await withSolvedProofOfWork(route, forTenant(values.value(schema, variant), caller), caller),
        })),
      );
      const [first] = variants;
      if (first && route.auth === 'public')
        bodies.unshift({ variant: first, body: forTenant(values.value(schema, first), caller) });
      for (const { variant, body } of bodies) {
        const path = await pathFor(route, caller);
        const answer = await send(route, caller, path, body);
        expect(answer.status, `${variant.name}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
        const isRefused = answer.status === 400 && answer.body?.error?.type === 'validation_error';
        if (isRefused && !allowedRefusal(route, answer))
          refusals.push(
            `${describeVariant(variant)} ${JSON.stringify(body).slice(0, 400)} → ${answer.text.slice(0, 300)}`,
          );
      }
      expect(refusals).toEqual([]);
    },
  );
});

describe('the cross-field rules the suite allows', () => {
  it.each(CROSS_FIELD_RULES.map((rule) => [`${rule.route} ${rule.param.source}`, rule] as const))(
    '%s is stated in the published description',
    (_name, rule) => {
      const [method = '', path = ''] = rule.route.split(' ');
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation, rule.route).toBeDefined();
      const where = rule.documentedAt.field
        ? fieldSchema(
            values.resolve(operation?.requestBody?.content['application/json']?.schema ?? {}),
            rule.documentedAt.field,
          )
        : operation;
      expect(where?.description ?? '').toContain(rule.documentedAt.says);
    },
  );
});

function fieldSchema(schema: JsonSchema, field: string): JsonSchema | undefined {
  return field.split('.').reduce<JsonSchema | undefined>((current, name) => {
    const resolved = current && values.resolve(current);
    const next = resolved?.properties?.[name] ?? resolved?.items;
    return next && values.resolve(next);
  }, schema);
}

const describeVariant = (variant: Variant) => `[${variant.name}]`;
