import * as z from 'zod';
import { defineRoute } from '#shared/http/route';
// The committed document, generated from the route table by `npm run openapi` (a test keeps it current).
import document from '../../shared/openapi/openapi.json' with { type: 'json' };

export const metaRoutes = [
  defineRoute({
    service: 'meta',
    method: 'GET',
    path: '/api/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'The OpenAPI 3.1 document of this API',
    tags: ['Meta'],
    auth: 'public',
    responses: {
      200: { description: 'The OpenAPI document', schema: z.looseObject({ openapi: z.string() }) },
    },
    async handler() {
      return { status: 200, body: document };
    },
  }),
];
