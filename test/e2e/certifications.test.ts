import { describe, expect, it } from 'vitest';
import { newTenant, request, type TestTenant } from '../support/api.ts';
import { partition } from '../support/table.ts';
import { png } from '../unit/documents/file-fixtures.ts';

interface Certification {
  id: string;
  framework: string;
  issuer: string;
  issued_at: string;
  expires_at: string;
  description: string | null;
  status: 'valid' | 'expiring' | 'expired';
  file: { content_type: string; size_bytes: number; sha256: string; uploaded_at: string } | null;
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

  it('answers 404 to an id of another kind in the path: it names no certification', async () => {
    const tenant = newTenant();

    const response = await tenant.call('GET', '/api/v1/certifications/faq_00000000000000000000000000');

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { type: 'not_found', param: 'id' } });
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

/** A minimal valid one-page PDF, with a correct cross-reference table. */
function minimalPdf(text: string): Uint8Array {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

const sha256Of = async (bytes: Uint8Array) =>
  Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');

function uploadFile(tenant: TestTenant, id: string, bytes: Uint8Array, contentType = 'application/pdf') {
  return tenant.call<Certification>('PUT', `/api/v1/certifications/${id}/file`, {
    rawBody: bytes,
    headers: { 'Content-Type': contentType },
  });
}

async function fileUrl(tenant: TestTenant, id: string): Promise<string> {
  const response = await tenant.call<{ url: string; expires_at: string }>(
    'GET',
    `/api/v1/certifications/${id}/file/download-url`,
  );
  expect(response.status, response.text).toBe(200);
  return response.body.url;
}

describe('certificate files', () => {
  it('stores an uploaded PDF and shows its type, size, SHA-256 and upload time on the certification', async () => {
    const tenant = newTenant();
    const created = await certify(tenant, 'SOC 2 Type II', 200);
    const pdf = minimalPdf('SOC 2 certificate');

    const uploaded = await uploadFile(tenant, created.id, pdf);
    const read = await tenant.call<Certification>('GET', `/api/v1/certifications/${created.id}`);

    expect(created.file).toBeNull();
    expect(uploaded.status, uploaded.text).toBe(200);
    expect(uploaded.headers.get('etag')).toBe('"2"');
    expect(uploaded.body.file).toEqual({
      content_type: 'application/pdf',
      size_bytes: pdf.length,
      sha256: await sha256Of(pdf),
      uploaded_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(read.body).toEqual(uploaded.body);
  });

  it('serves exactly the uploaded bytes, as an attachment, from a short-lived download URL', async () => {
    const tenant = newTenant();
    const created = await certify(tenant, 'ISO 27001', 200);
    const pdf = minimalPdf('download me');
    await uploadFile(tenant, created.id, pdf);

    const link = await tenant.call<{ url: string; expires_at: string }>(
      'GET',
      `/api/v1/certifications/${created.id}/file/download-url`,
    );
    const file = await fetch(link.body.url);

    expect(link.status).toBe(200);
    expect(Date.parse(link.body.expires_at) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(link.body.url).toMatch(/X-Amz-Expires=300/);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="ISO-27001-certificate.pdf"');
  });

  it('replaces the file on a new upload and deletes the replaced object', async () => {
    const tenant = newTenant();
    const created = await certify(tenant, 'ISO 27001', 200);
    await uploadFile(tenant, created.id, minimalPdf('first'));
    const firstUrl = await fileUrl(tenant, created.id);
    // A whole PNG: uploads are checked to their last byte.
    const image = new Uint8Array(png());

    const replaced = await uploadFile(tenant, created.id, image, 'image/png');
    const first = await fetch(firstUrl);
    const current = await fetch(await fileUrl(tenant, created.id));

    expect(replaced.status).toBe(200);
    expect(replaced.body.file).toMatchObject({ content_type: 'image/png', size_bytes: image.length });
    expect(first.status).toBe(404);
    expect(Buffer.from(await current.arrayBuffer()).equals(Buffer.from(image))).toBe(true);
  });

  it('refuses an executable disguised as a PDF with 415 naming the body, and stores nothing', async () => {
    const tenant = newTenant();
    const created = await certify(tenant, 'ISO 27001', 200);
    const executable = new Uint8Array(
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run', 'latin1'),
    );

    const response = await uploadFile(tenant, created.id, executable);
    const after = await tenant.call<Certification>('GET', `/api/v1/certifications/${created.id}`);

    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ error: { type: 'unsupported_media_type', param: 'body' } });
    expect(after.body.file).toBeNull();
  });

  it('refuses a type outside the allowlist with 415 naming Content-Type', async () => {
    const tenant = newTenant();
    const created = await certify(tenant, 'ISO 27001', 200);

    const response = await uploadFile(tenant, created.id, new TextEncoder().encode('notes\n'), 'text/plain');

    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ error: { type: 'unsupported_media_type', param: 'Content-Type' } });
  });

  it('refuses a file over 4 MiB with 413', async () => {
    const tenant = newTenant();
    const created = await certify(tenant, 'ISO 27001', 200);
    const tooLarge = new Uint8Array(4 * 1024 * 1024 + 1);
    tooLarge.set(minimalPdf('large'));

    const response = await uploadFile(tenant, created.id, tooLarge);

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: { type: 'payload_too_large' } });
  });

