import { describe, expect, it } from 'vitest';
import { mailsTo } from '../support/access-requests.ts';
import { type ApiResponse, newTenant, request, type TestTenant } from '../support/api.ts';
import { as, PASSWORD, signIn } from '../support/organizations.ts';
import { invitationTokenFor, uniqueEmail } from '../support/people.ts';
import { METERED_TEST_PLAN, METERED_TEST_QUOTA } from '../support/plans.ts';
import { partition } from '../support/table.ts';

/**
 * Seed 3's usage metrics (`GET /api/v1/analytics/usage`) and the API keys' `request_count` / `last_used_at`
 * (seed 4), counted from the gateway's access log after each response, and the quota warnings (seed 2).
 */
const operator = newTenant({ operator: true });
const NOWHERE = 'acc_00000000000000000000000000';

type Stats = {
  requests: number;
  by_status: Record<'2xx' | '3xx' | '4xx' | '429' | '5xx', number>;
  latency_ms: { p50: number | null; p95: number | null };
};
type Credential = Stats & {
  by_operation: (Stats & { operation: string })[];
  daily: (Stats & { date: string })[];
};
type Report = Credential & {
  organization_id: string;
  period: { from: string; to: string; days: number };
  api_keys: (Credential & { id: string; name: string | null })[];
  signed_in: Credential;
};
type KeyView = { id: string; request_count: number; last_used: string | null; last_used_at: string | null };

/** An organization on `plan` with its owner signed in, and an admin's development credential (not counted). */
async function organization(plan: string) {
  const email = uniqueEmail('usage-owner');
  const created = await operator.call<{ id: string }>('POST', '/api/v1/organizations', {
    body: { name: 'Usage Co', email, plan },
  });
  expect(created.status, created.text).toBe(201);
  const accepted = await request('POST', '/api/v1/invitations/accept', {
    body: { token: await invitationTokenFor(email), password: PASSWORD },
  });
  expect(accepted.status, accepted.text).toBe(201);
  const orgId = created.body.id;
  return {
    orgId,
    owner: as(await signIn(email)),
    admin: newTenant({ tenantOf: { tenantId: orgId } as TestTenant }),
  };
}

async function newKey(admin: TestTenant, name: string, extra: Record<string, unknown> = {}) {
  const created = await admin.call<{ data: { apiKey: { id: string; key: string } } }>(
    'POST',
    '/api/v1/integrations/api-keys',
    { body: { name, key_type: 'read_only', ...extra } },
  );
  expect(created.status, created.text).toBe(201);
  return { id: created.body.data.apiKey.id, call: as(created.body.data.apiKey.key) };
}

/** Every line handed to the usage folding is folded, and every event it emitted consumed. */
async function settle(): Promise<void> {
  expect((await request('POST', '/_local/usage/settle')).status).toBe(200);
  expect((await request('POST', '/_local/events/settle')).status).toBe(200);
}

const classOf = (status: number) =>
  status === 429 ? '429' : status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx';

/** What a client saw, tallied as the report should: per status class and per operation. */
function tally(sent: readonly { operation: string; response: ApiResponse }[]) {
  const by_status = { '2xx': 0, '3xx': 0, '4xx': 0, '429': 0, '5xx': 0 };
  const operations: Record<string, number> = {};
  for (const { operation, response } of sent) {
    by_status[classOf(response.status)] += 1;
    operations[operation] = (operations[operation] ?? 0) + 1;
  }
  return { requests: sent.length, by_status, operations };
}

function expectCredential(actual: Credential | undefined, expected: ReturnType<typeof tally>, today: string) {
  expect(actual?.requests).toBe(expected.requests);
  expect(actual?.by_status).toEqual(expected.by_status);
  expect(
    Object.fromEntries((actual?.by_operation ?? []).map((entry) => [entry.operation, entry.requests])),
  ).toEqual(expected.operations);
  expect(actual?.daily.find((day) => day.date === today)?.requests).toBe(expected.requests);
  expect(actual?.daily.filter((day) => day.date !== today).every((day) => day.requests === 0)).toBe(true);
  const { p50, p95 } = actual?.latency_ms ?? { p50: null, p95: null };
  expect(p50).not.toBeNull();
  expect(p50).toBeLessThanOrEqual(p95 ?? -1);
}

async function usageOf(orgId: string, query = 'period=7d') {
  return operator.call<Report>('GET', `/api/v1/analytics/usage?org_id=${orgId}&${query}`);
}

