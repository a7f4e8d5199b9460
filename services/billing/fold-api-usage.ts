/**
 * Use case (off the request path): folds a batch of access log lines into the API usage counters.
 * 1. Each line becomes a request of an organization's key or people, or is left out (api-usage-records.ts).
 * 2. Per organization, the batch's requests are summed per counter item (a day's principal and operation,
 *    a key's totals, the organization's month) and added in transactions marked with the batch's id, so a
 *    batch delivered twice counts once.
 * 3. Each key's `lastUsedAt` moves forward to its latest request.
 * 4. The quotas the batch touched are checked for their 80 % and 100 % warnings (quota-warnings.ts).
 * In AWS a CloudWatch Logs subscription on the API's access log delivers the batches
 * (usage-fold-handler.ts); locally the gateway hands over each request's line after answering it.
 */
import {
  type ApiUsageRecord,
  apiUsageRecordOf,
  countsAgainstQuota,
} from '#services/billing/api-usage-records';
import {
  addCounters,
  type CounterUpdate,
  dayItemKey,
  keyTotalsKey,
  monthAttribute,
  organizationTotalsKey,
  raiseLastUsed,
  USAGE_RETENTION_DAYS,
} from '#services/billing/api-usage-store';
import { latencyBucket } from '#services/billing/latency-histogram';
import { warnOnQuotas } from '#services/billing/quota-warnings';
import { statusClassOf } from '#services/billing/status-classes';
import { epochSeconds } from '#shared/data/table';
import type { AccessLogRecord } from '#shared/observability/access-log';

/** What one batch did, for the log. */
export interface FoldSummary {
  lines: number;
  /** Lines that were an organization's requests (the rest: no credential, operators, development). */
  counted: number;
  tenants: number;
  /** Transactions applied, and those a previous delivery of the same batch had applied already. */
  applied: number;
  repeated: number;
  warnings: number;
}

const DAY_MS = 86_400_000;

/** Sums a tenant's requests per counter item: one update per item, however many requests it gets. */
function counterUpdates(tenantId: string, records: readonly ApiUsageRecord[]): CounterUpdate[] {
  const updates = new Map<string, CounterUpdate>();
  const bump = (
    key: CounterUpdate['key'],
    add: Record<string, number>,
    setOnce?: CounterUpdate['setOnce'],
  ) => {
    const update = updates.get(key.sk) ?? { key, add: {}, ...(setOnce ? { setOnce } : {}) };
    for (const [name, delta] of Object.entries(add)) update.add[name] = (update.add[name] ?? 0) + delta;
    updates.set(key.sk, update);
  };
  for (const record of records) {
    const day = record.at.toISOString().slice(0, 10);
    const month = monthAttribute(day.slice(0, 7));
    const quota = countsAgainstQuota(record) ? 1 : 0;
    bump(
      dayItemKey(tenantId, day, record.principal, record.operation),
      { requests: 1, [`s${statusClassOf(record.status)}`]: 1, [`h${latencyBucket(record.latencyMs)}`]: 1 },
      { ttl: epochSeconds(new Date(Date.parse(`${day}T00:00:00Z`) + USAGE_RETENTION_DAYS * DAY_MS)) },
    );
    if (record.principal.startsWith('key_'))
      bump(keyTotalsKey(tenantId, record.principal), { requestCount: 1, [month]: quota });
    bump(organizationTotalsKey(tenantId), { [month]: quota });
  }
  return [...updates.values()];
}

/** The latest request of each key in the batch, as ISO 8601. */
function lastUseByKey(records: readonly ApiUsageRecord[]): Map<string, string> {
  const latest = new Map<string, string>();
  for (const { principal, at } of records) {
    if (!principal.startsWith('key_')) continue;
    const iso = at.toISOString();
    if ((latest.get(principal) ?? '') < iso) latest.set(principal, iso);
  }
  return latest;
}

/**
 * Folds one batch. `batchId` must name the batch the same way on every delivery (in AWS: the log stream
 * and its first event's id), since it is what makes a repeated delivery count nothing.
 */
export async function foldApiUsage(
  lines: readonly AccessLogRecord[],
  batchId: string,
  now = new Date(),
): Promise<FoldSummary> {
  const byTenant = new Map<string, ApiUsageRecord[]>();
  for (const line of lines) {
    const record = apiUsageRecordOf(line);
    if (record) byTenant.set(record.tenantId, [...(byTenant.get(record.tenantId) ?? []), record]);
  }
  const summary: FoldSummary = {
    lines: lines.length,
    counted: 0,
    tenants: byTenant.size,
    applied: 0,
    repeated: 0,
    warnings: 0,
  };
  await Promise.all(
    [...byTenant].map(async ([tenantId, records]) => {
      summary.counted += records.length;
      const outcome = await addCounters(tenantId, batchId, counterUpdates(tenantId, records), now);
      summary.applied += outcome.applied;
      summary.repeated += outcome.repeated;
      const lastUse = lastUseByKey(records);
      await Promise.all([...lastUse].map(([keyId, at]) => raiseLastUsed(tenantId, keyId, at)));
      const months = [...new Set(records.map((record) => record.at.toISOString().slice(0, 7)))];
      summary.warnings += await warnOnQuotas(tenantId, months, [...lastUse.keys()], now);
    }),
  );
  return summary;
}
