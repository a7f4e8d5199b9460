/**
 * Use case: the API usage report (`GET /api/v1/analytics/usage`, seeds 2, 3 and 4). Reads the period's
 * daily counters with one Query of the organization's usage partition and sums them per API key, for the
 * signed-in people, per operation and per day; percentiles come from the summed latency histograms.
 */
import { PEOPLE } from '#services/billing/api-usage-records';
import {
  type ApiUsageQuery,
  type ApiUsageReport,
  MAX_REPORT_DAYS,
  PERIODS,
} from '#services/billing/api-usage-schemas';
import { dailyCounters } from '#services/billing/api-usage-store';
import { daysAfter } from '#services/billing/billing-period';
import { latencyPercentile, mergeHistogram } from '#services/billing/latency-histogram';
import { STATUS_CLASSES, type StatusClass } from '#services/billing/status-classes';
import { apiKeyNames } from '#services/identity/public';
import { ValidationError } from '#shared/errors';

interface Tally {
  requests: number;
  byStatus: Record<StatusClass, number>;
  histogram: Map<number, number>;
}

const emptyTally = (): Tally => ({
  requests: 0,
  byStatus: Object.fromEntries(STATUS_CLASSES.map((name) => [name, 0])) as Record<StatusClass, number>,
  histogram: new Map(),
});

function addTally(into: Tally, from: Tally): void {
  into.requests += from.requests;
  for (const name of STATUS_CLASSES) into.byStatus[name] += from.byStatus[name];
  mergeHistogram(into.histogram, from.histogram);
}

/** A daily counter item as a tally, with what its sort key names. */
function tallyOf(item: Record<string, unknown>): {
  day: string;
  principal: string;
  operation: string;
  tally: Tally;
} {
  const [, day = '', principal = '', operation = ''] = String(item.sk).split('#');
  const tally = emptyTally();
  tally.requests = Number(item.requests ?? 0);
  for (const name of STATUS_CLASSES) tally.byStatus[name] = Number(item[`s${name}`] ?? 0);
  for (const [attribute, value] of Object.entries(item)) {
    if (/^h\d+$/.test(attribute)) tally.histogram.set(Number(attribute.slice(1)), Number(value));
  }
  return { day, principal, operation, tally };
}

const statsOf = (tally: Tally) => ({
  requests: tally.requests,
  by_status: { ...tally.byStatus },
  latency_ms: { p50: latencyPercentile(tally.histogram, 50), p95: latencyPercentile(tally.histogram, 95) },
});

/** One credential's (or everyone's) counters: the total, per operation and per day. */
class CredentialTally {
  readonly total = emptyTally();
  readonly byOperation = new Map<string, Tally>();
  readonly byDay = new Map<string, Tally>();

  add(day: string, operation: string, tally: Tally): void {
    addTally(this.total, tally);
    for (const [map, name] of [
      [this.byOperation, operation],
      [this.byDay, day],
    ] as const) {
      const entry = map.get(name) ?? emptyTally();
      addTally(entry, tally);
      map.set(name, entry);
    }
  }

  view(days: readonly string[]) {
    return {
      ...statsOf(this.total),
      by_operation: [...this.byOperation]
        .sort(([a, x], [b, y]) => y.requests - x.requests || a.localeCompare(b))
        .map(([operation, tally]) => ({ operation, ...statsOf(tally) })),
      daily: days.map((date) => ({ date, ...statsOf(this.byDay.get(date) ?? emptyTally()) })),
    };
  }
}

/** The report's days, oldest first: the last `period` days up to today (UTC), or `from` to `to`. */
export function reportDays(query: Pick<ApiUsageQuery, 'period' | 'from' | 'to'>, now: Date): string[] {
  const today = now.toISOString().slice(0, 10);
  const [from, to] =
    query.from && query.to
      ? [query.from, query.to]
      : [daysAfter(today, 1 - PERIODS[query.period ?? '30d']), today];
  const days: string[] = [];
  for (let day = from; day <= to; day = daysAfter(day, 1)) {
    days.push(day);
    if (days.length > MAX_REPORT_DAYS)
      throw new ValidationError(`A report spans at most ${MAX_REPORT_DAYS} days`, 'from');
  }
  return days;
}

/** The organization's API usage over the query's period. @throws ValidationError on a range too long. */
export async function apiUsageReport(
  organizationId: string,
  query: ApiUsageQuery,
  now = new Date(),
): Promise<ApiUsageReport> {
  const days = reportDays(query, now);
  const from = days[0] ?? '';
  const to = days.at(-1) ?? '';
  const everyone = new CredentialTally();
  const people = new CredentialTally();
  const keys = new Map<string, CredentialTally>();
  for (const item of await dailyCounters(organizationId, from, to)) {
    const { day, principal, operation, tally } = tallyOf(item);
    everyone.add(day, operation, tally);
    let credential = people;
    if (principal !== PEOPLE) {
      credential = keys.get(principal) ?? new CredentialTally();
      keys.set(principal, credential);
    }
    credential.add(day, operation, tally);
  }
  const names = await apiKeyNames(organizationId, [...keys.keys()]);
  return {
    organization_id: organizationId,
    period: { from, to, days: days.length },
    ...everyone.view(days),
    api_keys: [...keys]
      .sort(([a, x], [b, y]) => y.total.requests - x.total.requests || a.localeCompare(b))
      .map(([id, credential]) => ({ id, name: names.get(id) ?? null, ...credential.view(days) })),
    signed_in: people.view(days),
  };
}
