import { describe, expect, it } from 'vitest';
import { newTenant, type TestTenant } from '../support/api.ts';
import { partition } from '../support/table.ts';

interface Subprocessor {
  id: string;
  name: string;
  purpose: string;
  data_categories: string[];
  location: string;
  website: string | null;
  status: 'active' | 'planned' | 'retired';
  created_at: string;
  updated_at: string;
}
interface SubprocessorList {
  subprocessors: Subprocessor[];
  has_more: boolean;
  next_cursor: string | null;
}
interface ChangeEvent {
  id: string;
  type: string;
  occurred_at: string;
  data: {
    subprocessor: Subprocessor;
    changes: { field: string; before: unknown; after: unknown }[];
    effective_date: string;
  };
}

const aws = {
  name: 'Amazon Web Services',
  purpose: 'Cloud hosting',
  data_categories: ['Contact data', 'Usage data'],
  location: 'DE',
  website: 'https://aws.amazon.com',
};

const today = () => new Date().toISOString().slice(0, 10);

async function events(tenant: TestTenant): Promise<ChangeEvent[]> {
  const outbox = await partition(`${tenant.tenantId}#outbox`);
  return outbox
    .map((item) => (item as unknown as { event: ChangeEvent }).event)
    .sort((a, b) => a.id.localeCompare(b.id));
}

async function add(tenant: TestTenant, body: Record<string, unknown> = aws): Promise<Subprocessor> {
  return (await tenant.call<Subprocessor>('POST', '/api/v1/subprocessors', { body })).body;
}

