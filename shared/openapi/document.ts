import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorBody, errorResponsesOf } from '#shared/http/error-responses';
import type { Route } from '#shared/http/route';

const TAG_DESCRIPTIONS: Record<string, string> = {
  Accounts: 'Customer organizations of the tenant, their contacts and the documents shared with them.',
  Meta: 'The API describing itself.',
  Documents:
    'Compliance documents of the trust center: metadata, access level, and versioned files served by short-lived download links.',
  Certifications:
    'Compliance certifications and attestations (SOC 2, ISO 27001, …), with a status computed from their expiry date.',
  FAQs: 'Questions and answers shown on the trust center, per language, in an order the tenant chooses.',
  Subprocessors:
    'Third parties that process customer data; every change is announced by an event with what changed and when it takes effect.',
  'Knowledge base':
    'Questions and answers the tenant reuses for security questionnaires, with full-text search.',
};

const idempotencyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .max(255)
    .optional()
    .describe('Retry-safe POST: the same key with the same body replays the first response for 24 hours.'),
});
const ifMatchHeader = z.object({
  'If-Match': z.string().optional().describe('The ETag of the version you read; a mismatch answers 412.'),
});

function requestOf(route: Route) {
  const spec = route.request;
  const headers =
    route.method === 'POST' ? idempotencyHeader : route.method === 'PATCH' ? ifMatchHeader : undefined;
  const body = spec?.body
    ? { content: { 'application/json': { schema: spec.body } }, required: true }
    : spec?.rawBody
      ? {
          content: Object.fromEntries(
            spec.rawBody.contentTypes.map((type) => [
              type,
              { schema: z.string().meta({ format: 'binary' }) },
            ]),
          ),
          required: true,
        }
      : undefined;
  return { params: spec?.params, query: spec?.query, headers, body } as Parameters<
    OpenAPIRegistry['registerPath']
  >[0]['request'];
}

function responsesOf(route: Route) {
  const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> =
    {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = spec.schema
      ? { description: spec.description, content: { 'application/json': { schema: spec.schema } } }
      : { description: spec.description };
  }
  for (const [status, description] of Object.entries(errorResponsesOf(route))) {
    responses[status] ??= { description, content: { 'application/json': { schema: errorBody } } };
  }
  return responses;
}

/** The OpenAPI 3.1 document, generated from the route table alone. */
export function openApiDocument(routes: readonly Route[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A Cognito access token from `POST /api/v1/login`, or an API key (`sk_live_…`).',
  });
  for (const route of routes) {
    registry.registerPath({
      method: route.method.toLowerCase() as 'get',
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      description: route.description,
      tags: [...route.tags],
      security: route.auth === 'public' ? [] : [{ bearerAuth: [] }],
      ...(route.scope ? { 'x-required-scope': route.scope } : {}),
      ...(route.auth === 'operator' ? { 'x-platform-operator-only': true } : {}),
      request: requestOf(route),
      responses: responsesOf(route),
    });
  }
  const tags = [...new Set(routes.flatMap((route) => route.tags))]
    .sort()
    .map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name }));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Trust Center Admin API',
      version: '1.0.0',
      description:
        'Manage customer accounts, documents, certifications, access requests and the branded trust center. ' +
        'Every credential is scoped to its tenant. Errors are `{"error":{"type","message","param"}}`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/', description: 'This deployment; locally http://localhost:3000 (`npm start`)' }],
    tags,
  });
}

/** The document as it is committed and served: stable key order, two-space indent, final newline. */
export function serializeDocument(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
