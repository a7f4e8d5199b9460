import { describe, expect, it } from 'vitest';
import { newTenant, request, type TestTenant } from '../support/api.ts';
import { partition } from '../support/table.ts';

interface Contact {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  title: string | null;
}
interface Account {
  id: string;
  title: string;
  description: string | null;
  contacts: Contact[];
  nda: { status: string; signed_at: string | null };
  access_expires_at: string | null;
  email_domains: string[];
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

async function createAccount(
  tenant: TestTenant,
  body: Record<string, unknown> = seedAccount,
): Promise<Account> {
  return (await tenant.call<Account>('POST', '/api/v1/accounts', { body })).body;
}

async function outboxTypes(tenant: TestTenant): Promise<string[]> {
  const items = (await partition(`${tenant.tenantId}#outbox`)) as unknown as { event: { type: string } }[];
  return items.map((item) => item.event.type).sort();
}

const jane = { email: 'jane@example.com', first_name: 'Jane', last_name: 'Doe' };

describe('deleting customer accounts', () => {
  it('deletes an account with 204, after which it is gone from get and list', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);

    const deleted = await tenant.call('DELETE', `/api/v1/accounts/${account.id}`);
    const get = await tenant.call('GET', `/api/v1/accounts/${account.id}`);
    const list = await tenant.call<AccountList>('GET', '/api/v1/accounts');

    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(get.status).toBe(404);
    expect(list.body.accounts).toEqual([]);
  });

  it('answers 404 to deleting an account that does not exist', async () => {
    const tenant = newTenant();

    const response = await tenant.call('DELETE', '/api/v1/accounts/acc_00000000000000000000000000');

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { type: 'not_found', param: 'id' } });
  });

  it('refuses a weak ETag in If-Match with 412, even the current one (RFC 9110 strong comparison)', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Account>('POST', '/api/v1/accounts', { body: { title: 'Acme' } });
    const path = `/api/v1/accounts/${created.body.id}`;

    const weak = await tenant.call('PATCH', path, {
      body: { title: 'Weak' },
      headers: { 'If-Match': 'W/"1"' },
    });
    const current = await tenant.call<Account>('GET', path);

    expect(weak.status).toBe(412);
    expect(current.body.title).toBe('Acme');
  });

  it('refuses a delete with a stale If-Match with 412 and keeps the account', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);
    await tenant.call('PATCH', `/api/v1/accounts/${account.id}`, { body: { title: 'Renamed' } });

    const stale = await tenant.call('DELETE', `/api/v1/accounts/${account.id}`, {
      headers: { 'If-Match': '"1"' },
    });
    const current = await tenant.call('DELETE', `/api/v1/accounts/${account.id}`, {
      headers: { 'If-Match': '"2"' },
    });

    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { type: 'precondition_failed' } });
    expect(current.status).toBe(204);
  });

  it('commits an account.deleted event with the deleted account', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);

    await tenant.call('DELETE', `/api/v1/accounts/${account.id}`);
    const outbox = (await partition(`${tenant.tenantId}#outbox`)) as unknown as {
      event: { type: string; data: unknown };
    }[];

    expect(outbox.find((item) => item.event.type === 'account.deleted')?.event.data).toEqual({ account });
  });
});