describe('API usage', () => {
  it('shows exactly the requests each key and the signed-in people sent, by status class and operation, and counts them on the keys', async () => {
    const { orgId, owner, admin } = await organization(METERED_TEST_PLAN);
    const [a, b] = [await newKey(admin, 'Integration A'), await newKey(admin, 'Integration B')];
    const sent = { a: [], b: [], people: [] } as Record<
      'a' | 'b' | 'people',
      { operation: string; response: ApiResponse }[]
    >;
    const bracket: Record<'a' | 'b', { from: number; to: number }> = {
      a: { from: 0, to: 0 },
      b: { from: 0, to: 0 },
    };
    const send = async (who: 'a' | 'b' | 'people', operation: string, path: string) => {
      const call = who === 'a' ? a.call : who === 'b' ? b.call : owner;
      const from = Date.now();
      const response = await call('GET', path);
      if (who !== 'people') bracket[who] = { from, to: Date.now() };
      sent[who].push({ operation, response });
    };

    // Key A: successes and not-founds on three operations.
    for (let i = 0; i < 3; i++) await send('a', 'listAccounts', '/api/v1/accounts');
    for (let i = 0; i < 2; i++) await send('a', 'getAccount', `/api/v1/accounts/${NOWHERE}`);
    await send('a', 'listFaqs', '/api/v1/faqs');
    // Key B: two past its monthly quota of 10, which API Gateway's usage plan answers 429.
    for (let i = 0; i < METERED_TEST_QUOTA + 2; i++) await send('b', 'listAccounts', '/api/v1/accounts');
    // The owner, signed in.
    await send('people', 'listAccounts', '/api/v1/accounts');
    await send('people', 'getAccount', `/api/v1/accounts/${NOWHERE}`);
    await settle();
    const report = await usageOf(orgId);
    const keys = await operator.call<{ api_keys: KeyView[] }>(
      'GET',
      `/api/v1/organizations/${orgId}/api-keys`,
    );
    const today = new Date().toISOString().slice(0, 10);

    expect(report.status, report.text).toBe(200);
    expect(sent.b.filter(({ response }) => response.status === 429)).toHaveLength(2);
    expect(report.body.organization_id).toBe(orgId);
    expect(report.body.period).toMatchObject({ to: today, days: 7 });
    expectCredential(
      report.body.api_keys.find((key) => key.id === a.id),
      tally(sent.a),
      today,
    );
    expectCredential(
      report.body.api_keys.find((key) => key.id === b.id),
      tally(sent.b),
      today,
    );
    expect(report.body.api_keys.map((key) => [key.id, key.name])).toEqual([
      [b.id, 'Integration B'],
      [a.id, 'Integration A'],
    ]);
    expectCredential(report.body.signed_in, tally(sent.people), today);
    expectCredential(report.body, tally([...sent.a, ...sent.b, ...sent.people]), today);
    for (const [key, who] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      const view = keys.body.api_keys.find((candidate) => candidate.id === key.id);
      expect(view?.request_count).toBe(sent[who].length);
      expect(view?.last_used_at).toBe(view?.last_used);
      const lastUsed = Date.parse(view?.last_used_at ?? '');
      expect(lastUsed).toBeGreaterThanOrEqual(bracket[who].from);
      expect(lastUsed).toBeLessThanOrEqual(bracket[who].to);
    }
  });

  it('counts nothing a second time: reading the report and the keys adds only those reads', async () => {
    const { orgId, admin } = await organization('enterprise');
    const key = await newKey(admin, 'Reader');
    expect((await key.call('GET', '/api/v1/accounts')).status).toBe(200);
    await settle();
    const first = await key.call<Report>('GET', '/api/v1/analytics/usage');
    await settle();
    const second = await key.call<Report>('GET', `/api/v1/analytics/usage?org_id=${orgId}&period=90d`);

    expect(first.status, first.text).toBe(200);
    expect(first.body.api_keys[0]?.by_operation.map((entry) => entry.operation)).toEqual(['listAccounts']);
    expect(second.body.period.days).toBe(90);
    expect(second.body.api_keys[0]?.requests).toBe(2);
    expect(second.body.api_keys[0]?.by_operation.map((entry) => [entry.operation, entry.requests])).toEqual([
      ['getApiUsage', 1],
      ['listAccounts', 1],
    ]);
  });

  it("keeps another organization's usage out of reach: 404 for its members and keys, 400 for an operator naming none", async () => {
    const mine = await organization('enterprise');
    const theirs = await organization('enterprise');
    const key = await newKey(mine.admin, 'Prober');

    const byOwner = await mine.owner('GET', `/api/v1/analytics/usage?org_id=${theirs.orgId}`);
    const byKey = await key.call('GET', `/api/v1/analytics/usage?org_id=${theirs.orgId}`);
    const unnamed = await operator.call('GET', '/api/v1/analytics/usage');
    const own = await mine.owner<Report>('GET', '/api/v1/analytics/usage?from=2026-01-01&to=2026-01-31');

    expect(byOwner.status, byOwner.text).toBe(404);
    expect(byKey.status, byKey.text).toBe(404);
    expect(unnamed.status, unnamed.text).toBe(400);
    expect(own.status, own.text).toBe(200);
    expect(own.body).toMatchObject({ organization_id: mine.orgId, period: { from: '2026-01-01', days: 31 } });
  });
});

type Event = { id: string; type: string; data: Record<string, unknown> };

