import * as z from 'zod';
import type { Route } from '#shared/http/route';

export const errorBody = z
  .object({
    error: z.object({
      type: z.string().meta({ example: 'validation_error' }),
      message: z.string(),
      param: z.string().optional(),
      correlation_id: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

/**
 * The error answers a route can give, derived from what the route declares (auth, body, method) so that
 * no route lists them by hand. All use the first seed's format.
 */
export function errorResponsesOf(route: Route): Record<number, string> {
  const errors: Record<number, string> = { 400: 'Invalid request parameters' };
  if (route.auth !== 'public') {
    errors[401] = 'Missing or invalid authentication token';
    errors[403] = 'Insufficient permissions for the operation';
  }
  if (route.path.includes('{')) errors[404] = 'The resource does not exist';
  if (route.method === 'POST') errors[409] = 'Conflict, or an Idempotency-Key reused with another request';
  if (route.method === 'PATCH' || route.method === 'PUT')
    errors[412] = 'If-Match does not name the current version';
  if (route.request?.body || route.request?.rawBody) {
    errors[413] = 'Request body too large';
    errors[415] = 'Unsupported content type';
  }
  errors[429] = 'Rate limit exceeded';
  errors[500] = 'Unexpected error; the body holds only a correlation id';
  return errors;
}
