import { PDFDocument } from 'pdf-lib';
import { expect } from 'vitest';
import { request, type TestTenant } from './api.ts';

/** Waits until every committed event has been published and consumed (the counters are folded). */
export async function settle(): Promise<void> {
  const settled = await request('POST', '/_local/events/settle');
  expect(settled.status, settled.text).toBe(200);
}

/** A published document of the tenant: created at `accessLevel` with a one-page PDF, so visitors see it. */
export async function documentWithFile(
  tenant: TestTenant,
  accessLevel: string,
  title: string,
): Promise<string> {
  const created = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
    body: { title, access_level: accessLevel },
  });
  expect(created.status, created.text).toBe(201);
  const pdf = await PDFDocument.create();
  pdf.addPage([612, 792]).drawText(title, { x: 72, y: 720 });
  const uploaded = await tenant.call('PUT', `/api/v1/documents/${created.body.id}/file`, {
    rawBody: await pdf.save(),
    headers: { 'Content-Type': 'application/pdf' },
  });
  expect(uploaded.status, uploaded.text).toBe(200);
  return created.body.id;
}
