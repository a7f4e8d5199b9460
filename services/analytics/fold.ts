/**
 * How each event changes the counters: pure (no I/O), so its arithmetic is unit-tested alone. The store
 * (counters.ts) applies a fold: `counters` once per event (guarded by the event's marker), and each of
 * `firstSightings` once per marker (a visitor's first view of the day, an access request's first download).
 */
import type { CataloguedEvent } from '#shared/events/envelope';

/** The counter items of one tenant, by sort key (see counters.ts for the key layout). */
export const counterKey = {
  /** The day's totals: page views, visitors, dimensions, downloads, the access-request funnel. */
  total: (day: string) => `total#${day}`,
  /** One referring domain's page views on a day. */
  referrer: (day: string, domain: string) => `ref#${day}#${domain}`,
  /** One document's views, downloads and requests on a day. */
  document: (day: string, documentId: string) => `doc#${day}#${documentId}`,
  /** One customer account's downloads, requests and approvals on a day. */
  account: (day: string, accountId: string) => `acct#${day}#${accountId}`,
  /** The day's time-to-decision durations, in seconds, one per decision. */
  decisions: (day: string) => `dec#${day}`,
};

/** Attribute names of the per-dimension counters on the day's total item. */
export const dimensionAttribute = {
  page: (page: string) => `page:${page}`,
  language: (language: string) => `lang:${language}`,
  country: (country: string) => `country:${country}`,
  device: (device: string) => `device:${device}`,
};

/** Atomic additions to one counter item, and values appended to its `seconds` list. */
export interface CounterUpdate {
  sk: string;
  add: Record<string, number>;
  append?: number[];
}

/** A marker whose first write applies its counters; later writes of the same marker apply nothing. */
export interface FirstSighting {
  /** The marker's partition (after the tenant id) and sort key. */
  marker: { kind: 'visitor' | 'first_download'; sk: string };
  counters: CounterUpdate[];
}

export interface Fold {
  /** The UTC day the event counts on. */
  day: string;
  counters: CounterUpdate[];
  firstSightings: FirstSighting[];
}

/** The events the analytics consumer folds. */
export const FOLDED_EVENTS = [
  'visit.page_viewed',
  'visit.document_downloaded',
  'access_request.submitted',
  'access_request.approved',
  'access_request.rejected',
] as const;
export type FoldedEvent = CataloguedEvent<(typeof FOLDED_EVENTS)[number]>;

/** The page whose views are the funnel's first step. */
export const REQUEST_FORM_PAGE = 'request';

const dayOf = (instant: string) => instant.slice(0, 10);

/** Whole seconds from submission to decision (never negative: clocks of two writers may differ). */
export function decisionSeconds(createdAt: string, decidedAt: string): number {
  return Math.max(0, Math.round((Date.parse(decidedAt) - Date.parse(createdAt)) / 1000));
}

/** What one event adds to the counters. */
export function foldEvent(event: FoldedEvent): Fold {
  switch (event.type) {
    case 'visit.page_viewed': {
      const { day, page, language, country, device, referrer_domain, document_id, visitor } = event.data;
      const total = counterKey.total(day);
      const counters: CounterUpdate[] = [
        {
          sk: total,
          add: {
            views: 1,
            [dimensionAttribute.page(page)]: 1,
            [dimensionAttribute.language(language)]: 1,
            [dimensionAttribute.country(country)]: 1,
            [dimensionAttribute.device(device)]: 1,
            ...(page === REQUEST_FORM_PAGE ? { form_views: 1 } : {}),
          },
        },
      ];
      if (referrer_domain)
        counters.push({ sk: counterKey.referrer(day, referrer_domain), add: { views: 1 } });
      if (document_id) counters.push({ sk: counterKey.document(day, document_id), add: { views: 1 } });
      return {
        day,
        counters,
        firstSightings: [
          {
            marker: { kind: 'visitor', sk: `${day}#${visitor}` },
            counters: [{ sk: total, add: { visitors: 1 } }],
          },
        ],
      };
    }
    case 'visit.document_downloaded': {
      const { day, document_id, kind, account_id, access_request_id } = event.data;
      const total = counterKey.total(day);
      const kindCounter = `${kind}_downloads`;
      const counters: CounterUpdate[] = [
        { sk: total, add: { downloads: 1, [kindCounter]: 1 } },
        { sk: counterKey.document(day, document_id), add: { downloads: 1, [kindCounter]: 1 } },
      ];
      if (account_id) counters.push({ sk: counterKey.account(day, account_id), add: { downloads: 1 } });
      const firstSightings: FirstSighting[] = access_request_id
        ? [
            {
              marker: { kind: 'first_download', sk: access_request_id },
              counters: [{ sk: total, add: { first_downloads: 1 } }],
            },
          ]
        : [];
      return { day, counters, firstSightings };
    }
    case 'access_request.submitted': {
      const request = event.data.access_request;
      const day = dayOf(event.occurred_at);
      const counters: CounterUpdate[] = [
        {
          sk: counterKey.total(day),
          add: { submitted: 1, ...(request.nda_record_id ? { nda_accepted: 1 } : {}) },
        },
        ...[...new Set(request.document_ids)].map((id) => ({
          sk: counterKey.document(day, id),
          add: { requests: 1 },
        })),
      ];
      if (request.account_id)
        counters.push({ sk: counterKey.account(day, request.account_id), add: { requests: 1 } });
      return { day, counters, firstSightings: [] };
    }
    case 'access_request.approved':
    case 'access_request.rejected': {
      const request = event.data.access_request;
      const day = dayOf(event.occurred_at);
      const outcome = event.type === 'access_request.approved' ? 'approved' : 'rejected';
      const byRule = event.actor.type === 'system';
      const counters: CounterUpdate[] = [
        { sk: counterKey.total(day), add: { [outcome]: 1, ...(byRule ? { auto_decided: 1 } : {}) } },
        {
          sk: counterKey.decisions(day),
          add: {},
          append: [decisionSeconds(request.created_at, event.occurred_at)],
        },
      ];
      if (request.account_id && outcome === 'approved')
        counters.push({ sk: counterKey.account(day, request.account_id), add: { approved: 1 } });
      return { day, counters, firstSightings: [] };
    }
  }
}
