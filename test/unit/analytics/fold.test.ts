import { describe, expect, it } from 'vitest';
import { decisionSeconds, type FoldedEvent, foldEvent } from '#services/analytics/fold';

const base = { id: 'evt_1', tenant_id: 'org_1', occurred_at: '2026-11-30T10:00:05.000Z' };
const pageView = (data: Partial<Extract<FoldedEvent, { type: 'visit.page_viewed' }>['data']>) =>
  ({
    ...base,
    type: 'visit.page_viewed',
    actor: { type: 'system', id: 'site' },
    data: {
      day: '2026-11-30',
      page: 'overview',
      language: 'en',
      referrer_domain: null,
      country: 'DE',
      device: 'desktop',
      visitor: 'abc',
      document_id: null,
      ...data,
    },
  }) as FoldedEvent;

describe('foldEvent', () => {
  it('adds a page view to the day and each of its dimensions, and the visitor once per day', () => {
    const fold = foldEvent(pageView({ referrer_domain: 'example.com' }));

    expect(fold.counters).toEqual([
      {
        sk: 'total#2026-11-30',
        add: { views: 1, 'page:overview': 1, 'lang:en': 1, 'country:DE': 1, 'device:desktop': 1 },
      },
      { sk: 'ref#2026-11-30#example.com', add: { views: 1 } },
    ]);
    expect(fold.firstSightings).toEqual([
      {
        marker: { kind: 'visitor', sk: '2026-11-30#abc' },
        counters: [{ sk: 'total#2026-11-30', add: { visitors: 1 } }],
      },
    ]);
  });

  it('counts a view of the request form as the funnel’s first step, and for the document it names', () => {
    const fold = foldEvent(pageView({ page: 'request', document_id: 'doc_1' }));

    expect(fold.counters[0]?.add).toMatchObject({ form_views: 1 });
    expect(fold.counters[1]).toEqual({ sk: 'doc#2026-11-30#doc_1', add: { views: 1 } });
  });

  it('counts a granted download for its document and account, and the request’s first download once', () => {
    const fold = foldEvent({
      ...base,
      type: 'visit.document_downloaded',
      actor: { type: 'system', id: 'site' },
      data: {
        day: '2026-11-30',
        document_id: 'doc_1',
        kind: 'granted',
        account_id: 'acc_1',
        access_request_id: 'req_1',
      },
    });

    expect(fold.counters).toEqual([
      { sk: 'total#2026-11-30', add: { downloads: 1, granted_downloads: 1 } },
      { sk: 'doc#2026-11-30#doc_1', add: { downloads: 1, granted_downloads: 1 } },
      { sk: 'acct#2026-11-30#acc_1', add: { downloads: 1 } },
    ]);
    expect(fold.firstSightings.map((sighting) => sighting.marker)).toEqual([
      { kind: 'first_download', sk: 'req_1' },
    ]);
  });

  it('counts a rule’s decision as auto-decided, with its time to decision, on the day it happened', () => {
    const request = {
      id: 'req_1',
      created_at: '2026-11-30T09:59:00.000Z',
      account_id: 'acc_1',
      nda_record_id: null,
      document_ids: ['doc_1'],
    };
    const byRule = foldEvent({
      ...base,
      type: 'access_request.approved',
      actor: { type: 'system', id: 'auto-approval' },
      data: { access_request: request, grant: {} },
    } as unknown as FoldedEvent);
    const byPerson = foldEvent({
      ...base,
      type: 'access_request.rejected',
      actor: { type: 'user', id: 'usr_1' },
      data: { access_request: request },
    } as unknown as FoldedEvent);

    expect(byRule.counters).toEqual([
      { sk: 'total#2026-11-30', add: { approved: 1, auto_decided: 1 } },
      { sk: 'dec#2026-11-30', add: {}, append: [65] },
      { sk: 'acct#2026-11-30#acc_1', add: { approved: 1 } },
    ]);
    expect(byPerson.counters).toEqual([
      { sk: 'total#2026-11-30', add: { rejected: 1 } },
      { sk: 'dec#2026-11-30', add: {}, append: [65] },
    ]);
  });

  it('counts each document of a submission once, and the NDA when one was recorded', () => {
    const fold = foldEvent({
      ...base,
      type: 'access_request.submitted',
      actor: { type: 'system', id: 'form' },
      data: {
        access_request: {
          id: 'req_1',
          account_id: null,
          nda_record_id: 'nda_1',
          document_ids: ['doc_1', 'doc_2', 'doc_1'],
        },
      },
    } as unknown as FoldedEvent);

    expect(fold.counters).toEqual([
      { sk: 'total#2026-11-30', add: { submitted: 1, nda_accepted: 1 } },
      { sk: 'doc#2026-11-30#doc_1', add: { requests: 1 } },
      { sk: 'doc#2026-11-30#doc_2', add: { requests: 1 } },
    ]);
  });
});

describe('decisionSeconds', () => {
  it('rounds to whole seconds and never goes below zero', () => {
    expect(decisionSeconds('2026-11-30T10:00:00.000Z', '2026-11-30T10:01:00.400Z')).toBe(60);
    expect(decisionSeconds('2026-11-30T10:00:01.000Z', '2026-11-30T10:00:00.000Z')).toBe(0);
  });
});
