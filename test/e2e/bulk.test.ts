import { describe, expect, it } from 'vitest';
import { newTenant, type TestTenant } from '../support/api.ts';
import { partition } from '../support/table.ts';

// 100 commits on DynamoDB Local take far longer than on DynamoDB when the machine is busy.
const HUNDRED_WRITES = { timeout: 120_000 };

interface BulkResult {
  index: number;
  status: number;
  id?: string;
  account?: { id: string; title: string; contacts: unknown[] };
  document?: { id: string; title: string; access_level: string };
  error?: { type: string; message: string; param?: string };
}
interface BulkOutcome {
  results: BulkResult[];
  succeeded: number;
  failed: number;
  all_or_nothing: boolean;
  error?: { type: string; message: string; param?: string };
}

const accountCreate = (n: number) => ({
  op: 'create',
  data: {
    title: `Customer ${n}`,
    contacts: [
      { email: `security-${n}@customer${n}.example`, first_name: 'Ada', last_name: 'Lovelace' },
      { email: `legal-${n}@customer${n}.example`, first_name: 'Alan', last_name: 'Turing', title: 'Counsel' },
    ],
    email_domains: [`customer${n}.example`],
  },
});
const documentCreate = (n: number) => ({
  op: 'create',
  data: { title: `Policy ${n}`, access_level: 'restricted', category: 'policies' },
});
const unknownAccountId = 'acc_01JD3Q6V9Z8X7W6V5T4S3R2Q1P';
const unknownDocumentId = 'doc_01JD3Q6V9Z8X7W6V5T4S3R2Q1P';

async function outboxEvents(tenant: TestTenant): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const items = (await partition(`${tenant.tenantId}#outbox`)) as { event: { type: string; data: never } }[];
  return items.map((item) => item.event);
}

async function createOne(tenant: TestTenant, path: string, body: unknown): Promise<string> {
  const created = await tenant.call<{ id: string }>('POST', path, { body });
  expect(created.status).toBe(201);
  return created.body.id;
}

