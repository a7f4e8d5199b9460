import * as z from 'zod';
import { errorBody } from '#shared/http/error-responses';
import { singleLine } from '#shared/http/text-fields';

/** Operations in one bulk request. */
export const MAX_BULK_OPERATIONS = 100;
/**
 * All-or-nothing requests commit in one DynamoDB transaction, which takes at most 100 items; every
 * operation writes its entity and its outbox event, so 50 operations fill a transaction.
 */
export const MAX_ATOMIC_BULK_OPERATIONS = 50;
/** Operations of an independent (not all-or-nothing) request run this many at a time. */
export const BULK_CONCURRENCY = 8;
/**
 * JSON body limit of bulk routes: 100 creates with a few dozen contacts each. The pipeline's default
 * (256 KiB) fits only about ten contacts per account; Lambda's 6 MB payload limit caps what may be asked.
 */
export const BULK_MAX_BODY_BYTES = 1024 * 1024;

/** Per-item status of an operation left unwritten because another one of its all-or-nothing request failed. */
export const NOT_ATTEMPTED = 424;

/**
 * The body of a bulk route: `create` items carry the single create route's body, `update` items the
 * single PATCH route's body plus the id and an optional ETag. An item that breaks its own schema is
 * answered in its result (400) rather than refusing the whole request, so the request schema accepts
 * any item with a known `op`; each item is then validated with `operation` (the same schemas).
 */
export function bulkRequestSchemas<C extends z.ZodType, U extends z.ZodType, I extends z.ZodType>(
  name: string,
  schemas: { create: C; update: U; id: I },
) {
  const operation = z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('create'), data: schemas.create }),
    z.strictObject({
      op: z.literal('update'),
      id: schemas.id,
      data: schemas.update,
      if_match: singleLine(200, { trim: false })
        .optional()
        .describe(
          'Like `If-Match` on the single update: the ETag read (`"3"`); a mismatch fails the item (412).',
        ),
    }),
  ]);
  const uncheckedOperation = z
    .looseObject({ op: z.enum(['create', 'update']) })
    .describe('Any other item with a known `op`: it fails on its own, answered 400 in its result.');
  const body = z
    .strictObject({
      operations: z
        .array(z.union([operation, uncheckedOperation]))
        .min(1)
        .max(MAX_BULK_OPERATIONS)
        .describe(
          `1 to ${MAX_BULK_OPERATIONS} operations; at most ${MAX_ATOMIC_BULK_OPERATIONS} with \`all_or_nothing\`.`,
        ),
      all_or_nothing: z
        .boolean()
        .default(false)
        .describe('Write every operation or none, in one transaction.'),
    })
    .meta({ id: `Bulk${name}Request` });
  return { operation, body };
}

/** The 200 answer (per-item results) and the 400/409 answer of an all-or-nothing request that wrote nothing. */
export function bulkResponseSchemas(name: string, viewKey: string, view: z.ZodType) {
  const result = z
    .object({
      index: z.number().int().describe('Position of the operation in the request.'),
      status: z
        .number()
        .int()
        .describe(
          '201 created, 200 updated; 400, 404, 409 or 412 as the single route would answer; 424 not attempted (another operation of an all-or-nothing request failed); 500 unexpected.',
        ),
      id: z.string().optional(),
      [viewKey]: view.optional(),
      error: errorBody.shape.error.optional(),
    })
    .meta({ id: `Bulk${name}Result` });
  const outcome = {
    results: z.array(result).describe('One per operation, in request order.'),
    succeeded: z.number().int(),
    failed: z.number().int(),
    all_or_nothing: z.boolean(),
  };
  return {
    response: z.object(outcome).meta({ id: `Bulk${name}Response` }),
    failure: z
      .object({
        error: errorBody.shape.error,
        results: outcome.results.optional(),
        succeeded: outcome.succeeded.optional(),
        failed: outcome.failed.optional(),
        all_or_nothing: outcome.all_or_nothing.optional(),
      })
      .describe('The error format; when an all_or_nothing request wrote nothing, also every result.')
      .meta({ id: `Bulk${name}Failure` }),
  };
}

/** The route description of a bulk route: what it does and how it answers. */
export function bulkRouteDescription(noun: string, createRoute: string, updateRoute: string): string {
  return [
    `Up to ${MAX_BULK_OPERATIONS} operations: \`{"op": "create", "data": …}\` with the body of \`${createRoute}\`, or \`{"op": "update", "id": …, "data": …, "if_match": "\\"3\\""}\` with the body of \`${updateRoute}\`. Each is validated as its single route validates it and emits the same event.`,
    `By default each operation is committed on its own, ${BULK_CONCURRENCY} at a time: the answer is 200 with one result per operation, in request order (\`status\` 201, 200, or the error the single route would give), and failures do not stop the others.`,
    `With \`all_or_nothing: true\` (at most ${MAX_ATOMIC_BULK_OPERATIONS} operations: one DynamoDB transaction holds 100 writes, and each operation writes the ${noun} and its event) every operation is checked first and all are committed in one transaction. If any fails (invalid, unknown id, stale \`if_match\`, an id twice) nothing is written and the answer is 400; if a concurrent change refuses the transaction, 409. Both carry the error plus every result: the failed ones, and 424 \`not_attempted\` for those that would have succeeded.`,
  ].join('\n\n');
}
