/** The bulk runner: a bulk request's operations run through a service's single-item use cases. */
import type * as z from 'zod';
import { commitWithEvents, type PlannedChange, type TransactItem, WriteConflict } from '#shared/data/outbox';
import * as domain from '#shared/errors';
import type { DomainEvent } from '#shared/events/envelope';
import {
  type BulkOutcome,
  type BulkResult,
  failureOf,
  notCommitted,
  summarize,
} from '#shared/http/bulk-results';
import { BULK_CONCURRENCY, MAX_ATOMIC_BULK_OPERATIONS } from '#shared/http/bulk-schemas';
import { httpErrorOf, internalErrorBody, NotFoundError, ValidationError } from '#shared/http/errors';
import { checkIfMatch } from '#shared/http/etag';
import { parseOrThrow } from '#shared/http/validation';
import { logger } from '#shared/observability/logger';

type Operation<C, U> =
  | { op: 'create'; data: C }
  | { op: 'update'; id: string; data: U; if_match?: string | undefined };

/** What a service lends the bulk runner: its single-item use cases and their uncommitted halves. */
export interface BulkTarget<C, U, T> {
  /** `account`: the key of the view in each result. */
  viewKey: string;
  notFoundMessage: string;
  idOf(item: T): string;
  versionOf(item: T): number;
  view(item: T): unknown;
  find(id: string): Promise<T | null>;
  /** The single routes' use cases, each its own commit. */
  create(data: C): Promise<T>;
  update(id: string, data: U, ifMatch: string | undefined): Promise<T>;
  planCreation(data: C, now: Date): PlannedChange<T>;
  planUpdate(current: T, data: U, now: Date): PlannedChange<T>;
  /**
   * Wraps the one transaction of an all-or-nothing request that creates `creates` items: calls `commit`
   * (maybe more than once) with the items to add to it, such as billing's quota guard. Default: none.
   */
  guardCreations?(creates: number, commit: (extra: TransactItem[]) => Promise<void>): Promise<void>;
}

interface BulkRequest {
  operations: readonly unknown[];
  all_or_nothing: boolean;
}

type Checked<C, U> = { index: number; operation: Operation<C, U> } | { index: number; failure: BulkResult };

/** Runs a bulk request: each operation its own commit, or (all_or_nothing) all in one transaction. */
export async function runBulk<C, U, T>(
  target: BulkTarget<C, U, T>,
  operationSchema: z.ZodType,
  request: BulkRequest,
  correlationId: string,
): Promise<BulkOutcome> {
  if (request.all_or_nothing && request.operations.length > MAX_ATOMIC_BULK_OPERATIONS) {
    throw new ValidationError(
      `all_or_nothing takes at most ${MAX_ATOMIC_BULK_OPERATIONS} operations (one DynamoDB transaction holds 100 writes, two per operation)`,
      'operations',
    );
  }
  const checked = checkOperations<C, U>(operationSchema, request.operations);
  const results = request.all_or_nothing
    ? await runAtomically(target, checked)
    : await mapBounded(checked, BULK_CONCURRENCY, (entry) =>
        'failure' in entry ? Promise.resolve(entry.failure) : runOne(target, entry, correlationId),
      );
  return summarize(results, request.all_or_nothing);
}

/** Validates each item with the single routes' schemas; an id may be updated once per request. */
function checkOperations<C, U>(schema: z.ZodType, items: readonly unknown[]): Checked<C, U>[] {
  const seenIds = new Set<string>();
  return items.map((item, index) => {
    const location = `operations[${index}]`;
    let operation: Operation<C, U>;
    try {
      operation = parseOrThrow(schema, item, location) as Operation<C, U>;
    } catch (error) {
      const answer = error instanceof domain.ValidationError ? httpErrorOf(error) : undefined;
      if (!answer) throw error;
      const param = answer.param === location ? location : `${location}.${answer.param}`;
      return { index, failure: { index, status: answer.status, error: { ...answer.toBody().error, param } } };
    }
    if (operation.op === 'update') {
      if (seenIds.has(operation.id)) {
        const duplicate = new ValidationError('This id is already updated by an earlier operation', 'id');
        return { index, failure: failureOf(index, duplicate, operation.id) };
      }
      seenIds.add(operation.id);
    }
    return { index, operation };
  });
}