describe('bulk accounts', () => {
  it(
    'creates 100 accounts in one request, lists them all, and emits one account.created each',
    HUNDRED_WRITES,
    async () => {
      const tenant = newTenant();
      const operations = Array.from({ length: 100 }, (_, n) => accountCreate(n));

      const bulk = await tenant.call<BulkOutcome>('POST', '/api/v1/accounts/bulk', { body: { operations } });

      expect(bulk.status).toBe(200);
      expect(bulk.body).toMatchObject({ succeeded: 100, failed: 0, all_or_nothing: false });
      expect(bulk.body.results.map((result) => [result.index, result.status])).toEqual(
        operations.map((_, index) => [index, 201]),
      );
      expect(bulk.body.results[7]?.account).toMatchObject({ title: 'Customer 7', contacts: [{}, {}] });
      const listed = await tenant.call<{ accounts: { id: string }[] }>('GET', '/api/v1/accounts?limit=100');
      expect(listed.body.accounts.map((account) => account.id).sort()).toEqual(
        bulk.body.results.map((result) => result.id).sort(),
      );
      const events = await outboxEvents(tenant);
      expect(events.filter((event) => event.type === 'account.created')).toHaveLength(100);
      expect(events).toHaveLength(100);
    },
  );

  it('answers each operation on its own: invalid, unknown id and stale if_match fail, the good ones are written', async () => {
    const tenant = newTenant();
    const first = await createOne(tenant, '/api/v1/accounts', { title: 'First' });
    const second = await createOne(tenant, '/api/v1/accounts', { title: 'Second' });

    const bulk = await tenant.call<BulkOutcome>('POST', '/api/v1/accounts/bulk', {
      body: {
        operations: [
          accountCreate(1),
          { op: 'create', data: { description: 'no title' } },
          { op: 'update', id: unknownAccountId, data: { title: 'Ghost' } },
          { op: 'update', id: first, data: { title: 'Stale' }, if_match: '"7"' },
          { op: 'update', id: second, data: { title: 'Second, renamed' }, if_match: '"1"' },
        ],
      },
    });

    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ succeeded: 2, failed: 3, all_or_nothing: false });
    expect(bulk.body.results.map((result) => result.status)).toEqual([201, 400, 404, 412, 200]);
    expect(bulk.body.results[1]?.error).toMatchObject({
      type: 'validation_error',
      param: 'operations[1].data.title',
    });
    expect(bulk.body.results[2]).toMatchObject({
      id: unknownAccountId,
      error: { type: 'not_found', param: 'operations[2].id' },
    });
    expect(bulk.body.results[3]).toMatchObject({
      id: first,
      error: { type: 'precondition_failed', param: 'operations[3].if_match' },
    });
    expect(bulk.body.results[4]?.account?.title).toBe('Second, renamed');
    const renamed = await tenant.call<{ title: string }>('GET', `/api/v1/accounts/${second}`);
    expect(renamed.body.title).toBe('Second, renamed');
    expect(renamed.headers.get('etag')).toBe('"2"');
    expect((await tenant.call<{ title: string }>('GET', `/api/v1/accounts/${first}`)).body.title).toBe(
      'First',
    );
    const created = await tenant.call('GET', `/api/v1/accounts/${bulk.body.results[0]?.id}`);
    expect(created.status).toBe(200);
    expect((await outboxEvents(tenant)).map((event) => event.type).sort()).toEqual([
      'account.created',
      'account.created',
      'account.created',
      'account.updated',
    ]);
  });

  it('writes nothing with all_or_nothing when one operation fails, and says which would have succeeded', async () => {
    const tenant = newTenant();
    const existing = await createOne(tenant, '/api/v1/accounts', { title: 'Existing' });
    const outboxBefore = await outboxEvents(tenant);

    const bulk = await tenant.call<BulkOutcome>('POST', '/api/v1/accounts/bulk', {
      body: {
        all_or_nothing: true,
        operations: [
          accountCreate(1),
          { op: 'update', id: existing, data: { title: 'Renamed' } },
          { op: 'create', data: { title: 'Bad', contacts: [{ email: 'not-an-email' }] } },
        ],
      },
    });

    expect(bulk.status).toBe(400);
    expect(bulk.body.error).toMatchObject({
      type: 'validation_error',
      param: 'operations[2].data.contacts[0].email',
    });
    expect(bulk.body).toMatchObject({ succeeded: 0, failed: 3, all_or_nothing: true });
    expect(bulk.body.results.map((result) => result.status)).toEqual([424, 424, 400]);
    expect(bulk.body.results[0]?.error?.type).toBe('not_attempted');
    const listed = await tenant.call<{ accounts: { title: string }[] }>('GET', '/api/v1/accounts');
    expect(listed.body.accounts.map((account) => account.title)).toEqual(['Existing']);
    expect(await outboxEvents(tenant)).toEqual(outboxBefore);
  });

  it('refuses an all_or_nothing update of an unknown id, a stale if_match or an id named twice', async () => {
    const tenant = newTenant();
    const existing = await createOne(tenant, '/api/v1/accounts', { title: 'Existing' });

    const bulk = await tenant.call<BulkOutcome>('POST', '/api/v1/accounts/bulk', {
      body: {
        all_or_nothing: true,
        operations: [
          { op: 'update', id: existing, data: { title: 'A' }, if_match: '"1"' },
          { op: 'update', id: existing, data: { title: 'B' } },
          { op: 'update', id: unknownAccountId, data: { title: 'C' } },
          { op: 'update', id: existing, data: { title: 'D' }, if_match: '"2"' },
        ],
      },
    });

    expect(bulk.status).toBe(400);
    expect(bulk.body.results.map((result) => result.status)).toEqual([424, 400, 404, 400]);
    expect(bulk.body.results[1]?.error?.param).toBe('operations[1].id');
    expect(bulk.body.error?.param).toBe('operations[1].id');
    expect((await tenant.call<{ title: string }>('GET', `/api/v1/accounts/${existing}`)).body.title).toBe(
      'Existing',
    );
  });

  it('commits 50 all_or_nothing operations in one transaction with one event each', async () => {
    const tenant = newTenant();
    const existing = await createOne(tenant, '/api/v1/accounts', { title: 'Existing' });
    const operations = [
      { op: 'update', id: existing, data: { nda: { status: 'click_through' } }, if_match: '"1"' },
      ...Array.from({ length: 49 }, (_, n) => accountCreate(n)),
    ];

    const bulk = await tenant.call<BulkOutcome>('POST', '/api/v1/accounts/bulk', {
      body: { all_or_nothing: true, operations },
    });

    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ succeeded: 50, failed: 0, all_or_nothing: true });
    expect(bulk.body.results[0]).toMatchObject({ index: 0, status: 200, id: existing });
    expect(bulk.body.results.slice(1).every((result) => result.status === 201)).toBe(true);
    const events = await outboxEvents(tenant);
    expect(events.filter((event) => event.type === 'account.created')).toHaveLength(50);
    expect(events.filter((event) => event.type === 'account.updated')).toHaveLength(1);
  });

  it('refuses more than 50 operations with all_or_nothing and more than 100 without', async () => {
    const tenant = newTenant();

    const atomic = await tenant.call<BulkOutcome>('POST', '/api/v1/accounts/bulk', {
      body: { all_or_nothing: true, operations: Array.from({ length: 51 }, (_, n) => accountCreate(n)) },
    });
    const tooMany = await tenant.call<BulkOutcome>('POST', '/api/v1/accounts/bulk', {
      body: { operations: Array.from({ length: 101 }, (_, n) => accountCreate(n)) },
    });
    const none = await tenant.call<BulkOutcome>('POST', '/api/v1/accounts/bulk', {
      body: { operations: [] },
    });

    expect(atomic.status).toBe(400);
    expect(atomic.body.error).toMatchObject({ type: 'validation_error', param: 'operations' });
    expect(atomic.body.error?.message).toContain('50');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ type: 'validation_error', param: 'operations' });
    expect(none.status).toBe(400);
    expect((await tenant.call<{ accounts: unknown[] }>('GET', '/api/v1/accounts')).body.accounts).toEqual([]);
  });

  it('replays a bulk request sent again with the same Idempotency-Key without writing twice', async () => {
    const tenant = newTenant();
    const request = {
      body: { operations: Array.from({ length: 20 }, (_, n) => accountCreate(n)) },
      headers: { 'Idempotency-Key': 'bulk-import-1' },
    };

    const first = await tenant.call<BulkOutcome>('POST', '/api/v1/accounts/bulk', request);
    const again = await tenant.call<BulkOutcome>('POST', '/api/v1/accounts/bulk', request);

    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const listed = await tenant.call<{ accounts: unknown[] }>('GET', '/api/v1/accounts?limit=100');
    expect(listed.body.accounts).toHaveLength(20);
  });
});

