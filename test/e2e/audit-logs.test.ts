import { describe, expect, inject, it } from 'vitest';
import { routes } from '#services/registry';
import type { CataloguedEvent, DomainEvent } from '#shared/events/envelope';
import { type ApiResponse, newTenant, request, type TestTenant } from '../support/api.ts';
import { uniqueEmail } from '../support/people.ts';
import { partition, useTableFromThisProcess } from '../support/table.ts';

const operator = inject('operator');
const PASSWORD = 'A-strong-passw0rd!';
const USER_AGENT = 'audit-log-test/1.0 (+https://example.com/ci)';

interface AuditEntry {
  id: string;
  tenant_id: string;
  occurred_at: string;
  action: string;
  actor: {
    type: string;
    id: string;
    credential: string | null;
    ip: string | null;
    user_agent: string | null;
  };
  target: { type: string; id: string } | null;
  summary: {
    description: string;
    changed?: string[];
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
  };
}
interface AuditPage {
  audit_logs: AuditEntry[];
  has_more: boolean;
  next_cursor: string | null;
}

const withAgent = { 'User-Agent': USER_AGENT };

/** Waits for every event to reach the audit log; none of this file's events may break the catalogue or fail. */
async function settle(): Promise<void> {
  const settled = await request<{ violations: unknown[]; failures: { rule: string }[] }>(
    'POST',
    '/_local/events/settle',
  );
  expect(settled.status, settled.text).toBe(200);
  expect(JSON.stringify(settled.body.violations)).not.toMatch(/auth\.login/);
  expect(settled.body.failures.filter((failure) => failure.rule === 'audit-writer')).toEqual([]);
}

async function auditLog(
  caller: Pick<TestTenant, 'call'>,
  query: Record<string, string> = {},
): Promise<ApiResponse<AuditPage>> {
  const search = new URLSearchParams({ limit: '100', ...query }).toString();
  return caller.call<AuditPage>('GET', `/api/v1/audit-logs?${search}`);
}

async function entries(caller: Pick<TestTenant, 'call'>, query: Record<string, string> = {}) {
  const page = await auditLog(caller, query);
  expect(page.status, page.text).toBe(200);
  return page.body.audit_logs;
}

async function createAccount(tenant: TestTenant, title: string): Promise<string> {
  const created = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
    body: { title },
    headers: withAgent,
  });
  expect(created.status, created.text).toBe(201);
  return created.body.id;
}

/** Invites a person into the tenant, who accepts with a password: their user id and email. */
async function join(tenant: TestTenant, role: string): Promise<{ id: string; email: string }> {
  const email = uniqueEmail(role, 'audit.example');
  const invited = await tenant.call('POST', '/api/v1/users', { body: { email, role } });
  expect(invited.status, invited.text).toBe(201);
  const mail = await request<{ emails: unknown[] }>('GET', '/_local/mail');
  const message = mail.body.emails.filter((item) => JSON.stringify(item).includes(email)).at(-1);
  const token = decodeURIComponent(JSON.stringify(message ?? {}).match(/token=([A-Za-z0-9%]+)/)?.[1] ?? '');
  const accepted = await request<{ id: string }>('POST', '/api/v1/invitations/accept', {
    body: { token, password: PASSWORD },
  });
  expect(accepted.status, accepted.text).toBe(201);
  return { id: accepted.body.id, email };
}

function signIn(email: string, password: string) {
  return request<{ accessToken: string }>('POST', '/api/v1/login', {
    body: { email, password },
    headers: withAgent,
  });
}