describe('subprocessors', () => {
  it('adds an active subprocessor by default and returns it with an ETag', async () => {
    const tenant = newTenant();

    const created = await tenant.call<Subprocessor>('POST', '/api/v1/subprocessors', { body: aws });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...aws, status: 'active' });
    expect(created.body.id).toMatch(/^sub_[0-9A-Z]{26}$/);
    expect(created.headers.get('etag')).toBe('"1"');
  });

  it('announces an addition with every field as a change from null and today as the effective date', async () => {
    const tenant = newTenant();

    const created = await add(tenant, {
      name: 'Stripe',
      purpose: 'Payments',
      data_categories: [],
      location: 'us',
    });
    const [event] = await events(tenant);

    expect(event?.type).toBe('subprocessor.added');
    expect(event?.data.subprocessor.id).toBe(created.id);
    expect(event?.data.effective_date).toBe(today());
    expect(event?.data.changes).toEqual([
      { field: 'name', before: null, after: 'Stripe' },
      { field: 'purpose', before: null, after: 'Payments' },
      { field: 'data_categories', before: null, after: [] },
      { field: 'location', before: null, after: 'US' },
      { field: 'status', before: null, after: 'active' },
    ]);
  });

  it('announces an update with only the fields that changed, their values before and after, and the given effective date', async () => {
    const tenant = newTenant();
    const created = await add(tenant);

    await tenant.call('PATCH', `/api/v1/subprocessors/${created.id}`, {
      body: {
        location: 'IE',
        data_categories: ['Contact data'],
        name: aws.name,
        effective_date: '2030-01-01',
      },
    });
    const updated = (await events(tenant)).find((event) => event.type === 'subprocessor.updated');

    expect(updated?.data.effective_date).toBe('2030-01-01');
    expect(updated?.data.changes).toEqual([
      { field: 'data_categories', before: ['Contact data', 'Usage data'], after: ['Contact data'] },
      { field: 'location', before: 'DE', after: 'IE' },
    ]);
    expect(updated?.data.subprocessor).toMatchObject({ location: 'IE' });
  });

  it('announces a removal with every field as a change to null and the effective date from the query', async () => {
    const tenant = newTenant();
    const created = await add(tenant);

    const removed = await tenant.call(
      'DELETE',
      `/api/v1/subprocessors/${created.id}?effective_date=2030-06-30`,
    );
    const event = (await events(tenant)).find((item) => item.type === 'subprocessor.removed');

    expect(removed.status).toBe(204);
    expect(event?.data.effective_date).toBe('2030-06-30');
    expect(event?.data.subprocessor.id).toBe(created.id);
    expect(event?.data.changes).toContainEqual({ field: 'website', before: aws.website, after: null });
    expect(event?.data.changes.map((change) => change.after)).toEqual(
      Array(event?.data.changes.length).fill(null),
    );
  });

  it('writes nothing and announces nothing for an update that changes no value', async () => {
    const tenant = newTenant();
    const created = await add(tenant);

    const same = await tenant.call<Subprocessor>('PATCH', `/api/v1/subprocessors/${created.id}`, {
      body: { status: 'active' },
    });

    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe('"1"');
    expect((await events(tenant)).map((event) => event.type)).toEqual(['subprocessor.added']);
  });

  it('gets one subprocessor by id, and answers 404 for an id that does not exist', async () => {
    const tenant = newTenant();
    const created = await add(tenant);

    const found = await tenant.call<Subprocessor>('GET', `/api/v1/subprocessors/${created.id}`);
    const missing = await tenant.call('GET', '/api/v1/subprocessors/sub_00000000000000000000000000');

    expect(found.body).toEqual(created);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { type: 'not_found', param: 'id' } });
  });

  it('lists subprocessors newest first, filtered by status', async () => {
    const tenant = newTenant();
    await add(tenant, { ...aws, name: 'Old', status: 'retired' });
    await add(tenant, { ...aws, name: 'Current' });
    await add(tenant, { ...aws, name: 'Next', status: 'planned' });
    await add(tenant, { ...aws, name: 'Also current' });

    const active = await tenant.call<SubprocessorList>('GET', '/api/v1/subprocessors?status=active');
    const all = await tenant.call<SubprocessorList>('GET', '/api/v1/subprocessors');

    expect(active.body.subprocessors.map((s) => s.name)).toEqual(['Also current', 'Current']);
    expect(all.body.subprocessors.map((s) => s.name)).toEqual(['Also current', 'Next', 'Current', 'Old']);
  });

  it('pages through subprocessors with an opaque cursor', async () => {
    const tenant = newTenant();
    for (const name of ['First', 'Second', 'Third']) await add(tenant, { ...aws, name });

    const first = await tenant.call<SubprocessorList>('GET', '/api/v1/subprocessors?limit=2');
    const second = await tenant.call<SubprocessorList>(
      'GET',
      `/api/v1/subprocessors?limit=2&cursor=${encodeURIComponent(first.body.next_cursor ?? '')}`,
    );

    expect(first.body.subprocessors.map((s) => s.name)).toEqual(['Third', 'Second']);
    expect(first.body.has_more).toBe(true);
    expect(second.body.subprocessors.map((s) => s.name)).toEqual(['First']);
  });

  it('refuses a location that is not an ISO 3166 alpha-2 country code, naming it', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/subprocessors', { body: { ...aws, location: 'EU' } });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'location' } });
  });

  it('refuses a website that is not an https URL, naming it', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/subprocessors', {
      body: { ...aws, website: 'http://aws.amazon.com' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'website' } });
  });

  it('refuses a data category that is not a string, naming its index', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/subprocessors', {
      body: { ...aws, data_categories: ['Contact data', 42] },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'data_categories[1]' } });
  });

  it('refuses an unknown field, naming it', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/subprocessors', {
      body: { ...aws, dpa_signed: true },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'dpa_signed' } });
  });

  it('refuses an update that carries only an effective date', async () => {
    const tenant = newTenant();
    const created = await add(tenant);

    const response = await tenant.call('PATCH', `/api/v1/subprocessors/${created.id}`, {
      body: { effective_date: '2030-01-01' },
    });

    expect(response.status).toBe(400);
  });

  it('updates with If-Match and answers 412 when the ETag is stale', async () => {
    const tenant = newTenant();
    const created = await add(tenant);
    const path = `/api/v1/subprocessors/${created.id}`;

    const updated = await tenant.call<Subprocessor>('PATCH', path, {
      body: { status: 'retired', website: null },
      headers: { 'If-Match': '"1"' },
    });
    const stale = await tenant.call('PATCH', path, { body: { name: 'AWS' }, headers: { 'If-Match': '"1"' } });

    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(updated.body).toMatchObject({ status: 'retired', website: null });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { type: 'precondition_failed' } });
  });

  it('deletes a subprocessor, after which it is gone and a second delete is a 404', async () => {
    const tenant = newTenant();
    const created = await add(tenant);
    const path = `/api/v1/subprocessors/${created.id}`;

    await tenant.call('DELETE', path);
    const after = await tenant.call('GET', path);
    const again = await tenant.call('DELETE', path);

    expect(after.status).toBe(404);
    expect(again.status).toBe(404);
  });

  it('never shows one tenant the subprocessors of another', async () => {
    const owner = newTenant();
    const stranger = newTenant();
    const created = await add(owner);

    const list = await stranger.call<SubprocessorList>('GET', '/api/v1/subprocessors');
    const get = await stranger.call('GET', `/api/v1/subprocessors/${created.id}`);

    expect(list.body.subprocessors).toEqual([]);
    expect(get.status).toBe(404);
  });
});