describe('bulk documents', () => {
  it(
    'creates 100 documents in one request, lists them all, and emits one document.created each',
    HUNDRED_WRITES,
    async () => {
      const tenant = newTenant();
      const operations = Array.from({ length: 100 }, (_, n) => documentCreate(n));

      const bulk = await tenant.call<BulkOutcome>('POST', '/api/v1/documents/bulk', { body: { operations } });

      expect(bulk.status).toBe(200);
      expect(bulk.body).toMatchObject({ succeeded: 100, failed: 0 });
      expect(
        bulk.body.results.every((result, index) => result.index === index && result.status === 201),
      ).toBe(true);
      expect(bulk.body.results[3]?.document).toMatchObject({ title: 'Policy 3', access_level: 'restricted' });
      const listed = await tenant.call<{ documents: { id: string }[] }>('GET', '/api/v1/documents?limit=100');
      expect(listed.body.documents.map((document) => document.id).sort()).toEqual(
        bulk.body.results.map((result) => result.id).sort(),
      );
      const events = await outboxEvents(tenant);
      expect(events.filter((event) => event.type === 'document.created')).toHaveLength(100);
      expect(events).toHaveLength(100);
    },
  );

  it('answers each operation on its own: invalid, unknown id and stale if_match fail, the good ones are written', async () => {
    const tenant = newTenant();
    const first = await createOne(tenant, '/api/v1/documents', { title: 'First', access_level: 'public' });
    const second = await createOne(tenant, '/api/v1/documents', { title: 'Second', access_level: 'public' });

    const bulk = await tenant.call<BulkOutcome>('POST', '/api/v1/documents/bulk', {
      body: {
        operations: [
          documentCreate(1),
          { op: 'create', data: { title: 'No level', access_level: 'secret' } },
          { op: 'update', id: unknownDocumentId, data: { featured: true } },
          { op: 'update', id: first, data: { featured: true }, if_match: '"9"' },
          { op: 'update', id: second, data: { access_level: 'requires_nda' } },
        ],
      },
    });

    expect(bulk.status).toBe(200);
    expect(bulk.body.results.map((result) => result.status)).toEqual([201, 400, 404, 412, 200]);
    expect(bulk.body.results[1]?.error?.param).toBe('operations[1].data.access_level');
    const updated = await tenant.call<{ access_level: string }>('GET', `/api/v1/documents/${second}`);
    expect(updated.body.access_level).toBe('requires_nda');
    expect((await outboxEvents(tenant)).map((event) => event.type).sort()).toEqual([
      'document.created',
      'document.created',
      'document.created',
      'document.updated',
    ]);
  });

  it('writes nothing with all_or_nothing when one operation fails', async () => {
    const tenant = newTenant();
    const existing = await createOne(tenant, '/api/v1/documents', {
      title: 'Existing',
      access_level: 'public',
    });
    const outboxBefore = await outboxEvents(tenant);

    const bulk = await tenant.call<BulkOutcome>('POST', '/api/v1/documents/bulk', {
      body: {
        all_or_nothing: true,
        operations: [
          documentCreate(1),
          { op: 'update', id: existing, data: { title: 'Renamed' }, if_match: '"2"' },
        ],
      },
    });

    expect(bulk.status).toBe(400);
    expect(bulk.body.results.map((result) => result.status)).toEqual([424, 412]);
    const listed = await tenant.call<{ documents: { title: string }[] }>('GET', '/api/v1/documents');
    expect(listed.body.documents.map((document) => document.title)).toEqual(['Existing']);
    expect(await outboxEvents(tenant)).toEqual(outboxBefore);
  });

  it('commits all_or_nothing operations together, and refuses more than 50 of them', async () => {
    const tenant = newTenant();
    const existing = await createOne(tenant, '/api/v1/documents', {
      title: 'Existing',
      access_level: 'public',
    });

    const bulk = await tenant.call<BulkOutcome>('POST', '/api/v1/documents/bulk', {
      body: {
        all_or_nothing: true,
        operations: [documentCreate(1), { op: 'update', id: existing, data: { featured: true } }],
      },
    });
    const tooMany = await tenant.call<BulkOutcome>('POST', '/api/v1/documents/bulk', {
      body: { all_or_nothing: true, operations: Array.from({ length: 51 }, (_, n) => documentCreate(n)) },
    });

    expect(bulk.status).toBe(200);
    expect(bulk.body.results.map((result) => result.status)).toEqual([201, 200]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.param).toBe('operations');
    const types = (await outboxEvents(tenant)).map((event) => event.type).sort();
    expect(types).toEqual(['document.created', 'document.created', 'document.updated']);
  });
});
