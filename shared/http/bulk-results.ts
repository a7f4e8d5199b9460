/**
 * The answers of a bulk request: each operation's result, the request's outcome, and the error of an
 * all-or-nothing request that wrote nothing. The runner is in bulk.ts.
 */
import { NOT_ATTEMPTED } from '#shared/http/bulk-schemas';
import { HttpError } from '#shared/http/errors';

export interface BulkResult {
  index: number;
  status: number;
  id?: string;
  error?: { type: string; message: string; param?: string };
  [view: string]: unknown;
}

export interface BulkOutcome {
  results: BulkResult[];
  succeeded: number;
  failed: number;
  all_or_nothing: boolean;
}

/** An all-or-nothing request that wrote nothing: the error format plus every operation's result. */
export class BulkNotCommittedError extends HttpError {
  override name = 'BulkNotCommittedError';
  constructor(
    status: 400 | 409,
    message: string,
    param: string | undefined,
    readonly outcome: BulkOutcome,
  ) {
    super(status, status === 409 ? 'conflict' : 'validation_error', message, param);
  }

  override toBody() {
    return { ...super.toBody(), ...this.outcome };
  }
}

/**
 * An operation's failure in its result. The single routes' errors name `id`, `If-Match` or a body field;
 * here they become the operation's `id`, `if_match` or `data.<field>`.
 */
export function failureOf(index: number, error: HttpError, id?: string): BulkResult {
  const location = `operations[${index}]`;
  const field =
    error.param === undefined || error.param === 'id'
      ? error.param
      : error.param === 'If-Match'
        ? 'if_match'
        : `data.${error.param}`;
  return {
    index,
    status: error.status,
    ...(id ? { id } : {}),
    error: { type: error.type, message: error.message, param: field ? `${location}.${field}` : location },
  };
}

/** Every operation's result when nothing was written: the failures, and 424 for the ones that would have run. */
export function notCommitted(
  status: 400 | 409,
  count: number,
  failures: Map<number, BulkResult>,
  what: string,
): BulkNotCommittedError {
  const results = Array.from(
    { length: count },
    (_, index): BulkResult =>
      failures.get(index) ?? {
        index,
        status: NOT_ATTEMPTED,
        error: {
          type: 'not_attempted',
          message: 'Valid, but not written: another operation of this all-or-nothing request failed',
        },
      },
  );
  const first = [...failures.values()].sort((a, b) => a.index - b.index)[0];
  return new BulkNotCommittedError(
    status,
    `${failures.size} of ${count} operations failed; ${what}`,
    first?.error?.param,
    summarize(results, true),
  );
}

export function summarize(results: BulkResult[], allOrNothing: boolean): BulkOutcome {
  const succeeded = results.filter((result) => result.status < 300).length;
  return { results, succeeded, failed: results.length - succeeded, all_or_nothing: allOrNothing };
}
