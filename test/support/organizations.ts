import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect, inject } from 'vitest';
import { type ApiResponse, newTenant, type RequestOptions, request, type TestTenant } from './api.ts';
import { invitationTokenFor, uniqueEmail } from './people.ts';

export const PASSWORD = 'A-strong-passw0rd!';

export type Call = <T = unknown>(
  method: string,
  path: string,
  options?: Omit<RequestOptions, 'token'>,
) => Promise<ApiResponse<T>>;

export const as =
  (token: string): Call =>
  (method, path, options = {}) =>
    request(method, path, { ...options, token });

export async function signIn(email: string, password = PASSWORD): Promise<string> {
  const response = await request<{ accessToken: string }>('POST', '/api/v1/login', {
    body: { email, password },
  });
  expect(response.status, response.text).toBe(200);
  return response.body.accessToken;
}

let operatorToken: Promise<string> | undefined;

/** A platform operator's access token (signed in once per test file). */
export function operatorJwt(): Promise<string> {
  const operator = inject('operator');
  operatorToken ??= signIn(operator.email, operator.password);
  return operatorToken;
}

/** An organization an operator created, whose owner accepted the invitation and signed in. */
export async function newOrganization(name = 'Lifecycle Org') {
  const ownerEmail = uniqueEmail('org-owner');
  const created = await request<{ id: string; slug: string }>('POST', '/api/v1/organizations', {
    token: await operatorJwt(),
    body: { name, email: ownerEmail, plan: 'enterprise' },
  });
  expect(created.status, created.text).toBe(201);
  const accepted = await request('POST', '/api/v1/invitations/accept', {
    body: { token: await invitationTokenFor(ownerEmail), password: PASSWORD },
  });
  expect(accepted.status, accepted.text).toBe(201);
  const ownerToken = await signIn(ownerEmail);
  return { orgId: created.body.id, slug: created.body.slug, ownerEmail, ownerToken, owner: as(ownerToken) };
}

/** A one-page PDF that the upload checks accept. */
export async function onePagePdf(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([612, 792]).drawText(text, { x: 72, y: 720, size: 14, font });
  return pdf.save();
}

/** A platform operator's development credential. */
export const operator = (): TestTenant => newTenant({ operator: true });

/**
 * A real organization on `plan`, created by an operator as seed 3 does (so it has an organization item,
 * a plan and its owner's pending invitation), and an admin's development credential inside it.
 */
export async function organizationOn(plan: string): Promise<{ orgId: string; admin: TestTenant }> {
  const created = await operator().call<{ id: string }>('POST', '/api/v1/organizations', {
    body: { name: `Org on ${plan}`, email: uniqueEmail('owner'), plan },
  });
  expect(created.status, created.text).toBe(201);
  const admin = newTenant({ tenantOf: { tenantId: created.body.id } as TestTenant });
  return { orgId: created.body.id, admin };
}
