import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { magicToken, mailsTo, submitAccessRequest } from '../support/access-requests.ts';
import { documentWithFile, settle } from '../support/analytics.ts';
import { newTenant, request } from '../support/api.ts';
import { getOnHost, trustCenterHost } from '../support/trust-center.ts';

const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
const DAY_MS = 24 * 60 * 60 * 1000;

interface AccessRequest {
  id: string;
  created_at: string;
  reviewed_at: string | null;
}

/** A visitor's granted download through the visitor API, with the session from the approval mail. */
async function grantedDownloads(email: string, documentId: string, times: number): Promise<number[]> {
  const [mail] = await mailsTo(email);
  const session = await request<{ session_token: string }>('POST', '/api/v1/public/access/session', {
    body: { token: magicToken(mail) },
  });
  expect(session.status, session.text).toBe(201);
  const statuses: number[] = [];
  for (let time = 0; time < times; time += 1) {
    const link = await request('GET', `/api/v1/public/access/documents/${documentId}/download-url`, {
      headers: { Authorization: `Bearer ${session.body.session_token}` },
    });
    statuses.push(link.status);
  }
  return statuses;
}

/** The nearest-rank percentile, written out independently of the service's. */
function nearestRank(values: number[], p: number): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : (sorted[Math.ceil((p / 100) * sorted.length) - 1] ?? null);
}