async function runOne<C, U, T>(
  target: BulkTarget<C, U, T>,
  { index, operation }: { index: number; operation: Operation<C, U> },
  correlationId: string,
): Promise<BulkResult> {
  const id = operation.op === 'update' ? operation.id : undefined;
  try {
    if (operation.op === 'create') return success(target, index, 201, await target.create(operation.data));
    const item = await target.update(operation.id, operation.data, operation.if_match);
    return success(target, index, 200, item);
  } catch (error) {
    const answer = httpErrorOf(error);
    if (answer) return failureOf(index, answer, id);
    // One broken item must not hide what happened to the others: report it as the pipeline would a 500.
    logger.error('Bulk operation failed', { error: error as Error, index });
    return { index, status: 500, ...(id ? { id } : {}), error: internalErrorBody(correlationId).error };
  }
}

async function runAtomically<C, U, T>(
  target: BulkTarget<C, U, T>,
  checked: Checked<C, U>[],
): Promise<BulkResult[]> {
  const now = new Date();
  const currents = await mapBounded(checked, BULK_CONCURRENCY, async (entry) =>
    'operation' in entry && entry.operation.op === 'update' ? target.find(entry.operation.id) : null,
  );
  const planned: { index: number; status: number; change: PlannedChange<T> }[] = [];
  const failures = new Map<number, BulkResult>();
  for (const entry of checked) {
    if ('failure' in entry) {
      failures.set(entry.index, entry.failure);
      continue;
    }
    const { index, operation } = entry;
    if (operation.op === 'create') {
      planned.push({ index, status: 201, change: target.planCreation(operation.data, now) });
      continue;
    }
    const current = currents[index];
    if (!current) {
      failures.set(index, failureOf(index, new NotFoundError(target.notFoundMessage, 'id'), operation.id));
      continue;
    }
    try {
      checkIfMatch(operation.if_match, target.versionOf(current));
    } catch (error) {
      const answer = httpErrorOf(error);
      if (!answer) throw error;
      failures.set(index, failureOf(index, answer, operation.id));
      continue;
    }
    planned.push({ index, status: 200, change: target.planUpdate(current, operation.data, now) });
  }
  if (failures.size > 0) {
    throw notCommitted(400, checked.length, failures, 'nothing was written');
  }

  const writes: TransactItem[] = [];
  const events: DomainEvent[] = [];
  const writeOwners: number[] = [];
  const eventOwners: number[] = [];
  for (const { index, change } of planned) {
    writes.push(...change.writes);
    writeOwners.push(...change.writes.map(() => index));
    events.push(...change.events);
    eventOwners.push(...change.events.map(() => index));
  }
  let extraItems = 0;
  const commit = async (extra: TransactItem[]) => {
    extraItems = extra.length;
    await commitWithEvents([...writes, ...extra], events);
  };
  const creates = planned.filter(({ status }) => status === 201).length;
  try {
    if (target.guardCreations && creates > 0) await target.guardCreations(creates, commit);
    else await commit([]);
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    // commitWithEvents puts the writes first, then the events: map each refused item to its operation.
    const owners = [...writeOwners, ...Array.from({ length: extraItems }, () => undefined), ...eventOwners];
    for (const failedIndex of error.failedIndexes) {
      const index = owners[failedIndex];
      if (index === undefined || failures.has(index)) continue;
      const operation = checked[index];
      const id =
        operation && 'operation' in operation && operation.operation.op === 'update'
          ? operation.operation.id
          : undefined;
      failures.set(index, {
        index,
        status: 409,
        ...(id ? { id } : {}),
        error: {
          type: 'conflict',
          message: 'Changed by a concurrent request while this one was committing; read it again and retry',
          param: `operations[${index}]`,
        },
      });
    }
    throw notCommitted(
      409,
      checked.length,
      failures,
      'a concurrent change refused the transaction; nothing was written',
    );
  }
  return planned.map(({ index, status, change }) => success(target, index, status, change.item));
}

function success<T>(
  target: BulkTarget<unknown, unknown, T>,
  index: number,
  status: number,
  item: T,
): BulkResult {
  return { index, status, id: target.idOf(item), [target.viewKey]: target.view(item) };
}

/** Maps with at most `limit` calls in flight; results keep the input order. */
async function mapBounded<I, R>(
  items: readonly I[],
  limit: number,
  map: (item: I, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as I, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
