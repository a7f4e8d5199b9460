/**
 * The quota guard: a creation and the check of its plan's limit hold together, in the creating service's
 * own DynamoDB transaction, so creations that race cannot take an organization past a limit. Use case
 * layer. Primary course, per attempt: 1. read the plan and the meter's guard (consistent reads); 2. when
 * the guard cannot vouch for the room, count what the meter holds, after the guard; 3. refuse past the
 * limit (QuotaExceededError); 4. hand the caller the guard's transaction item, which it commits with its
 * writes, and which holds only while the room is still there; 5. a commit refused because the guard moved
 * starts again, at most MAX_QUOTA_ATTEMPTS times.
 *
 * The guard of `members`, `documents` and `custom_domains` is one item per organization and meter
 * (`<tenantId>#billing` / `quota#<meter>`) holding `used` and a `version` that every write moves by one:
 * - A creation adds to `used` on the condition `used <= limit - adding` (DynamoDB applies the additions
 *   of racers one after the other, so no two pass the limit together, and none has to count again).
 * - `members`, `documents`: only creations add; removals leave `used` high, so `used` is an upper bound
 *   of the truth. When it leaves no room (or does not exist yet), billing counts for real with a strongly
 *   consistent Query, after reading the guard, and sets `used` to that count plus the creation, on the
 *   condition that the version is still the one read (a creation committed in between moves it, and the
 *   count is made again).
 * - `custom_domains`: every claim and release passes through the guard (brand's commitDomainChanges), so
 *   `used` is exact: a tenant's domains are listed through a GSI, which DynamoDB updates a moment after
 *   the write, so no count of it may be trusted to see the latest claim. The GSI's count seeds `used`
 *   once, at the first change.
 * - `storage_bytes`: the bytes counter the file transactions keep (usage-store.ts) grows on the condition
 *   that it leaves room for the file (`storageBytes <= limit - adding`).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { meterUsage } from '#services/billing/meters';
import type { Meter, Plan } from '#services/billing/plans';
import { planOf, quotaExceeded } from '#services/billing/quota';
import { storageUsageChange, storedBytes } from '#services/billing/usage-store';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { type TransactItem, WriteConflict } from '#shared/data/outbox';
import { ConflictError } from '#shared/errors';

/**
 * Attempts per guarded creation before it answers 409. An attempt is refused only when the room was used
 * up meanwhile (the next attempt counts and answers 403) or a recount met a racing creation.
 */
export const MAX_QUOTA_ATTEMPTS = 8;

/** The meters whose guard keeps `used` exact (their owner cannot count with a consistent read). */
const KEPT_METERS: ReadonlySet<Meter> = new Set(['custom_domains']);

/**
 * What one attempt read: the guard's version (the byte count itself for `storage_bytes`), what the meter
 * holds, and whether that is a fresh count (the guard will be set to it) or the guard's own `used` (added to).
 */
export interface GuardReading {
  version: number;
  used: number;
  counted: boolean;
}

const guardKey = (tenantId: string, meter: Meter) => ({ pk: `${tenantId}#billing`, sk: `quota#${meter}` });

/**
 * The guard's transaction item for adding `adding` (negative: releasing) to `meter` after `reading`;
 * null when the change needs none (a release of a meter whose guard is an upper bound). Pure: the
 * conditions are DynamoDB's to check.
 */
export function guardWrite(
  tenantId: string,
  meter: Meter,
  reading: GuardReading,
  adding: number,
  limit: number,
): TransactItem | null {
  if (meter === 'storage_bytes') {
    const change = storageUsageChange(tenantId, adding);
    if (adding <= 0 || !change.Update) return change;
    return {
      Update: {
        ...change.Update,
        ConditionExpression: 'attribute_not_exists(storageBytes) OR storageBytes <= :room',
        ExpressionAttributeValues: { ...change.Update.ExpressionAttributeValues, ':room': limit - adding },
      },
    };
  }
  if (adding <= 0 && !KEPT_METERS.has(meter)) return null;
  const target = { TableName: config.tableName, Key: guardKey(tenantId, meter) };
  const names = { '#used': 'used', '#version': 'version' };
  if (reading.counted) {
    const versionUnmoved = reading.version === 0 ? 'attribute_not_exists(#version)' : '#version = :read';
    return {
      Update: {
        ...target,
        UpdateExpression: 'SET #used = :used, #version = :next, tenantId = :tenant',
        ConditionExpression: versionUnmoved,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ':used': Math.max(0, reading.used + adding),
          ':next': reading.version + 1,
          ':tenant': tenantId,
          ...(reading.version === 0 ? {} : { ':read': reading.version }),
        },
      },
    };
  }
  return {
    Update: {
      ...target,
      UpdateExpression: 'ADD #used :adding, #version :one',
      ConditionExpression: adding > 0 ? '#used <= :room' : 'attribute_exists(#used)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ':adding': adding,
        ':one': 1,
        ...(adding > 0 ? { ':room': limit - adding } : {}),
      },
    },
  };
}