describe('visitor analytics: documents and the access-request funnel', () => {
  it('counts downloads, requests, decisions and first downloads exactly, per document and account', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const restricted = await documentWithFile(tenant, 'restricted', 'SOC 2 Report');
    const underNda = await documentWithFile(tenant, 'requires_nda', 'Pen test');
    const open = await documentWithFile(tenant, 'public', 'Whitepaper');
    const account = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
      body: { title: 'Customer Ltd', email_domains: ['customer.example'] },
    });
    const rules = await tenant.call('PUT', '/api/v1/access-requests/auto-approval', {
      body: { allowed_domains: ['auto.example'] },
    });
    const suffix = Math.random().toString(36).slice(2);
    const [ada, bob, cy] = [
      `ada-${suffix}@customer.example`,
      `bob-${suffix}@other.example`,
      `cy-${suffix}@auto.example`,
    ];

    const formViews = [
      await getOnHost(host, `/en/request?document=${restricted}`, { 'User-Agent': BROWSER }),
      await getOnHost(host, '/de/request', { 'User-Agent': BROWSER }),
    ];
    const person = { name: 'Ada', company: 'Customer Ltd' };
    const submitted = [
      await submitAccessRequest(tenant, { ...person, email: ada, document_ids: [restricted] }),
      await submitAccessRequest(tenant, {
        ...person,
        email: bob,
        document_ids: [restricted, underNda],
        nda_accepted: true,
      }),
      await submitAccessRequest(tenant, { ...person, email: cy, document_ids: [restricted] }),
    ];
    const [adaRequest, bobRequest, cyRequest] = submitted.map((answer) => answer.body.id);
    const approved = await tenant.call('PATCH', `/api/v1/access-requests/${adaRequest}`, {
      body: { review_status: 'approved' },
    });
    const rejected = await tenant.call('PATCH', `/api/v1/access-requests/${bobRequest}`, {
      body: { review_status: 'rejected' },
    });
    await settle();
    const downloads = await grantedDownloads(ada, restricted, 2);
    const publicDownload = await getOnHost(host, `/en/documents/${open}/download`, { 'User-Agent': BROWSER });
    await settle();
    const decided = await Promise.all(
      [adaRequest, bobRequest, cyRequest].map(
        async (id) => (await tenant.call<AccessRequest>('GET', `/api/v1/access-requests/${id}`)).body,
      ),
    );
    const seconds = decided.map((item) =>
      Math.max(0, Math.round((Date.parse(item.reviewed_at ?? '') - Date.parse(item.created_at)) / 1000)),
    );
    const period = `from=${new Date(Date.now() - DAY_MS).toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`;
    const funnel = await tenant.call<Record<string, unknown>>(
      'GET',
      `/api/v1/analytics/access-requests?${period}`,
    );
    const documents = await tenant.call<Record<string, unknown>>(
      'GET',
      `/api/v1/analytics/documents?${period}`,
    );

    expect([account.status, rules.status]).toEqual([201, 200]);
    expect(formViews.map((page) => page.status)).toEqual([200, 200]);
    expect(submitted.map((answer) => [answer.status, answer.body.review_status])).toEqual([
      [201, 'to_review'],
      [201, 'to_review'],
      [201, 'approved'],
    ]);
    expect([approved.status, rejected.status]).toEqual([200, 200]);
    expect(downloads).toEqual([200, 200]);
    expect(publicDownload.status).toBe(303);
    expect(funnel.status, funnel.text).toBe(200);
    expect(funnel.body.funnel).toEqual({
      form_views: 2,
      submitted: 3,
      nda_accepted: 1,
      approved: 2,
      rejected: 1,
      auto_decided: 1,
      first_downloads: 1,
    });
    expect(funnel.body.conversion).toEqual({
      form_to_submission: 3 / 2,
      submission_to_decision: 3 / 3,
      approval_rate: 2 / 3,
      auto_decision_rate: 1 / 3,
      approval_to_first_download: 1 / 2,
    });
    expect(funnel.body.time_to_decision).toEqual({
      decisions: 3,
      p50_seconds: nearestRank(seconds, 50),
      p90_seconds: nearestRank(seconds, 90),
    });
    expect(documents.status, documents.text).toBe(200);
    expect(documents.body.totals).toEqual({
      views: 1,
      downloads: 3,
      public_downloads: 1,
      granted_downloads: 2,
      requests: 4,
    });
    expect(documents.body.documents).toEqual([
      {
        document_id: restricted,
        downloads: 2,
        views: 1,
        public_downloads: 0,
        granted_downloads: 2,
        requests: 3,
      },
      { document_id: open, downloads: 1, views: 0, public_downloads: 1, granted_downloads: 0, requests: 0 },
      {
        document_id: underNda,
        downloads: 0,
        views: 0,
        public_downloads: 0,
        granted_downloads: 0,
        requests: 1,
      },
    ]);
    expect(documents.body.accounts).toEqual([
      { account_id: account.body.id, downloads: 2, requests: 1, approved: 1 },
    ]);
  });

  it('answers the funnel and the documents as CSV matching the JSON', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const open = await documentWithFile(tenant, 'public', 'Whitepaper, "2025"');
    await getOnHost(host, '/en/request', { 'User-Agent': BROWSER });
    await getOnHost(host, `/en/documents/${open}/download`, { 'User-Agent': BROWSER });
    await settle();
    const period = `from=${new Date(Date.now() - DAY_MS).toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`;
    const numbers = (value: string, context: { header: boolean; column: string | number }) =>
      context.header || context.column === 'date' || context.column === 'document_id' ? value : Number(value);

    const results = await Promise.all(
      ['access-requests', 'documents'].map(async (report) => {
        const json = await tenant.call<{ series: unknown[]; documents: unknown[] }>(
          'GET',
          `/api/v1/analytics/${report}?${period}`,
        );
        const csv = await tenant.call('GET', `/api/v1/analytics/${report}?${period}`, {
          headers: { Accept: 'text/csv;q=1, application/json;q=0.5' },
        });
        return {
          json: json.body,
          csv: parse(csv.text, { columns: true, cast: numbers }),
          type: csv.headers.get('content-type'),
        };
      }),
    );
    const [funnel, documents] = results;

    expect(results.map((result) => result.type)).toEqual([
      'text/csv; charset=utf-8',
      'text/csv; charset=utf-8',
    ]);
    expect(funnel?.csv).toEqual(funnel?.json.series);
    expect(documents?.csv).toEqual(documents?.json.documents);
    expect(documents?.csv).toEqual([
      { document_id: open, downloads: 1, views: 0, public_downloads: 1, granted_downloads: 0, requests: 0 },
    ]);
  });
});
