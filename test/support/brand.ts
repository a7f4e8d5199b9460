import { request as httpRequest } from 'node:http';
import { GetCommand, type PutCommandInput, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { organizationSlugs, organizations } from '#services/identity/store';
import { newId } from '#shared/ids';
import { baseUrl, type TestTenant } from './api.ts';
import { table, tableName } from './table.ts';

type PutParams = PutCommandInput;

/** The local platform's own host (`localhost:<port>`): tenants' default hosts are `<slug>.` before it. */
export const platformHost = `localhost:${new URL(inject('baseUrl')).port}`;

/** A fresh DNS label for a test tenant's slug. */
export function uniqueSlug(prefix = 'tc'): string {
  return `${prefix}-${newId('organization').slice(-10).toLowerCase()}`;
}

/**
 * Gives a test tenant the organization item a real one has (name, slug, plan), so its default host
 * `<slug>.localhost:<port>` resolves to it. Written as the identity service stores it (with its slug
 * claim). A tenant that has one keeps it.
 */
export async function giveOrganization(
  tenant: Pick<TestTenant, 'tenantId'>,
  options: { slug?: string; plan?: string; name?: string } = {},
): Promise<{ slug: string; host: string }> {
  const slug = options.slug ?? uniqueSlug();
  const now = new Date().toISOString();
  const organization = organizations
    .create({
      orgId: tenant.tenantId,
      name: options.name ?? `Org ${slug}`,
      slug,
      slugClaimed: true,
      plan: options.plan ?? 'business',
      ownerEmail: `owner@${slug}.example`,
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .params({ table: tableName }) as PutParams;
  const claim = organizationSlugs
    .create({ slug, orgId: tenant.tenantId })
    .params({ table: tableName }) as PutParams;
  try {
    await table.send(new TransactWriteCommand({ TransactItems: [{ Put: organization }, { Put: claim }] }));
  } catch (error) {
    // The tenant has its organization already (a second call): answer the slug it holds.
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    const { Item } = await table.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: `${tenant.tenantId}#organization`, sk: 'organization' },
      }),
    );
    if (typeof Item?.slug !== 'string') throw error;
    return { slug: Item.slug, host: `${Item.slug}.${platformHost}` };
  }
  return { slug, host: `${slug}.${platformHost}` };
}

export interface Visit<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  bytes: Buffer;
}

/**
 * A request as a visitor's browser sends it to a host of the platform: the Host header names the trust
 * center (Node's fetch always sends the URL's own host, so this goes through node:http).
 */
export function visit<T = unknown>(
  host: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Visit<T>> {
  const url = new URL(path, baseUrl);
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? 'GET',
        headers: {
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
          ...options.headers,
          Host: host,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          let body: unknown = bytes.toString('utf8');
          try {
            body = JSON.parse(body as string);
          } catch {
            // Not JSON: the caller reads `bytes`.
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: body as T, bytes });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