describe('account contacts', () => {
  it("lists an account's contacts in the order they were added", async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);
    await tenant.call('POST', `/api/v1/accounts/${account.id}/contacts`, { body: jane });

    const listed = await tenant.call<{ contacts: Contact[]; has_more: boolean; next_cursor: string | null }>(
      'GET',
      `/api/v1/accounts/${account.id}/contacts`,
    );

    expect(listed.status).toBe(200);
    expect(listed.body.contacts.map((contact) => contact.email)).toEqual([
      'compliance@burgerking.eu',
      'jane@example.com',
    ]);
    expect(listed.body).toMatchObject({ has_more: false, next_cursor: null });
  });

  it('pages through contacts with a cursor that works only for its own account', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);
    const other = await createAccount(tenant);
    await tenant.call('POST', `/api/v1/accounts/${account.id}/contacts`, { body: jane });

    const first = await tenant.call<{ contacts: Contact[]; next_cursor: string }>(
      'GET',
      `/api/v1/accounts/${account.id}/contacts?limit=1`,
    );
    const cursor = encodeURIComponent(first.body.next_cursor);
    const second = await tenant.call<{ contacts: Contact[]; has_more: boolean }>(
      'GET',
      `/api/v1/accounts/${account.id}/contacts?limit=1&cursor=${cursor}`,
    );
    const elsewhere = await tenant.call('GET', `/api/v1/accounts/${other.id}/contacts?cursor=${cursor}`);

    expect(first.body.contacts.map((contact) => contact.email)).toEqual(['compliance@burgerking.eu']);
    expect(second.body.contacts.map((contact) => contact.email)).toEqual(['jane@example.com']);
    expect(second.body.has_more).toBe(false);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({ error: { type: 'validation_error', param: 'cursor' } });
  });

  it('adds a contact with 201, bumps the account version and shows it on the account', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);

    const added = await tenant.call<Contact>('POST', `/api/v1/accounts/${account.id}/contacts`, {
      body: { ...jane, title: 'CISO' },
    });
    const current = await tenant.call<Account>('GET', `/api/v1/accounts/${account.id}`);

    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: expect.stringMatching(/^con_/), ...jane, title: 'CISO' });
    expect(added.headers.get('etag')).toBe('"2"');
    expect(current.headers.get('etag')).toBe('"2"');
    expect(current.body.contacts.at(-1)).toEqual(added.body);
  });

  it('refuses a contact whose email another contact of the account has, in any case, with 409', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);

    const response = await tenant.call('POST', `/api/v1/accounts/${account.id}/contacts`, {
      body: { ...jane, email: 'Compliance@BurgerKing.EU' },
    });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: { type: 'conflict', param: 'email' } });
  });

  it('accepts the same contact email in two different accounts', async () => {
    const tenant = newTenant();
    const first = await createAccount(tenant);
    const second = await createAccount(tenant, { title: 'Other' });

    const response = await tenant.call('POST', `/api/v1/accounts/${second.id}/contacts`, {
      body: { ...jane, email: first.contacts[0]?.email },
    });

    expect(response.status).toBe(201);
  });

  it('updates a contact and clears its title with null', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);
    const contact = account.contacts[0] as Contact;

    const updated = await tenant.call<Contact>(
      'PATCH',
      `/api/v1/accounts/${account.id}/contacts/${contact.id}`,
      {
        body: { first_name: 'Janet', title: null },
        headers: { 'If-Match': '"1"' },
      },
    );

    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ ...contact, first_name: 'Janet', title: null });
    expect(updated.headers.get('etag')).toBe('"2"');
  });

  it("refuses to change a contact's email to another contact's with 409, but accepts a change of case", async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);
    const added = await tenant.call<Contact>('POST', `/api/v1/accounts/${account.id}/contacts`, {
      body: jane,
    });
    const path = `/api/v1/accounts/${account.id}/contacts/${added.body.id}`;

    const taken = await tenant.call('PATCH', path, { body: { email: 'compliance@burgerking.eu' } });
    const recased = await tenant.call<Contact>('PATCH', path, { body: { email: 'Jane@Example.com' } });

    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: { type: 'conflict', param: 'email' } });
    expect(recased.status).toBe(200);
    expect(recased.body.email).toBe('Jane@Example.com');
  });

  it('refuses a contact change with a stale If-Match with 412', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);
    await tenant.call('POST', `/api/v1/accounts/${account.id}/contacts`, { body: jane });

    const stale = await tenant.call(
      'PATCH',
      `/api/v1/accounts/${account.id}/contacts/${account.contacts[0]?.id}`,
      {
        body: { first_name: 'Never' },
        headers: { 'If-Match': '"1"' },
      },
    );

    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { type: 'precondition_failed' } });
  });

  it('removes a contact with 204, after which it is gone from the account', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);
    const contactId = account.contacts[0]?.id;

    const removed = await tenant.call('DELETE', `/api/v1/accounts/${account.id}/contacts/${contactId}`);
    const again = await tenant.call('DELETE', `/api/v1/accounts/${account.id}/contacts/${contactId}`);
    const current = await tenant.call<Account>('GET', `/api/v1/accounts/${account.id}`);

    expect(removed.status).toBe(204);
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ error: { type: 'not_found', param: 'contact_id' } });
    expect(current.body.contacts).toEqual([]);
  });

  it('answers 404 naming contact_id for a contact id of another format: it names nothing', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);

    const response = await tenant.call('DELETE', `/api/v1/accounts/${account.id}/contacts/acc_x`);

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { type: 'not_found', param: 'contact_id' } });
  });

  it('commits one event per contact change', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant, { title: 'Acme' });
    const added = await tenant.call<Contact>('POST', `/api/v1/accounts/${account.id}/contacts`, {
      body: jane,
    });
    const path = `/api/v1/accounts/${account.id}/contacts/${added.body.id}`;

    await tenant.call('PATCH', path, { body: { last_name: 'Roe' } });
    await tenant.call('DELETE', path);

    expect(await outboxTypes(tenant)).toEqual([
      'account.contact_added',
      'account.contact_removed',
      'account.contact_updated',
      'account.created',
    ]);
  });
});

