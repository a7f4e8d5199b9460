/**
 * The reports the analytics routes answer, built from counter items (pure: no I/O, unit-tested). Counts
 * are sums of the days' counters; `unique_visitors` over a period is the sum of each day's unique visitors
 * (visitor-days), since nothing links a visitor across days.
 */
import type { CounterItem } from '#services/analytics/counters';
import { dimensionAttribute, REQUEST_FORM_PAGE } from '#services/analytics/fold';
import type { Period } from '#services/analytics/period';

/**
 * The p-th percentile by the nearest-rank method: the smallest value with at least p % of the values at or
 * below it (the ⌈p/100·n⌉-th smallest). Exact, one of the given values; null for none.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** numerator / denominator, or null when there is nothing to divide by. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

const dayOf = (item: CounterItem) => item.sk.split('#')[1] ?? '';
/** What a per-thing key names after its day: the referring domain, the document or account id. */
const subjectOf = (item: CounterItem) => item.sk.split('#').slice(2).join('#');
const count = (item: CounterItem | undefined, name: string) => item?.values[name] ?? 0;

function byDay(items: readonly CounterItem[]): Map<string, CounterItem> {
  return new Map(items.map((item) => [dayOf(item), item]));
}

function sum(items: readonly CounterItem[], name: string): number {
  return items.reduce((total, item) => total + count(item, name), 0);
}

/** Counts of one dimension (`page:` attributes…) over the period, largest first, then by name. */
function breakdown<K extends string>(items: readonly CounterItem[], prefix: string, key: K) {
  const totals = new Map<string, number>();
  for (const item of items) {
    for (const [name, value] of Object.entries(item.values)) {
      if (name.startsWith(prefix))
        totals.set(name.slice(prefix.length), (totals.get(name.slice(prefix.length)) ?? 0) + value);
    }
  }
  return ranked(totals).map(
    ([name, page_views]) => ({ [key]: name, page_views }) as Record<K, string> & { page_views: number },
  );
}

function ranked(totals: Map<string, number>): [string, number][] {
  return [...totals].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

/** The overview: page views and unique visitors per day and in total, and their breakdowns. */
export function overviewReport(
  period: Period,
  totals: readonly CounterItem[],
  referrers: readonly CounterItem[],
) {
  const days = byDay(totals);
  const referrerViews = new Map<string, number>();
  for (const item of referrers)
    referrerViews.set(subjectOf(item), (referrerViews.get(subjectOf(item)) ?? 0) + count(item, 'views'));
  return {
    period: { from: period.from, to: period.to, days: period.days.length },
    totals: {
      page_views: sum(totals, 'views'),
      unique_visitors: sum(totals, 'visitors'),
      downloads: sum(totals, 'downloads'),
    },
    series: period.days.map((date) => ({
      date,
      page_views: count(days.get(date), 'views'),
      unique_visitors: count(days.get(date), 'visitors'),
      downloads: count(days.get(date), 'downloads'),
    })),
    pages: breakdown(totals, dimensionAttribute.page(''), 'page'),
    languages: breakdown(totals, dimensionAttribute.language(''), 'language'),
    referrers: ranked(referrerViews).map(([domain, page_views]) => ({ domain, page_views })),
    countries: breakdown(totals, dimensionAttribute.country(''), 'country'),
    devices: breakdown(totals, dimensionAttribute.device(''), 'device'),
  };
}

const DOCUMENT_COUNTERS = [
  'views',
  'downloads',
  'public_downloads',
  'granted_downloads',
  'requests',
] as const;
const ACCOUNT_COUNTERS = ['downloads', 'requests', 'approved'] as const;

function perSubject<C extends string>(items: readonly CounterItem[], counters: readonly C[]) {
  const totals = new Map<string, Record<C, number>>();
  for (const item of items) {
    const subject = subjectOf(item);
    const row =
      totals.get(subject) ?? (Object.fromEntries(counters.map((name) => [name, 0])) as Record<C, number>);
    for (const name of counters) row[name] += count(item, name);
    totals.set(subject, row);
  }
  return [...totals].sort(
    ([a, x], [b, y]) => (y[counters[0] as C] ?? 0) - (x[counters[0] as C] ?? 0) || a.localeCompare(b),
  );
}

/** Documents: views, downloads and requests per document and per customer account, and per day. */
export function documentsReport(
  period: Period,
  documents: readonly CounterItem[],
  accounts: readonly CounterItem[],
) {
  const perDay = new Map<string, CounterItem[]>();
  for (const item of documents) perDay.set(dayOf(item), [...(perDay.get(dayOf(item)) ?? []), item]);
  return {
    period: { from: period.from, to: period.to, days: period.days.length },
    totals: Object.fromEntries(DOCUMENT_COUNTERS.map((name) => [name, sum(documents, name)])) as Record<
      (typeof DOCUMENT_COUNTERS)[number],
      number
    >,
    series: period.days.map((date) => ({
      date,
      views: sum(perDay.get(date) ?? [], 'views'),
      downloads: sum(perDay.get(date) ?? [], 'downloads'),
    })),
    documents: perSubject(documents, [
      'downloads',
      ...DOCUMENT_COUNTERS.filter((name) => name !== 'downloads'),
    ]).map(([document_id, counts]) => ({ document_id, ...counts })),
    accounts: perSubject(accounts, ACCOUNT_COUNTERS).map(([account_id, counts]) => ({
      account_id,
      ...counts,
    })),
  };
}

const FUNNEL = [
  'form_views',
  'submitted',
  'nda_accepted',
  'approved',
  'rejected',
  'auto_decided',
  'first_downloads',
] as const;

/** The access-request funnel per day and in total, its conversion rates and time to decision. */
export function accessRequestsReport(
  period: Period,
  totals: readonly CounterItem[],
  decisions: readonly CounterItem[],
) {
  const days = byDay(totals);
  const funnel = Object.fromEntries(FUNNEL.map((name) => [name, sum(totals, name)])) as Record<
    (typeof FUNNEL)[number],
    number
  >;
  const seconds = decisions.flatMap((item) => item.seconds);
  const decided = funnel.approved + funnel.rejected;
  return {
    period: { from: period.from, to: period.to, days: period.days.length },
    funnel,
    conversion: {
      form_to_submission: rate(funnel.submitted, funnel.form_views),
      submission_to_decision: rate(decided, funnel.submitted),
      approval_rate: rate(funnel.approved, decided),
      auto_decision_rate: rate(funnel.auto_decided, decided),
      approval_to_first_download: rate(funnel.first_downloads, funnel.approved),
    },
    time_to_decision: {
      decisions: seconds.length,
      p50_seconds: percentile(seconds, 50),
      p90_seconds: percentile(seconds, 90),
    },
    series: period.days.map((date) => ({
      date,
      ...(Object.fromEntries(FUNNEL.map((name) => [name, count(days.get(date), name)])) as Record<
        (typeof FUNNEL)[number],
        number
      >),
    })),
  };
}

export { FUNNEL, REQUEST_FORM_PAGE };