  it('answers 404 for the download link of a certification without a file', async () => {
    const tenant = newTenant();
    const created = await certify(tenant, 'ISO 27001', 200);

    const response = await tenant.call('GET', `/api/v1/certifications/${created.id}/file/download-url`);

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { type: 'not_found', param: 'id' } });
  });

  it('deletes the file with the certification, so an earlier download link then answers 404', async () => {
    const tenant = newTenant();
    const created = await certify(tenant, 'ISO 27001', 200);
    await uploadFile(tenant, created.id, minimalPdf('short-lived'));
    const url = await fileUrl(tenant, created.id);

    const deleted = await tenant.call('DELETE', `/api/v1/certifications/${created.id}`);
    const file = await fetch(url);

    expect(deleted.status).toBe(204);
    expect(file.status).toBe(404);
  });

  it('commits certification.file_uploaded with the file to the outbox', async () => {
    const tenant = newTenant();
    const created = await certify(tenant, 'ISO 27001', 200);
    const uploaded = await uploadFile(tenant, created.id, minimalPdf('evented'));

    const events = (await partition(`${tenant.tenantId}#outbox`))
      .map((item) => (item as { event: { type: string; data: Record<string, unknown> } }).event)
      .filter((event) => event.type === 'certification.file_uploaded');

    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual({
      certification: uploaded.body,
      file: uploaded.body.file,
      replaced: false,
    });
  });
});

interface ExpiringEvent {
  type: string;
  actor: { type: string; id: string };
  data: {
    certification: Certification;
    days_until_expiry: number;
    reminder_offset_days: number;
    expires_at: string;
  };
}