/**
 * How a refused commit was refused, from the error or any of its causes: `condition` (a condition failed:
 * WriteConflict, or a TransactionCanceledException naming ConditionalCheckFailed), `contention` (DynamoDB
 * cancelled it for another transaction on the same item: TransactionConflict), or null (not a refusal).
 */
export function refusalOf(error: unknown): 'condition' | 'contention' | null {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 8; depth++) {
    if (cause instanceof TransactionCanceledException) {
      const codes = (cause.CancellationReasons ?? []).map((reason) => reason.Code);
      if (codes.includes('TransactionConflict')) return 'contention';
      if (codes.includes('ConditionalCheckFailed')) return 'condition';
    }
    if (cause instanceof WriteConflict) return 'condition';
    cause = cause.cause;
  }
  return null;
}

/** Whether `adding` to what `reading` found stays within `limit` (a release always does). */
export function fitsQuota(reading: GuardReading, adding: number, limit: number): boolean {
  return adding <= 0 || reading.used + adding <= limit;
}

/** The guard as stored: its version (the bytes for `storage_bytes`) and `used`, when it has one. */
async function readGuard(tenantId: string, meter: Meter): Promise<{ version: number; used?: number }> {
  if (meter === 'storage_bytes') {
    const bytes = await storedBytes(tenantId);
    return { version: bytes, used: bytes };
  }
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: guardKey(tenantId, meter), ConsistentRead: true }),
  );
  return {
    version: typeof Item?.version === 'number' ? Item.version : 0,
    ...(typeof Item?.used === 'number' ? { used: Item.used } : {}),
  };
}

/** One attempt's reading: the guard's `used` when it can vouch for the room, else a count made after it. */
async function readMeter(
  tenantId: string,
  meter: Meter,
  adding: number,
  limit: number,
): Promise<GuardReading> {
  const { version, used } = await readGuard(tenantId, meter);
  // A kept count (and the bytes counter) is exact; a counted meter's `used` is an upper bound.
  const exact = meter === 'storage_bytes' || KEPT_METERS.has(meter);
  if (used !== undefined && (exact || used + adding <= limit)) return { version, used, counted: false };
  // After the guard: a creation committed before it is in the count; one committed after moves the version.
  return { version, used: await meterUsage(tenantId, meter), counted: true };
}

/** A short random pause, longer with each attempt, so racers that lost do not meet again at once. */
const pause = (attempt: number) =>
  new Promise((done) => setTimeout(done, Math.random() * 10 * 2 ** Math.min(attempt, 4)));

/**
 * Adds `adding` to `meter` (items; bytes for `storage_bytes`; negative to release) within the
 * organization's plan: `commit` receives the guard's transaction items (none, or one) and must commit them
 * in the same transaction as the writes that create the thing. It may be called again, with a fresh
 * guard, when a racing creation moved the guard meanwhile, so it must only commit (do its reads before).
 * A refusal that the guard did not cause is `commit`'s own: it is rethrown as it came.
 * @throws QuotaExceededError (403) when the plan has no room for it (checked on every attempt);
 * ConflictError (409) when MAX_QUOTA_ATTEMPTS attempts met racing creations; whatever `commit` throws.
 */
export async function commitWithinQuota<T>(
  tenantId: string,
  meter: Meter,
  adding: number,
  commit: (guard: TransactItem[]) => Promise<T>,
): Promise<T> {
  // Nothing to guard: no change of the count, or a release of a meter whose guard is an upper bound.
  if (adding === 0 || (adding < 0 && meter !== 'storage_bytes' && !KEPT_METERS.has(meter))) return commit([]);
  let plan: Plan | undefined;
  for (let attempt = 1; ; attempt++) {
    plan ??= await planOf(tenantId);
    const limit = plan.limits[meter];
    const reading = await readMeter(tenantId, meter, adding, limit);
    if (!fitsQuota(reading, adding, limit)) throw quotaExceeded(plan, meter, reading.used, adding);
    const guard = guardWrite(tenantId, meter, reading, adding, limit);
    try {
      return await commit(guard ? [guard] : []);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === null || !guard) throw error;
      if (refusal === 'condition') {
        const guardCanRefuse = guard.Update?.ConditionExpression !== undefined;
        // Refused, and the guard is as read: one of the caller's own conditions failed.
        if (!guardCanRefuse || (await readGuard(tenantId, meter)).version === reading.version) throw error;
      }
      if (attempt >= MAX_QUOTA_ATTEMPTS)
        throw new ConflictError(
          `Too many ${meter.replace('_', ' ')} changes at once for this organization; retry`,
          undefined,
          { cause: error },
        );
      await pause(attempt);
    }
  }
}