/** The events the organization committed of one type (its outbox), whoever consumed them. */
async function eventsOf(orgId: string, type: string): Promise<Event[]> {
  const items = await partition(`${orgId}#outbox`);
  return items.map((item) => item.event as Event).filter((event) => event.type === type);
}

describe('quota warnings', () => {
  it('warns once when a key and its organization reach 80 % and once at 100 % of the monthly quota, by event and by mail', async () => {
    const { orgId, admin } = await organization(METERED_TEST_PLAN);
    const recipient = uniqueEmail('quota-watch');
    const settings = await admin.call('PUT', '/api/v1/notifications/settings', {
      body: {
        channels: { email: { recipients: [recipient], language: 'en' } },
        rules: [{ event: 'api_quota.*', channels: ['email'] }],
      },
    });
    expect(settings.status, settings.text).toBe(200);
    const key = await newKey(admin, 'Busy');
    const eighty = (METERED_TEST_QUOTA * 80) / 100;

    // One request per batch up to 80 %, then past it: the threshold is reached once, and stays reached.
    for (let i = 0; i < eighty + 1; i++) {
      expect((await key.call('GET', '/api/v1/faqs')).status).toBe(200);
      await settle();
    }
    const atEighty = await eventsOf(orgId, 'api_quota.threshold_reached');
    for (let i = eighty + 1; i < METERED_TEST_QUOTA + 3; i++) await key.call('GET', '/api/v1/faqs');
    await settle();
    const warnings = await eventsOf(orgId, 'api_quota.threshold_reached');
    const mail = await request<{
      emails: { destination: { to: string[] }; subject: string; body: { text: string } }[];
    }>('GET', '/_local/mail');
    const mailed = mail.body.emails.filter((item) => item.destination.to.includes(recipient));

    const described = (events: Event[]) =>
      events.map(({ data }) => `${data.subject} ${data.api_key_id ?? '-'} ${data.percent}`).sort();
    expect(described(atEighty)).toEqual([`api_key ${key.id} 80`, 'organization - 80']);
    expect(described(warnings)).toEqual([
      `api_key ${key.id} 100`,
      `api_key ${key.id} 80`,
      'organization - 100',
      'organization - 80',
    ]);
    expect(warnings.find((event) => event.data.percent === 100)?.data).toMatchObject({
      used: METERED_TEST_QUOTA,
      limit: METERED_TEST_QUOTA,
      plan: METERED_TEST_PLAN,
    });
    expect(mailed).toHaveLength(4);
    // The warning's own template, not the generic event mail.
    expect(mailed.map((item) => item.subject.replace(/^\[[^\]]*\] /, '')).sort()).toEqual([
      '100% of the monthly API quota used',
      '100% of the monthly API quota used',
      '80% of the monthly API quota used',
      '80% of the monthly API quota used',
    ]);
    const texts = mail.body.emails
      .filter((item) => item.destination.to.includes(recipient))
      .map((item) => item.body.text);
    expect(texts.filter((text) => text.includes(`The API key ${key.id} has made`))).toHaveLength(2);
    expect(texts.filter((text) => text.includes('Further requests are refused (HTTP 429)'))).toHaveLength(2);
    expect(texts.every((text) => text.includes(`of the ${METERED_TEST_QUOTA} API requests`))).toBe(true);
  });
});

describe('API key expiry warnings', () => {
  it('come 30, 7 and 1 days before a key expires, once each however often the daily job runs', async () => {
    const { orgId, admin } = await organization('enterprise');
    const recipient = uniqueEmail('expiry-watch');
    const settings = await admin.call('PUT', '/api/v1/notifications/settings', {
      body: {
        channels: { email: { recipients: [recipient], language: 'de' } },
        rules: [{ event: 'api_key.expiring', channels: ['email'] }],
      },
    });
    expect(settings.status, settings.text).toBe(200);
    const created = Date.now();
    const key = await newKey(admin, 'Expiring', { expires_in_days: 31 });
    const run = async (daysLater: number) => {
      const now = new Date(created + daysLater * 86_400_000 + 3_600_000).toISOString();
      const result = await request('POST', `/_local/jobs/api-key-expiry-warnings?now=${now}`);
      expect(result.status, result.text).toBe(200);
    };

    for (const day of [0, 1, 1, 2, 23, 24, 24, 29, 30, 30]) await run(day);
    await settle();
    const warnings = await eventsOf(orgId, 'api_key.expiring');

    expect(
      warnings.map(({ data }) => [(data.api_key as { id: string }).id, data.days_before]).sort(),
    ).toEqual([
      [key.id, 1],
      [key.id, 30],
      [key.id, 7],
    ]);
    // In the recipients' language, with the days in words.
    const subjects = (await mailsTo(recipient)).map((item) => item.subject.replace(/^\[[^\]]*\] /, ''));
    expect(subjects.sort()).toEqual([
      'API-Schlüssel Expiring läuft in 30 Tagen ab',
      'API-Schlüssel Expiring läuft in 7 Tagen ab',
      'API-Schlüssel Expiring läuft morgen ab',
    ]);
  });
});
