import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { organizations } from '#services/identity/store';
import { request, type TestTenant } from './api.ts';
import { table, tableName } from './table.ts';

/**
 * Gives a test tenant the organization item a real tenant has, so its public trust center routes (which
 * name the organization, having no credential) find it. Development credentials mint tenant ids without one.
 */
export async function openTrustCenter(tenant: Pick<TestTenant, 'tenantId'>, name = 'Acme'): Promise<void> {
  const now = new Date().toISOString();
  const params = organizations
    .create({
      orgId: tenant.tenantId,
      name,
      slug: name.toLowerCase(),
      plan: 'free',
      ownerEmail: `owner@${name.toLowerCase()}.example`,
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .params({ table: tableName }) as ConstructorParameters<typeof PutCommand>[0];
  try {
    await table.send(new PutCommand(params));
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

export interface Challenge {
  challenge: string;
  difficulty: number;
  expires_at: string;
}

function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte !== 0) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

/** The nonce a browser would find: SHA-256(challenge + nonce) starts with `difficulty` zero bits. */
export function solve(challenge: Challenge): { challenge: string; nonce: string } {
  for (let nonce = 0; ; nonce += 1) {
    const digest = createHash('sha256').update(`${challenge.challenge}${nonce}`).digest();
    if (leadingZeroBits(digest) >= challenge.difficulty)
      return { challenge: challenge.challenge, nonce: String(nonce) };
  }
}

export async function fetchChallenge(orgId: string): Promise<Challenge> {
  const response = await request<Challenge>(
    'GET',
    `/api/v1/public/access-requests/challenge?org_id=${orgId}`,
  );
  if (response.status !== 200) throw new Error(`No challenge: ${response.status} ${response.text}`);
  return response.body;
}

/** Submits the public form for the tenant's trust center, with a solved proof of work. */
export async function submitAccessRequest<T = { id: string; review_status: string }>(
  tenant: Pick<TestTenant, 'tenantId'>,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const pow = solve(await fetchChallenge(tenant.tenantId));
  return request<T>('POST', '/api/v1/public/access-requests', {
    body: { org_id: tenant.tenantId, nda_accepted: false, pow, ...body },
    headers,
  });
}

/**
 * One access request of the tenant, for suites that need an id of that kind. It also publishes an NDA
 * version and accepts it, so two calls leave the tenant two of each (the NDA list has no id kind of its own).
 */
export async function makeAccessRequest(tenant: TestTenant): Promise<string> {
  await openTrustCenter(tenant);
  const document = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
    body: { title: 'Requested', access_level: 'requires_nda' },
  });
  await tenant.call('POST', '/api/v1/ndas', { body: { title: 'NDA', body: 'Keep it secret.' } });
  const submitted = await submitAccessRequest(tenant, {
    name: 'Isolated Visitor',
    email: `visitor-${Math.random().toString(36).slice(2)}@isolated.example`,
    company: 'Isolated',
    document_ids: [document.body.id],
    nda_accepted: true,
  });
  if (submitted.status !== 201)
    throw new Error(`Access request refused: ${submitted.status} ${submitted.text}`);
  return submitted.body.id;
}

export interface Mail {
  destination: { to: string[] };
  subject: string;
  body: { text: string };
}

/** The mail the local SES captured for one address, oldest first. */
export async function mailsTo(email: string): Promise<Mail[]> {
  const mail = await request<{ emails: Mail[] }>('GET', '/_local/mail');
  return mail.body.emails.filter((item) => item.destination.to.includes(email));
}

/** The magic link's token in an approval mail. */
export function magicToken(mail: Mail | undefined): string {
  const token = mail?.body.text.match(/\/access\?token=([^\s]+)/)?.[1];
  if (!token) throw new Error(`No magic link in ${JSON.stringify(mail)}`);
  return decodeURIComponent(token);
}