describe('account NDA, access expiry and email domains', () => {
  it('defaults to no NDA, no access expiry and no email domains for the seed body', async () => {
    const tenant = newTenant();

    const account = await createAccount(tenant);

    expect(account).toMatchObject({
      nda: { status: 'none', signed_at: null },
      access_expires_at: null,
      email_domains: [],
    });
  });

  it('creates an account with a master NDA, an access expiry and lower-cased email domains', async () => {
    const tenant = newTenant();

    const account = await createAccount(tenant, {
      title: 'Acme',
      nda: { status: 'master_nda', signed_at: '2025-03-01' },
      access_expires_at: '2026-12-31',
      email_domains: ['Acme.com', 'acme.de'],
    });

    expect(account).toMatchObject({
      nda: { status: 'master_nda', signed_at: '2025-03-01' },
      access_expires_at: '2026-12-31',
      email_domains: ['acme.com', 'acme.de'],
    });
  });

  it('refuses a master NDA without signed_at with 400 naming nda.signed_at', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/accounts', {
      body: { title: 'Acme', nda: { status: 'master_nda' } },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'nda.signed_at' } });
  });

  it('refuses a signed_at that is not a YYYY-MM-DD date', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/accounts', {
      body: { title: 'Acme', nda: { status: 'click_through', signed_at: '01.03.2025' } },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'nda.signed_at' } });
  });

  it('refuses an email domain that is not a domain name, naming its index', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/accounts', {
      body: { title: 'Acme', email_domains: ['acme.com', 'jane@acme.com'] },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'email_domains[1]' } });
  });

  it('refuses the same email domain twice and more than 50 email domains', async () => {
    const tenant = newTenant();
    const many = Array.from({ length: 51 }, (_, index) => `d${index}.example.com`);

    const duplicate = await tenant.call('POST', '/api/v1/accounts', {
      body: { title: 'Acme', email_domains: ['acme.com', 'ACME.com'] },
    });
    const tooMany = await tenant.call('POST', '/api/v1/accounts', {
      body: { title: 'Acme', email_domains: many },
    });

    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({ error: { param: 'email_domains[1]' } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: { param: 'email_domains' } });
  });

  it('updates the NDA, access expiry and email domains with PATCH, and clears the expiry with null', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant, { title: 'Acme', access_expires_at: '2026-01-01' });
    const path = `/api/v1/accounts/${account.id}`;

    const updated = await tenant.call<Account>('PATCH', path, {
      body: { nda: { status: 'click_through', signed_at: '2025-05-05' }, email_domains: ['acme.com'] },
    });
    const cleared = await tenant.call<Account>('PATCH', path, { body: { access_expires_at: null } });

    expect(updated.body).toMatchObject({
      nda: { status: 'click_through', signed_at: '2025-05-05' },
      access_expires_at: '2026-01-01',
      email_domains: ['acme.com'],
    });
    expect(cleared.body).toMatchObject({ access_expires_at: null, email_domains: ['acme.com'] });
    expect((await tenant.call<Account>('GET', path)).body).toEqual(cleared.body);
  });

  it('refuses a PATCH to a master NDA without signed_at with 400 naming nda.signed_at', async () => {
    const tenant = newTenant();
    const account = await createAccount(tenant);

    const response = await tenant.call('PATCH', `/api/v1/accounts/${account.id}`, {
      body: { nda: { status: 'master_nda', signed_at: null } },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'nda.signed_at' } });
  });
});

