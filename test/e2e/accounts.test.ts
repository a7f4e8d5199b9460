import { describe, expect, it } from 'vitest';
import { newTenant, request } from '../support/api.ts';

interface Account {
  id: string;
  title: string;
  description: string | null;
  contacts: { id: string; email: string; first_name: string; last_name: string; title: string | null }[];
  created_at: string;
  updated_at: string;
}
interface AccountList {
  accounts: Account[];
  has_more: boolean;
  next_cursor: string | null;
}

// The body of seed 1's "Automated Customer Onboarding" example, verbatim.
const seedAccount = {
  title: 'Burger King Europe',
  description: 'Fast food chain compliance management',
  contacts: [
    {
      email: 'compliance@burgerking.eu',
      first_name: 'Jane',
      last_name: 'Smith',
      title: 'Compliance Manager',
    },
  ],
};

describe('customer accounts', () => {
  it('creates an account from the seed body and returns it with its contacts', async () => {
    const tenant = newTenant();

    const created = await tenant.call<Account>('POST', '/api/v1/accounts', { body: seedAccount });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Burger King Europe',
      description: 'Fast food chain compliance management',
      contacts: [
        {
          email: 'compliance@burgerking.eu',
          first_name: 'Jane',
          last_name: 'Smith',
          title: 'Compliance Manager',
        },
      ],
    });
    expect(created.body.id).toMatch(/^acc_[0-9A-Z]{26}$/);
    expect(created.body.contacts[0]?.id).toMatch(/^con_/);
    expect(created.headers.get('etag')).toBe('"1"');
  });

  it('lists the accounts of the caller tenant as seed 1 reads them: `const { accounts } = await response.json()`', async () => {
    const tenant = newTenant();
    await tenant.call('POST', '/api/v1/accounts', { body: seedAccount });

    const listed = await tenant.call<AccountList>('GET', '/api/v1/accounts');

    expect(listed.status).toBe(200);
    expect(listed.body.accounts.map((account) => account.title)).toEqual(['Burger King Europe']);
    expect(listed.body).toMatchObject({ has_more: false, next_cursor: null });
  });

  it('gets one account by id, and answers 404 for an id that does not exist', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Account>('POST', '/api/v1/accounts', { body: seedAccount });

    const found = await tenant.call<Account>('GET', `/api/v1/accounts/${created.body.id}`);
    const missing = await tenant.call('GET', '/api/v1/accounts/acc_00000000000000000000000000');

    expect(found.status).toBe(200);
    expect(found.body).toEqual(created.body);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { type: 'not_found', param: 'id' } });
  });

  it('pages through accounts newest first with an opaque cursor', async () => {
    const tenant = newTenant();
    for (const title of ['First', 'Second', 'Third']) {
      await tenant.call('POST', '/api/v1/accounts', { body: { title } });
    }

    const first = await tenant.call<AccountList>('GET', '/api/v1/accounts?limit=2');
    const second = await tenant.call<AccountList>(
      'GET',
      `/api/v1/accounts?limit=2&cursor=${encodeURIComponent(first.body.next_cursor ?? '')}`,
    );

    expect(first.body.accounts.map((account) => account.title)).toEqual(['Third', 'Second']);
    expect(first.body.has_more).toBe(true);
    expect(second.body.accounts.map((account) => account.title)).toEqual(['First']);
    expect(second.body.has_more).toBe(false);
  });

  it('refuses a tampered cursor and a cursor issued to another tenant with 400', async () => {
    const owner = newTenant();
    const stranger = newTenant();
    for (const title of ['One', 'Two']) await owner.call('POST', '/api/v1/accounts', { body: { title } });
    const page = await owner.call<AccountList>('GET', '/api/v1/accounts?limit=1');
    const cursor = page.body.next_cursor ?? '';
    const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'BB' : 'AA'}`;

    const foreign = await stranger.call('GET', `/api/v1/accounts?cursor=${encodeURIComponent(cursor)}`);
    const forged = await owner.call('GET', `/api/v1/accounts?cursor=${encodeURIComponent(tampered)}`);

    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ error: { type: 'validation_error', param: 'cursor' } });
    expect(forged.status).toBe(400);
  });

  it('never shows one tenant the accounts of another', async () => {
    const owner = newTenant();
    const stranger = newTenant();
    const created = await owner.call<Account>('POST', '/api/v1/accounts', { body: seedAccount });

    const list = await stranger.call<AccountList>('GET', '/api/v1/accounts');
    const get = await stranger.call('GET', `/api/v1/accounts/${created.body.id}`);

    expect(list.body.accounts).toEqual([]);
    expect(get.status).toBe(404);
  });

  it('names the invalid parameter in a validation error', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/accounts', {
      body: { title: 'Acme', contacts: [{ email: 'not-an-email', first_name: 'A', last_name: 'B' }] },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'contacts[0].email' } });
  });

  it('refuses two contacts with the same email in one account', async () => {
    const tenant = newTenant();
    const contact = { email: 'a@example.com', first_name: 'A', last_name: 'B' };

    const response = await tenant.call('POST', '/api/v1/accounts', {
      body: { title: 'Acme', contacts: [contact, { ...contact, email: 'A@example.com' }] },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'contacts[1].email' } });
  });

  it('replays the first response for a repeated Idempotency-Key and refuses the key with another body', async () => {
    const tenant = newTenant();
    const headers = { 'Idempotency-Key': 'create-acme-1' };

    const first = await tenant.call<Account>('POST', '/api/v1/accounts', {
      body: { title: 'Acme' },
      headers,
    });
    const repeat = await tenant.call<Account>('POST', '/api/v1/accounts', {
      body: { title: 'Acme' },
      headers,
    });
    const other = await tenant.call('POST', '/api/v1/accounts', { body: { title: 'Other' }, headers });
    const list = await tenant.call<AccountList>('GET', '/api/v1/accounts');

    expect(repeat.status).toBe(201);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { type: 'idempotency_error' } });
    expect(list.body.accounts).toHaveLength(1);
  });

  it('updates with If-Match and answers 412 when the ETag is stale', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Account>('POST', '/api/v1/accounts', { body: { title: 'Acme' } });
    const path = `/api/v1/accounts/${created.body.id}`;

    const updated = await tenant.call<Account>('PATCH', path, {
      body: { title: 'Acme AG' },
      headers: { 'If-Match': '"1"' },
    });
    const stale = await tenant.call('PATCH', path, {
      body: { title: 'Acme SE' },
      headers: { 'If-Match': '"1"' },
    });
    const current = await tenant.call<Account>('GET', path);

    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { type: 'precondition_failed' } });
    expect(current.body.title).toBe('Acme AG');
  });

  it('answers 401 in the error format without a credential', async () => {
    const response = await request('GET', '/api/v1/accounts');

    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { type: 'authentication_error', message: expect.any(String) } });
  });
});