describe('the audit log', () => {
  it('records every change with actor, credential, IP, user agent and a before/after summary, newest first', async () => {
    const tenant = newTenant();
    const accountId = await createAccount(tenant, 'Acme');
    await tenant.call('PATCH', `/api/v1/accounts/${accountId}`, {
      body: { title: 'Acme AG' },
      headers: withAgent,
    });
    await tenant.call('DELETE', `/api/v1/accounts/${accountId}`, { headers: withAgent });
    await settle();

    const log = await entries(tenant);

    expect(log.map((entry) => entry.action)).toEqual([
      'account.deleted',
      'account.updated',
      'account.created',
    ]);
    for (const entry of log) {
      expect(entry.tenant_id).toBe(tenant.tenantId);
      expect(entry.id).toMatch(/^evt_/);
      expect(entry.target).toEqual({ type: 'account', id: accountId });
      expect(entry.actor).toMatchObject({
        type: 'development',
        credential: 'development',
        user_agent: USER_AGENT,
      });
      expect(entry.actor.ip).toEqual(expect.any(String));
      expect(entry.actor.ip?.length).toBeGreaterThan(0);
    }
    const [deleted, updated, created] = log;
    expect(updated?.summary).toMatchObject({ changed: ['title'], after: { title: 'Acme AG' } });
    expect(created?.summary.after).toMatchObject({ id: accountId, title: 'Acme' });
    expect(deleted?.summary.before).toMatchObject({ id: accountId, title: 'Acme AG' });
    expect(created?.summary.description).toContain('Acme');
  });

  it('records API keys created, used, rotated and revoked by key id, and never a secret', async () => {
    const tenant = newTenant();
    const created = await tenant.call<{ data: { apiKey: { id: string; key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      { body: { name: 'CI pipeline', key_type: 'read_write' }, headers: withAgent },
    );
    expect(created.status, created.text).toBe(201);
    const { id: keyId, key: secret } = created.body.data.apiKey;
    const byKey = await request<{ id: string }>('POST', '/api/v1/accounts', {
      token: secret,
      body: { title: 'Made by a key' },
      headers: withAgent,
    });
    expect(byKey.status, byKey.text).toBe(201);
    const rotated = await tenant.call<{ key: string }>(
      'POST',
      `/api/v1/integrations/api-keys/${keyId}/rotate`,
    );
    expect(rotated.status, rotated.text).toBe(200);
    expect((await tenant.call('DELETE', `/api/v1/integrations/api-keys/${keyId}`)).status).toBe(204);
    await settle();

    const log = await entries(tenant);
    const stored = JSON.stringify(await partition(`${tenant.tenantId}#audit`));

    expect(log.map((entry) => entry.action)).toEqual([
      'api_key.revoked',
      'api_key.rotated',
      'account.created',
      'api_key.created',
    ]);
    expect(log.filter((entry) => entry.action.startsWith('api_key.')).map((entry) => entry.target)).toEqual([
      { type: 'api_key', id: keyId },
      { type: 'api_key', id: keyId },
      { type: 'api_key', id: keyId },
    ]);
    expect(log[2]?.actor).toMatchObject({
      type: 'api_key',
      id: keyId,
      credential: keyId,
      user_agent: USER_AGENT,
    });
    expect(log[3]?.summary.after).toMatchObject({ id: keyId, name: 'CI pipeline' });
    for (const text of [JSON.stringify(log), stored]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(rotated.body.key);
      expect(text).not.toMatch(/sk_live_[A-Za-z0-9]{8}/);
    }
  });

  it('records a role change with the role before and after, targeting the member', async () => {
    const tenant = newTenant();
    const member = await join(tenant, 'viewer');
    const changed = await tenant.call('PATCH', `/api/v1/users/${member.id}`, {
      body: { role: 'editor' },
      headers: withAgent,
    });
    expect(changed.status, changed.text).toBe(200);
    await settle();

    const [roleChange] = await entries(tenant, { action: 'user.role_changed' });

    expect(roleChange).toMatchObject({
      action: 'user.role_changed',
      target: { type: 'user', id: member.id },
      summary: { changed: ['role'], before: { role: 'viewer' }, after: { role: 'editor' } },
      actor: { user_agent: USER_AGENT },
    });
  });

  it('filters by action (exact or prefix), actor, target and time range', async () => {
    const tenant = newTenant();
    const first = await createAccount(tenant, 'First');
    const second = await createAccount(tenant, 'Second');
    await tenant.call('PATCH', `/api/v1/accounts/${second}`, { body: { title: 'Second AG' } });
    const faq = await tenant.call<{ id: string }>('POST', '/api/v1/faqs', {
      body: { question: 'Q?', answer: 'A.' },
    });
    const keyCreated = await tenant.call<{ data: { apiKey: { id: string; key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      { body: { name: 'Writer', key_type: 'read_write' } },
    );
    const key = keyCreated.body.data.apiKey;
    await request('POST', '/api/v1/accounts', { token: key.key, body: { title: 'By key' } });
    await settle();
    const all = await entries(tenant);
    const developer = all.find((entry) => entry.actor.type === 'development')?.actor.id ?? '';

    const exact = await entries(tenant, { action: 'account.updated' });
    const prefix = await entries(tenant, { action: 'account.*' });
    const byKey = await entries(tenant, { actor_id: key.id });
    const byDeveloper = await entries(tenant, { actor_id: developer });
    const aboutSecond = await entries(tenant, { target_id: second });
    const aboutFaq = await entries(tenant, { target_id: faq.body.id, action: 'faq.*' });
    // Oldest first: the two accounts' creations, then the update.
    const chronological = [...all].reverse();
    const [firstAt, secondAt, updateAt] = chronological.map((entry) => entry.occurred_at);
    const window = await entries(tenant, { since: secondAt ?? '', until: updateAt ?? '' });
    const fromSecond = await entries(tenant, { since: secondAt ?? '' });
    const untilFirst = await entries(tenant, { until: firstAt ?? '' });

    expect(all).toHaveLength(6);
    expect(exact.map((entry) => entry.target?.id)).toEqual([second]);
    expect(prefix.map((entry) => entry.action)).toEqual([
      'account.created',
      'account.updated',
      'account.created',
      'account.created',
    ]);
    expect(byKey.map((entry) => entry.action)).toEqual(['account.created']);
    expect(byDeveloper).toHaveLength(5);
    expect(aboutSecond.map((entry) => entry.action)).toEqual(['account.updated', 'account.created']);
    expect(aboutFaq.map((entry) => entry.action)).toEqual(['faq.created']);
    expect(window.map((entry) => entry.target?.id)).toEqual([second, second]);
    expect(fromSecond).toHaveLength(5);
    expect(untilFirst.map((entry) => entry.target?.id)).toEqual([first]);
  });

  it('refuses malformed filters with 400', async () => {
    const tenant = newTenant();

    const responses = await Promise.all([
      auditLog(tenant, { action: 'account' }),
      auditLog(tenant, { action: '*' }),
      auditLog(tenant, { since: 'yesterday' }),
      auditLog(tenant, { since: '2025-02-01T00:00:00Z', until: '2025-01-01T00:00:00Z' }),
      auditLog(tenant, { org_id: 'platform' }),
    ]);

    expect(responses.map((response) => response.status)).toEqual([400, 400, 400, 400, 400]);
  });

  it('pages through a filtered log newest first, without losing or repeating an entry', async () => {
    const tenant = newTenant();
    const accounts: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      accounts.push(await createAccount(tenant, `Paged ${index}`));
      await tenant.call('POST', '/api/v1/faqs', { body: { question: `Q${index}?`, answer: 'A.' } });
    }
    await settle();

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ApiResponse<AuditPage> = await auditLog(tenant, {
        action: 'account.created',
        limit: '2',
        ...(cursor ? { cursor } : {}),
      });
      expect(page.status, page.text).toBe(200);
      expect(page.body.audit_logs.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.audit_logs.map((entry) => entry.target?.id ?? ''));
      cursor = page.body.next_cursor;
      expect(page.body.has_more).toBe(cursor !== null);
      pages += 1;
    } while (cursor && pages < 10);

    expect(seen).toEqual([...accounts].reverse());
    expect(pages).toBe(3);
  });

  it('writes one entry for an event delivered twice', async () => {
    const tenant = newTenant();
    const accountId = await createAccount(tenant, 'Twice');
    await settle();
    useTableFromThisProcess();
    const { auditConsumers } = await import('#services/audit/consumers');
    const { recordAuditEntry } = await import('#services/audit/record-audit-entry');
    const [outbox] = (await partition(`${tenant.tenantId}#outbox`)) as { event: DomainEvent }[];
    const event = outbox?.event as CataloguedEvent;
    const writer = auditConsumers.find((consumer) => consumer.name === 'audit-writer');

    // The platform's own delivery happened already; these are the redeliveries the bus may make.
    await writer?.handle(event, { busEventId: 'redelivery-1', now: new Date() });
    await writer?.handle(event, { busEventId: 'redelivery-2', now: new Date() });
    const wroteAgain = await recordAuditEntry(event);
    const log = await entries(tenant);

    expect(wroteAgain).toBe(false);
    expect(log.map((entry) => [entry.id, entry.target?.id])).toEqual([[event.id, accountId]]);
  });

  it("keeps each tenant's log to itself; operators read any organization's with org_id", async () => {
    const owner = newTenant();
    const stranger = newTenant();
    const accountId = await createAccount(owner, 'Private');
    await settle();
    const platformOperator = newTenant({ operator: true });

    const strangers = await entries(stranger);
    const namedByStranger = await auditLog(stranger, { org_id: owner.tenantId });
    const namedByOwner = await entries(owner, { org_id: owner.tenantId });
    const byOperator = await entries(platformOperator, { org_id: owner.tenantId });
    const operatorPage = await auditLog(platformOperator, { org_id: owner.tenantId, limit: '1' });
    const replayedCursor = await auditLog(stranger, { cursor: operatorPage.body.next_cursor ?? 'x' });

    expect(strangers).toEqual([]);
    expect(namedByStranger.status).toBe(404);
    expect(namedByStranger.text).not.toContain(accountId);
    expect(namedByOwner.map((entry) => entry.target?.id)).toEqual([accountId]);
    expect(byOperator.map((entry) => entry.target?.id)).toEqual([accountId]);
    expect(replayedCursor.status).toBe(400);
  });

  it('refuses the audit log to roles without audit_logs:read', async () => {
    const editor = newTenant({ role: 'editor', scopes: ['accounts:read', 'accounts:write'] });

    const response = await auditLog(editor);

    expect(response.status).toBe(403);
  });

  it('records sign-ins and refused sign-ins in the member’s organization, never the password', async () => {
    const tenant = newTenant();
    const member = await join(tenant, 'viewer');
    const wrongPassword = 'Not-the-passw0rd-42!';

    expect((await signIn(member.email, PASSWORD)).status).toBe(200);
    expect((await signIn(member.email, wrongPassword)).status).toBe(401);
    await settle();
    const signIns = await entries(tenant, { action: 'auth.*' });
    const stored = JSON.stringify(await partition(`${tenant.tenantId}#audit`));

    expect(signIns.map((entry) => entry.action)).toEqual(['auth.login_failed', 'auth.login_succeeded']);
    for (const entry of signIns) {
      expect(entry.actor).toMatchObject({
        type: 'user',
        id: member.id,
        credential: 'session',
        user_agent: USER_AGENT,
      });
      expect(entry.actor.ip).toEqual(expect.any(String));
      expect(entry.target).toEqual({ type: 'user', id: member.id });
      expect(entry.summary.description).toContain(member.email);
    }
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(wrongPassword);
  });

  it("records an unknown email's refused sign-in in the platform's log, which operators read", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const email = uniqueEmail('nobody', 'audit.example');
    expect((await signIn(email, 'Whatever-passw0rd!')).status).toBe(401);
    const session = await signIn(operator.email, operator.password);
    expect(session.status).toBe(200);
    await settle();
    const asOperator = {
      call: <T>(method: string, path: string) =>
        request<T>(method, path, { token: session.body.accessToken }),
    };

    const failed = await entries(asOperator, { action: 'auth.login_failed', since });
    const succeeded = await entries(asOperator, { action: 'auth.login_succeeded', since });

    expect(failed.find((entry) => entry.summary.description.includes(email))).toMatchObject({
      tenant_id: 'platform',
      actor: { type: 'user', id: 'anonymous', user_agent: USER_AGENT },
      target: null,
    });
    expect(succeeded.some((entry) => entry.actor.type === 'operator' && entry.tenant_id === 'platform')).toBe(
      true,
    );
  });

  it('offers no route that changes or deletes an entry', async () => {
    const tenant = newTenant();
    await createAccount(tenant, 'Kept');
    await settle();

    const writes = routes.filter(
      (route) => route.path.startsWith('/api/v1/audit-logs') && route.method !== 'GET',
    );
    const patch = await tenant.call('PATCH', '/api/v1/audit-logs', { body: {} });
    const remove = await tenant.call('DELETE', '/api/v1/audit-logs');

    expect(writes).toEqual([]);
    expect([404, 405]).toContain(patch.status);
    expect([404, 405]).toContain(remove.status);
    expect(await entries(tenant)).toHaveLength(1);
  });
});