describe('sharing documents with an account', () => {
  interface Shared {
    account_id: string;
    documents: { document_id: string; access_level: string; shared_at: string }[];
  }

  /** Documents of the tenant, by title: shares refer to documents that exist. */
  async function documentsOf(tenant: TestTenant, ...titles: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const title of titles) {
      const created = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
        body: { title, access_level: 'restricted' },
      });
      expect(created.status, created.text).toBe(201);
      ids.push(created.body.id);
    }
    return ids;
  }

  it("shares documents with seed 1's body verbatim and lists them", async () => {
    const tenant = newTenant();
    const account = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
      body: { title: 'Burger King Europe' },
    });

    const [privacyPolicy, securityAudit] = await documentsOf(tenant, 'Privacy policy', 'Security audit');

    const shared = await tenant.call<Shared>('PATCH', `/api/v1/accounts/${account.body.id}/documents`, {
      body: { document_ids: [privacyPolicy, securityAudit], access_level: 'restricted' },
    });
    const listed = await tenant.call<Shared>('GET', `/api/v1/accounts/${account.body.id}/documents`);

    expect(shared.status).toBe(200);
    expect(shared.body.documents.map((document) => [document.document_id, document.access_level])).toEqual([
      [privacyPolicy, 'restricted'],
      [securityAudit, 'restricted'],
    ]);
    expect(listed.body).toEqual(shared.body);
  });

  it('changes the access level of a document shared again, keeping the others', async () => {
    const tenant = newTenant();
    const account = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
      body: { title: 'Acme' },
    });
    const path = `/api/v1/accounts/${account.body.id}/documents`;
    const [first, second] = await documentsOf(tenant, 'First', 'Second');
    await tenant.call('PATCH', path, { body: { document_ids: [first, second], access_level: 'public' } });

    const changed = await tenant.call<Shared>('PATCH', path, {
      body: { document_ids: [second], access_level: 'requires_nda' },
    });

    expect(changed.body.documents.map((document) => [document.document_id, document.access_level])).toEqual([
      [first, 'public'],
      [second, 'requires_nda'],
    ]);
  });

  it('refuses an unknown access level, naming it, and a stale If-Match with 412', async () => {
    const tenant = newTenant();
    const account = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
      body: { title: 'Acme' },
    });
    const path = `/api/v1/accounts/${account.body.id}/documents`;

    const badLevel = await tenant.call('PATCH', path, {
      body: { document_ids: ['doc_a'], access_level: 'secret' },
    });
    const stale = await tenant.call('PATCH', path, {
      body: { document_ids: ['doc_a'], access_level: 'public' },
      headers: { 'If-Match': '"99"' },
    });

    expect(badLevel.status).toBe(400);
    expect(badLevel.body).toMatchObject({ error: { type: 'validation_error', param: 'access_level' } });
    expect(stale.status).toBe(412);
  });

  it('records the share as an account.documents_shared event', async () => {
    const tenant = newTenant();
    const account = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
      body: { title: 'Acme' },
    });

    const [documentId] = await documentsOf(tenant, 'Shared');

    await tenant.call('PATCH', `/api/v1/accounts/${account.body.id}/documents`, {
      body: { document_ids: [documentId], access_level: 'restricted' },
    });
    const events = (await partition(`${tenant.tenantId}#outbox`)) as {
      event: { type: string; data: unknown };
    }[];

    expect(events.find((item) => item.event.type === 'account.documents_shared')?.event.data).toEqual({
      account_id: account.body.id,
      document_ids: [documentId],
      access_level: 'restricted',
    });
  });

  it('refuses an unknown or another tenant’s document id with 404 naming it, and writes nothing', async () => {
    const tenant = newTenant();
    const other = newTenant();
    const account = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
      body: { title: 'Acme' },
    });
    const path = `/api/v1/accounts/${account.body.id}/documents`;
    const [own] = await documentsOf(tenant, 'Own');
    const [foreign] = await documentsOf(other, 'Foreign');
    const unknown = 'doc_01JD3Q6V9Z8X7W6V5T4S3R2Q1P';

    const withUnknown = await tenant.call<{ error: { type: string; message: string; param: string } }>(
      'PATCH',
      path,
      { body: { document_ids: [own, unknown], access_level: 'restricted' } },
    );
    const withForeign = await tenant.call<{ error: { type: string; message: string; param: string } }>(
      'PATCH',
      path,
      { body: { document_ids: [foreign, own], access_level: 'restricted' } },
    );
    const listed = await tenant.call<Shared>('GET', path);

    expect(withUnknown.status).toBe(404);
    expect(withUnknown.body.error).toMatchObject({ type: 'not_found', param: 'document_ids' });
    expect(withUnknown.body.error.message).toContain(unknown);
    expect(withForeign.status).toBe(404);
    expect(withForeign.body.error.message).toContain(foreign);
    expect(listed.body.documents).toEqual([]);
  });

  it('stops sharing a deleted document with every account that had it, and keeps the other shares', async () => {
    const tenant = newTenant();
    const document = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
      body: { title: 'SOC 2 report', access_level: 'restricted' },
    });
    const kept = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
      body: { title: 'Privacy policy', access_level: 'public' },
    });
    const sharing = [];
    for (const title of ['Acme', 'Globex']) {
      const account = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', { body: { title } });
      await tenant.call('PATCH', `/api/v1/accounts/${account.body.id}/documents`, {
        body: { document_ids: [document.body.id, kept.body.id], access_level: 'restricted' },
      });
      sharing.push(account.body.id);
    }
    const bystander = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
      body: { title: 'Initech' },
    });

    expect((await tenant.call('DELETE', `/api/v1/documents/${document.body.id}`)).status).toBe(204);
    await tenant.call('POST', '/_local/events/settle');

    for (const accountId of sharing) {
      const listed = await tenant.call<{ documents: { document_id: string }[] }>(
        'GET',
        `/api/v1/accounts/${accountId}/documents`,
      );
      expect(listed.body.documents.map((shared) => shared.document_id)).toEqual([kept.body.id]);
    }
    const outbox = (await partition(`${tenant.tenantId}#outbox`)) as {
      event: { type: string; data: { account_id: string; reason: string } };
    }[];
    const unshared = outbox.filter((item) => item.event.type === 'account.documents_unshared');
    expect(unshared.map((item) => item.event.data.account_id).sort()).toEqual([...sharing].sort());
    expect(unshared.map((item) => item.event.data.account_id)).not.toContain(bystander.body.id);
  });
});
