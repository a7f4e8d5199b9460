import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import type { EventDefinition } from '#shared/events/catalogue';
import { webhookHeadersSchema, webhookPayloadSchema } from '#shared/events/webhook-payload';
import { errorBody, errorResponsesOf } from '#shared/http/error-responses';
import type { Route } from '#shared/http/route';

const EVENTS_TAG = 'Events';

const TAG_DESCRIPTIONS: Record<string, string> = {
  Accounts: 'Customer organizations of the tenant, their contacts and the documents shared with them.',
  'Access requests':
    "Visitors' requests for documents: the public form (proof of work, NDA acceptance), review, auto-approval rules, time-limited grants and the magic-link visitor session.",
  NDAs: 'Versioned, immutable NDA texts and the acceptance records that name the exact version accepted.',
  Meta: 'The API describing itself.',
  Analytics:
    'What visitors do with the trust center, counted on the server without cookies: page views, unique visitors, documents, the access-request funnel.',
  [EVENTS_TAG]:
    'The events webhook endpoints receive: one POST per event, signed per Standard Webhooks, retried with backoff until a 2xx answers.',
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
    ? // A body the route's schema lets a caller leave out (`.optional()`) is published as optional.
      {
        content: { 'application/json': { schema: spec.body } },
        required: !spec.body.safeParse(undefined).success,
      }
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
    const content = {
      ...(spec.schema ? { 'application/json': { schema: spec.schema } } : {}),
      ...Object.fromEntries(
        Object.entries(spec.alternatives ?? {}).map(([type, schema]) => [type, { schema }]),
      ),
      ...Object.fromEntries(
        (spec.binary ?? []).map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]),
      ),
    };
    responses[status] =
      Object.keys(content).length > 0
        ? { description: spec.description, content }
        : { description: spec.description };
  }
  for (const [status, description] of Object.entries(errorResponsesOf(route))) {
    responses[status] ??= { description, content: { 'application/json': { schema: errorBody } } };
  }
  return responses;
}

/** `account.contact_added` → `accountContactAddedWebhook`. */
function webhookOperationId(type: string): string {
  return `${type.replace(/[._]([a-z])/g, (_match, letter: string) => letter.toUpperCase())}Webhook`;
}

/** Every catalogue event offered to webhooks, as the POST a subscribed endpoint receives (OpenAPI 3.1 webhooks). */
function registerEventWebhooks(registry: OpenAPIRegistry, events: readonly EventDefinition[]): void {
  for (const event of events) {
    if (event.webhook === false) continue;
    registry.registerWebhook({
      method: 'post',
      path: event.type,
      operationId: webhookOperationId(event.type),
      summary: event.summary,
      description: `Sent to every enabled webhook endpoint subscribed to \`${event.type}\`.`,
      tags: [EVENTS_TAG],
      // The receiver authenticates the platform by the signature headers, not by a credential.
      security: [],
      request: {
        headers: webhookHeadersSchema,
        body: { content: { 'application/json': { schema: webhookPayloadSchema(event) } }, required: true },
      },
      responses: {
        '2XX': { description: 'Delivered: any 2xx answer acknowledges the event.' },
        default: {
          description: 'Not delivered: any other answer, or none in time, is retried with backoff.',
        },
      },
    });
  }
}

/** The OpenAPI 3.1 document, generated from the route table and the event catalogue alone. */
export function openApiDocument(routes: readonly Route[], events: readonly EventDefinition[] = []) {
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
  registerEventWebhooks(registry, events);
  const webhookTags = events.some((event) => event.webhook !== false) ? [EVENTS_TAG] : [];
  const tags = [...new Set([...routes.flatMap((route) => route.tags), ...webhookTags])]
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
