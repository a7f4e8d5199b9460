import * as z from 'zod';
import { defineRoute } from '#shared/http/route';

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
      // The committed document, generated from the route table by `npm run openapi` (a test keeps it
      // current); ~430 KiB, so a chunk of its own, read on the first request rather than at every cold start.
      const { default: document } = await import('../../shared/openapi/openapi.json', {
        with: { type: 'json' },
      });
      return { status: 200, body: document };
    },
  }),
];