/** Calendar date arithmetic for the injected clock. */
function shift(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/** Runs the reminder job once, as if it were 09:30 UTC on `date`. */
async function runReminders(date: string): Promise<Record<string, number>> {
  const response = await request<Record<string, number>>(
    'POST',
    `/_local/jobs/certification-reminders?now=${date}T09:30:00.000Z`,
  );
  expect(response.status, response.text).toBe(200);
  return response.body;
}

async function expiringEvents(tenant: TestTenant): Promise<ExpiringEvent[]> {
  return (await partition(`${tenant.tenantId}#outbox`))
    .map((item) => (item as { event: ExpiringEvent }).event)
    .filter((event) => event.type === 'certification.expiring');
}

// Far-future expiry dates, a different one per test, so the platform's own (real-clock) runs and the
// other tests' runs never reach these certifications.
async function certifyExpiring(tenant: TestTenant, framework: string, expiresAt: string) {
  const created = await tenant.call<Certification>('POST', '/api/v1/certifications', {
    body: { framework, issuer: 'Auditor', issued_at: shift(expiresAt, -1095), expires_at: expiresAt },
  });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

describe('renewal reminders', () => {
  it('emits certification.expiring once per offset, on each offset day, even when the job runs twice', async () => {
    const tenant = newTenant();
    const expiresAt = '2041-03-01';
    const created = await certifyExpiring(tenant, 'SOC 2 Type II', expiresAt);
    const offsets = [90, 60, 30, 14, 7, 1, 0];

    for (const offset of offsets) {
      await runReminders(shift(expiresAt, -offset));
      await runReminders(shift(expiresAt, -offset));
    }
    const events = await expiringEvents(tenant);

    expect(events.map((event) => event.data.reminder_offset_days).sort((a, b) => b - a)).toEqual(offsets);
    for (const event of events) {
      expect(event.data.days_until_expiry).toBe(event.data.reminder_offset_days);
      expect(event.data.expires_at).toBe(expiresAt);
      expect(event.data.certification).toMatchObject({ id: created.id, status: expect.any(String) });
      expect(event.actor).toEqual({ type: 'system', id: 'certification-reminders' });
    }
    // Within the default 60-day window the certification reads as expiring, before it as valid.
    const at90 = events.find((event) => event.data.reminder_offset_days === 90);
    const at60 = events.find((event) => event.data.reminder_offset_days === 60);
    expect([at90?.data.certification.status, at60?.data.certification.status]).toEqual(['valid', 'expiring']);
  });

  it('emits nothing for certifications that are not at an offset, or have already expired', async () => {
    const tenant = newTenant();
    const today = '2042-05-10';
    await certifyExpiring(tenant, 'Between 30 and 60 days', shift(today, 45));
    await certifyExpiring(tenant, 'Past the 30-day catch-up', shift(today, 20));
    await certifyExpiring(tenant, 'Beyond 90 days', shift(today, 91));
    await certifyExpiring(tenant, 'Expired yesterday', shift(today, -1));

    await runReminders(today);

    expect(await expiringEvents(tenant)).toEqual([]);
  });

  it("puts each tenant's reminders in that tenant's outbox only", async () => {
    const first = newTenant();
    const second = newTenant();
    const expiresAt = '2043-07-15';
    const mine = await certifyExpiring(first, 'ISO 27001', expiresAt);
    const theirs = await certifyExpiring(second, 'ISO 27001', expiresAt);

    await runReminders(shift(expiresAt, -30));
    const firstEvents = await expiringEvents(first);
    const secondEvents = await expiringEvents(second);

    expect(firstEvents.map((event) => event.data.certification.id)).toEqual([mine.id]);
    expect(secondEvents.map((event) => event.data.certification.id)).toEqual([theirs.id]);
  });

  it('sends one reminder when two runs race', async () => {
    const tenant = newTenant();
    const expiresAt = '2044-01-20';
    await certifyExpiring(tenant, 'PCI DSS', expiresAt);

    await Promise.all([runReminders(shift(expiresAt, -14)), runReminders(shift(expiresAt, -14))]);

    expect((await expiringEvents(tenant)).map((event) => event.data.reminder_offset_days)).toEqual([14]);
  });

  it('catches up after missed days with the latest milestone only, then carries on', async () => {
    const tenant = newTenant();
    const expiresAt = '2045-09-09';
    await certifyExpiring(tenant, 'ISO 27017', expiresAt);

    // Down from 8 days before expiry: the 7-day reminder goes out late, the 14-day one never.
    await runReminders(shift(expiresAt, -5));
    await runReminders(shift(expiresAt, -4));
    await runReminders(shift(expiresAt, -1));
    const events = await expiringEvents(tenant);

    expect(
      events
        .map((event) => [event.data.reminder_offset_days, event.data.days_until_expiry])
        .sort((a, b) => (b[0] ?? 0) - (a[0] ?? 0)),
    ).toEqual([
      [7, 5],
      [1, 1],
    ]);
  });

  it('reminds again for the new expiry date after a renewal', async () => {
    const tenant = newTenant();
    const expiresAt = '2046-04-04';
    const created = await certifyExpiring(tenant, 'SOC 2 Type II', expiresAt);
    await runReminders(shift(expiresAt, -30));

    const renewed = shift(expiresAt, 365);
    await tenant.call('PATCH', `/api/v1/certifications/${created.id}`, { body: { expires_at: renewed } });
    // On the old date's 14-day day nothing is due any more; on the new date's 30-day day it is.
    await runReminders(shift(expiresAt, -14));
    await runReminders(shift(renewed, -30));
    const events = await expiringEvents(tenant);

    expect(
      events.map((event) => `${event.data.expires_at}/${event.data.reminder_offset_days}`).sort(),
    ).toEqual([`${expiresAt}/30`, `${renewed}/30`]);
  });

  it('refuses a clock that is not an instant with 400', async () => {
    const response = await request('POST', '/_local/jobs/certification-reminders?now=yesterday');

    expect(response.status).toBe(400);
  });
});
