import { describe, expect, it } from 'vitest';
import { newTenant, type TestTenant } from '../support/api.ts';
import { partition } from '../support/table.ts';

interface Certification {
  id: string;
  framework: string;
  issuer: string;
  issued_at: string;
  expires_at: string;
  description: string | null;
  status: 'valid' | 'expiring' | 'expired';
  created_at: string;
  updated_at: string;
}
interface CertificationList {
  certifications: Certification[];
  has_more: boolean;
  next_cursor: string | null;
}

/** A calendar date `offset` days from today (UTC), as the API computes status. */
function day(offset: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

const soc2 = {
  framework: 'SOC 2 Type II',
  issuer: 'Deloitte',
  issued_at: day(-300),
  expires_at: day(400),
  description: 'Security, availability and confidentiality',
};

async function certify(tenant: TestTenant, framework: string, expiresInDays: number): Promise<Certification> {
  const created = await tenant.call<Certification>('POST', '/api/v1/certifications', {
    body: { framework, issuer: 'Auditor', issued_at: day(-700), expires_at: day(expiresInDays) },
  });
  return created.body;
}

describe('certifications', () => {
  it('adds a certification and returns it with a computed status and an ETag', async () => {
    const tenant = newTenant();

    const created = await tenant.call<Certification>('POST', '/api/v1/certifications', { body: soc2 });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...soc2, status: 'valid' });
    expect(created.body.id).toMatch(/^cert_[0-9A-Z]{26}$/);
    expect(created.headers.get('etag')).toBe('"1"');
  });

  it('gets one certification by id, and answers 404 for an id that does not exist', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Certification>('POST', '/api/v1/certifications', { body: soc2 });

    const found = await tenant.call<Certification>('GET', `/api/v1/certifications/${created.body.id}`);
    const missing = await tenant.call('GET', '/api/v1/certifications/cert_00000000000000000000000000');

    expect(found.status).toBe(200);
    expect(found.body).toEqual(created.body);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { type: 'not_found', param: 'id' } });
  });

  it('refuses an id of another kind in the path with 400', async () => {
    const tenant = newTenant();

    const response = await tenant.call('GET', '/api/v1/certifications/faq_00000000000000000000000000');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'id' } });
  });

  it('computes expired, expiring and valid from the expiry date and today', async () => {
    const tenant = newTenant();
    const expired = await certify(tenant, 'PCI DSS', -1);
    const expiringToday = await certify(tenant, 'ISO 27017', 0);
    const endOfWindow = await certify(tenant, 'ISO 27001', 60);
    const valid = await certify(tenant, 'SOC 2 Type II', 61);

    expect([expired.status, expiringToday.status, endOfWindow.status, valid.status]).toEqual([
      'expired',
      'expiring',
      'expiring',
      'valid',
    ]);
  });

  it('lists certifications newest first, filtered by status', async () => {
    const tenant = newTenant();
    await certify(tenant, 'PCI DSS', -10);
    await certify(tenant, 'ISO 27001', 30);
    await certify(tenant, 'ISO 27017', 45);
    await certify(tenant, 'SOC 2 Type II', 200);

    const expiring = await tenant.call<CertificationList>('GET', '/api/v1/certifications?status=expiring');
    const expired = await tenant.call<CertificationList>('GET', '/api/v1/certifications?status=expired');
    const all = await tenant.call<CertificationList>('GET', '/api/v1/certifications');

    expect(expiring.body.certifications.map((c) => c.framework)).toEqual(['ISO 27017', 'ISO 27001']);
    expect(expired.body.certifications.map((c) => c.framework)).toEqual(['PCI DSS']);
    expect(all.body.certifications).toHaveLength(4);
  });

  it('widens or narrows the expiring window with expiring_within_days', async () => {
    const tenant = newTenant();
    await certify(tenant, 'ISO 27001', 30);
    await certify(tenant, 'SOC 2 Type II', 90);

    const wide = await tenant.call<CertificationList>(
      'GET',
      '/api/v1/certifications?status=expiring&expiring_within_days=90',
    );
    const narrow = await tenant.call<CertificationList>(
      'GET',
      '/api/v1/certifications?status=valid&expiring_within_days=29',
    );

    expect(wide.body.certifications.map((c) => c.framework)).toEqual(['SOC 2 Type II', 'ISO 27001']);
    expect(narrow.body.certifications.map((c) => c.framework)).toEqual(['SOC 2 Type II', 'ISO 27001']);
  });

  it('pages a status-filtered listing with a cursor, skipping the certifications that do not match', async () => {
    const tenant = newTenant();
    await certify(tenant, 'First', 10);
    await certify(tenant, 'Valid one', 300);
    await certify(tenant, 'Second', 20);
    await certify(tenant, 'Valid two', 300);
    await certify(tenant, 'Third', 30);

    const first = await tenant.call<CertificationList>(
      'GET',
      '/api/v1/certifications?status=expiring&limit=2',
    );
    const second = await tenant.call<CertificationList>(
      'GET',
      `/api/v1/certifications?status=expiring&limit=2&cursor=${encodeURIComponent(first.body.next_cursor ?? '')}`,
    );

    expect(first.body.certifications.map((c) => c.framework)).toEqual(['Third', 'Second']);
    expect(first.body.has_more).toBe(true);
    expect(second.body.certifications.map((c) => c.framework)).toEqual(['First']);
    expect(second.body.has_more).toBe(false);
  });

  it('refuses an unknown status filter naming the parameter', async () => {
    const tenant = newTenant();

    const response = await tenant.call('GET', '/api/v1/certifications?status=lapsed');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'status' } });
  });

  it('refuses an expiry date that is not after the issue date, naming expires_at', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/certifications', {
      body: { ...soc2, issued_at: '2026-01-01', expires_at: '2026-01-01' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'expires_at' } });
  });

  it('refuses a date that is not YYYY-MM-DD, naming it', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/certifications', {
      body: { ...soc2, issued_at: '2026-02-30' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'issued_at' } });
  });

  it('refuses an unknown field, naming it', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/certifications', {
      body: { ...soc2, status: 'valid' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'status' } });
  });

  it('refuses an update that moves the issue date past the expiry date, naming issued_at', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Certification>('POST', '/api/v1/certifications', { body: soc2 });

    const response = await tenant.call('PATCH', `/api/v1/certifications/${created.body.id}`, {
      body: { issued_at: day(500) },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'issued_at' } });
  });

  it('updates with If-Match, recomputes the status, and answers 412 when the ETag is stale', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Certification>('POST', '/api/v1/certifications', { body: soc2 });
    const path = `/api/v1/certifications/${created.body.id}`;

    const updated = await tenant.call<Certification>('PATCH', path, {
      body: { expires_at: day(10), description: null },
      headers: { 'If-Match': '"1"' },
    });
    const stale = await tenant.call('PATCH', path, {
      body: { issuer: 'Someone else' },
      headers: { 'If-Match': '"1"' },
    });

    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(updated.body).toMatchObject({ expires_at: day(10), status: 'expiring', description: null });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { type: 'precondition_failed' } });
  });

  it('deletes a certification with 204, after which it is gone and a second delete is a 404', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Certification>('POST', '/api/v1/certifications', { body: soc2 });
    const path = `/api/v1/certifications/${created.body.id}`;

    const deleted = await tenant.call('DELETE', path);
    const after = await tenant.call('GET', path);
    const again = await tenant.call('DELETE', path);

    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(after.status).toBe(404);
    expect(again.status).toBe(404);
  });

  it('commits created, updated and deleted events to the outbox', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Certification>('POST', '/api/v1/certifications', { body: soc2 });
    await tenant.call('PATCH', `/api/v1/certifications/${created.body.id}`, { body: { issuer: 'KPMG' } });
    await tenant.call('DELETE', `/api/v1/certifications/${created.body.id}`);

    const events = (await partition(`${tenant.tenantId}#outbox`)).map(
      (item) => (item as { event: { type: string; data: { certification: { id: string } } } }).event,
    );

    expect(events.map((event) => event.type).sort()).toEqual([
      'certification.created',
      'certification.deleted',
      'certification.updated',
    ]);
    expect(events.every((event) => event.data.certification.id === created.body.id)).toBe(true);
  });

  it('never shows one tenant the certifications of another', async () => {
    const owner = newTenant();
    const stranger = newTenant();
    const created = await owner.call<Certification>('POST', '/api/v1/certifications', { body: soc2 });

    const list = await stranger.call<CertificationList>('GET', '/api/v1/certifications');
    const get = await stranger.call('GET', `/api/v1/certifications/${created.body.id}`);

    expect(list.body.certifications).toEqual([]);
    expect(get.status).toBe(404);
  });
});
