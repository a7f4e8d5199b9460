import { describe, expect, it } from 'vitest';
import { newTenant } from '../support/api.ts';
import { partition, tableName, useTableFromThisProcess } from '../support/table.ts';

interface OutboxItem {
  kind: string;
  event: {
    id: string;
    type: string;
    tenant_id: string;
    occurred_at: string;
    actor: { type: string; id: string };
    data: { account: { id: string } };
  };
}

describe('the transactional outbox', () => {
  it('commits an account.created event with the account, in the envelope of DESIGN.md', async () => {
    const tenant = newTenant();

    const created = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
      body: { title: 'Acme' },
    });
    const outbox = (await partition(`${tenant.tenantId}#outbox`)) as unknown as OutboxItem[];

    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.kind).toBe('outbox');
    expect(outbox[0]?.event).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      type: 'account.created',
      tenant_id: tenant.tenantId,
      actor: { type: 'development' },
      data: { account: { id: created.body.id, title: 'Acme' } },
    });
    expect(new Date(outbox[0]?.event.occurred_at ?? '').toISOString()).toBe(outbox[0]?.event.occurred_at);
  });

  it('commits no event for an update refused by If-Match', async () => {
    const tenant = newTenant();
    const created = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
      body: { title: 'Acme' },
    });
    await tenant.call('PATCH', `/api/v1/accounts/${created.body.id}`, { body: { title: 'Acme AG' } });

    const stale = await tenant.call('PATCH', `/api/v1/accounts/${created.body.id}`, {
      body: { title: 'Never' },
      headers: { 'If-Match': '"1"' },
    });
    const types = ((await partition(`${tenant.tenantId}#outbox`)) as unknown as OutboxItem[]).map(
      (item) => item.event.type,
    );

    expect(stale.status).toBe(412);
    expect(types.sort()).toEqual(['account.created', 'account.updated']);
  });

  it('keeps every tenant item under a partition key that begins with the tenant id', async () => {
    const tenant = newTenant();
    await tenant.call('POST', '/api/v1/accounts', {
      body: { title: 'Acme' },
      headers: { 'Idempotency-Key': 'k1' },
    });

    const partitions = ['account', 'outbox', 'idempotency'].map((suffix) => `${tenant.tenantId}#${suffix}`);
    const counts = await Promise.all(partitions.map(async (pk) => (await partition(pk)).length));

    expect(counts).toEqual([1, 1, 1]);
  });

  it('commits neither the change nor its event when a condition in the transaction fails', async () => {
    useTableFromThisProcess();
    const { commitWithEvents, WriteConflict } = await import('#shared/data/outbox');
    const { domainEvent } = await import('#shared/events/envelope');
    const tenant = newTenant();
    const identity = {
      tenantId: tenant.tenantId,
      principalId: 'usr_test',
      principalType: 'development' as const,
      role: 'admin',
      scopes: [],
    };
    const change = {
      Put: {
        TableName: tableName,
        Item: { pk: `${tenant.tenantId}#account`, sk: 'acc_x', title: 'Never' },
        // Fails: the item does not exist yet.
        ConditionExpression: 'attribute_exists(pk)',
      },
    };

    const commit = commitWithEvents(
      [change],
      [domainEvent('webhook.ping', identity, { webhook_id: 'whk_x', message: 'Never written.' })],
    );

    await expect(commit).rejects.toBeInstanceOf(WriteConflict);
    await expect(commit).rejects.toMatchObject({ failedIndexes: [0] });
    expect(await partition(`${tenant.tenantId}#outbox`)).toEqual([]);
    expect(await partition(`${tenant.tenantId}#account`)).toEqual([]);
  });
});
