/**
 * The quota guard: a creation and the check of its plan's limit hold together, in the creating service's
 * own DynamoDB transaction, so creations that race cannot take an organization past a limit. Use case
 * layer. Primary course, per attempt: 1. read the plan and the meter's guard (consistent reads); 2. read
 * what the meter holds, after the guard; 3. refuse past the limit (QuotaExceededError); 4. hand the
 * caller the guard's transaction item, which it commits with its writes; the item holds only if the guard
 * is still as read; 5. a commit refused while the guard moved starts again, at most MAX_QUOTA_ATTEMPTS times.
 *
 * The guard of each meter:
 * - `members`, `documents`: a version item (`<tenantId>#billing` / `quota#<meter>`). Every guarded
 *   creation moves it by one, on the condition that it is still the version read before counting; the
 *   count is a strongly consistent Query of the owning service's partition, so it sees every creation
 *   that moved the guard before. Of two creations that read the same version, one commits; the other
 *   counts again.
 * - `custom_domains`: the same version item, which also keeps `used`, the count of the tenant's domains:
 *   they are listed through a GSI, which DynamoDB updates a moment after the write (no consistent read),
 *   so the brand service passes every change, releases too, through the guard. Until the first guarded
 *   change the GSI's count seeds it.
 * - `storage_bytes`: the bytes counter the file transactions keep (usage-store.ts) grows on the
 *   condition that it leaves room for the file (`storageBytes <= limit - adding`): no version is needed.
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
 * Attempts per guarded creation. Each round of racers lets one through, so this is how many racing
 * creations of one meter one of them outlasts before answering 409.
 */
export const MAX_QUOTA_ATTEMPTS = 8;

/** The meters whose guard keeps the count itself (their owner cannot count with a consistent read). */
const KEPT_METERS: ReadonlySet<Meter> = new Set(['custom_domains']);

/** What one attempt read: the guard's version (the byte count for `storage_bytes`) and the meter's use. */
export interface GuardReading {
  version: number;
  used: number;
}

const guardKey = (tenantId: string, meter: Meter) => ({ pk: `${tenantId}#billing`, sk: `quota#${meter}` });

/**
 * The guard's transaction item for adding `adding` (negative: releasing) to `meter` after `reading`;
 * null when the change needs none (a release of a counted meter). Pure: the conditions are DynamoDB's.
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
    const counterLeavesRoom = 'attribute_not_exists(storageBytes) OR storageBytes <= :room';
    return {
      Update: {
        ...change.Update,
        ConditionExpression: counterLeavesRoom,
        ExpressionAttributeValues: { ...change.Update.ExpressionAttributeValues, ':room': limit - adding },
      },
    };
  }
  const kept = KEPT_METERS.has(meter);
  if (adding <= 0 && !kept) return null;
  const guardUnmoved = reading.version === 0 ? 'attribute_not_exists(#version)' : '#version = :read';
  return {
    Update: {
      TableName: config.tableName,
      Key: guardKey(tenantId, meter),
      UpdateExpression: `SET #version = :next, tenantId = :tenant${kept ? ', #used = :used' : ''}`,
      ConditionExpression: guardUnmoved,
      ExpressionAttributeNames: { '#version': 'version', ...(kept ? { '#used': 'used' } : {}) },
      ExpressionAttributeValues: {
        ':next': reading.version + 1,
        ':tenant': tenantId,
        ...(reading.version === 0 ? {} : { ':read': reading.version }),
        ...(kept ? { ':used': Math.max(0, reading.used + adding) } : {}),
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

async function readGuard(tenantId: string, meter: Meter): Promise<GuardReading> {
  if (meter === 'storage_bytes') {
    const used = await storedBytes(tenantId);
    return { version: used, used };
  }
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: guardKey(tenantId, meter), ConsistentRead: true }),
  );
  const version = typeof Item?.version === 'number' ? Item.version : 0;
  if (KEPT_METERS.has(meter) && typeof Item?.used === 'number') return { version, used: Item.used };
  // After the guard: every creation that moved it before is committed, so a consistent count sees it.
  return { version, used: await meterUsage(tenantId, meter) };
}

const sameReading = (a: GuardReading, b: GuardReading) => a.version === b.version && a.used === b.used;

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
 * ConflictError (409) when MAX_QUOTA_ATTEMPTS racing creations all came first; whatever `commit` throws.
 */
export async function commitWithinQuota<T>(
  tenantId: string,
  meter: Meter,
  adding: number,
  commit: (guard: TransactItem[]) => Promise<T>,
): Promise<T> {
  // Nothing to guard: no change of the count, or a release of a counted meter (its owner's count is the truth).
  if (adding === 0 || (adding < 0 && meter !== 'storage_bytes' && !KEPT_METERS.has(meter))) return commit([]);
  let plan: Plan | undefined;
  for (let attempt = 1; ; attempt++) {
    const [current, reading] = await Promise.all([plan ?? planOf(tenantId), readGuard(tenantId, meter)]);
    plan = current;
    const limit = plan.limits[meter];
    if (!fitsQuota(reading, adding, limit)) throw quotaExceeded(plan, meter, reading.used, adding);
    const guard = guardWrite(tenantId, meter, reading, adding, limit);
    try {
      return await commit(guard ? [guard] : []);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === null || !guard) throw error;
      const guardCanRefuse = guard.Update?.ConditionExpression !== undefined;
      if (refusal === 'condition' && !guardCanRefuse) throw error;
      const now = await readGuard(tenantId, meter);
      // Refused, and the guard is as read: one of the caller's own conditions failed.
      if (refusal === 'condition' && sameReading(now, reading)) throw error;
      if (!fitsQuota(now, adding, limit)) throw quotaExceeded(plan, meter, now.used, adding);
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
