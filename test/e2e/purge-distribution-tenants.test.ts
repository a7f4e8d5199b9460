/**
 * The purge stops a deleted organization's custom domains at the edge: brand's
 * `releaseTenantDistributions` disables the CloudFront distribution tenant of each of its domains.
 *
 * CloudFront's control plane cannot run here (no emulator speaks it), so this test serves its REST API
 * for distribution tenants (GetDistributionTenant, UpdateDistributionTenant; 2020-05-31, XML) from a small
 * HTTP server, and the real AWS SDK client reaches it through `AWS_ENDPOINT_URL_CLOUDFRONT`. The table is
 * the real one (DynamoDB Local), written through the API.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueSlug } from '../support/brand.ts';
import { newOrganization } from '../support/organizations.ts';
import { useTableFromThisProcess } from '../support/table.ts';

interface FakeTenant {
  enabled: boolean;
  etag: string;
}

const XMLNS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const tenants = new Map<string, FakeTenant>();
const calls: { method: string; id: string; ifMatch?: string; body: string }[] = [];
let failUpdates = false;
let server: Server;

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const tenantXml = (id: string, tenant: FakeTenant) =>
  `<?xml version="1.0" encoding="UTF-8"?><DistributionTenant xmlns="${XMLNS}"><Id>${id}</Id><Enabled>${tenant.enabled}</Enabled></DistributionTenant>`;
const errorXml = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${code}</Message></Error><RequestId>test</RequestId></ErrorResponse>`;

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const id = decodeURIComponent(
      request.url?.match(/\/2020-05-31\/distribution-tenant\/([^/?]+)/)?.[1] ?? '',
    );
    const body = await bodyOf(request);
    const ifMatch = request.headers['if-match'] as string | undefined;
    calls.push({ method: request.method ?? '', id, ifMatch, body });
    const tenant = tenants.get(id);
    const answer = (status: number, xml: string, etag?: string) => {
      response.writeHead(status, { 'Content-Type': 'text/xml', ...(etag ? { ETag: etag } : {}) });
      response.end(xml);
    };
    if (!tenant) return answer(404, errorXml('EntityNotFound'));
    if (request.method === 'GET') return answer(200, tenantXml(id, tenant), tenant.etag);
    if (request.method === 'PUT') {
      if (failUpdates) return answer(500, errorXml('InternalError'));
      if (ifMatch !== tenant.etag) return answer(412, errorXml('PreconditionFailed'));
      tenant.enabled = !body.includes('<Enabled>false</Enabled>');
      tenant.etag = `E${calls.length}`;
      return answer(200, tenantXml(id, tenant), tenant.etag);
    }
    answer(400, errorXml('InvalidArgument'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  useTableFromThisProcess();
  process.env.AWS_ENDPOINT_URL_CLOUDFRONT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** An organization with `count` custom domains, each given a distribution tenant as verification does in AWS. */
async function organizationWithServedDomains(count: number) {
  const org = await newOrganization('Edge Corp');
  const { domains } = await import('#services/brand/store');
  const { config } = await import('#shared/config');
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const host = `${uniqueSlug('edge')}.example.com`;
    const added = await org.owner('POST', '/api/v1/brand/domains', { body: { host } });
    expect(added.status, added.text).toBe(201);
    const id = `DT${uniqueSlug('t')
      .replace(/[^a-z0-9]/gi, '')
      .toUpperCase()}`;
    await domains.patch({ host }).set({ distributionTenantId: id }).go({ table: config.tableName });
    tenants.set(id, { enabled: true, etag: 'E1' });
    ids.push(id);
  }
  return { orgId: org.orgId, ids };
}

describe("the purge and a deleted organization's custom domains", () => {
  it('disables the distribution tenant of every custom domain, with the ETag it read', async () => {
    const { releaseTenantDistributions } = await import('#services/brand/public');
    const { orgId, ids } = await organizationWithServedDomains(2);

    expect(await releaseTenantDistributions(orgId)).toBe(2);

    for (const id of ids) {
      expect(tenants.get(id)?.enabled).toBe(false);
      const update = calls.find((call) => call.method === 'PUT' && call.id === id);
      expect(update?.ifMatch).toBe('E1');
    }
  });

  it('is idempotent: a tenant already disabled, or gone from CloudFront, is left as it is', async () => {
    const { releaseTenantDistributions } = await import('#services/brand/public');
    const { orgId, ids } = await organizationWithServedDomains(2);
    const [disabled, gone] = ids as [string, string];
    tenants.set(disabled, { enabled: false, etag: 'E9' });
    tenants.delete(gone);

    expect(await releaseTenantDistributions(orgId)).toBe(2);

    expect(calls.filter((call) => call.method === 'PUT' && ids.includes(call.id))).toHaveLength(0);
  });

  it('fails, so that the purge stops before deleting anything and retries, when CloudFront refuses', async () => {
    const { releaseTenantDistributions } = await import('#services/brand/public');
    const { orgId, ids } = await organizationWithServedDomains(1);
    failUpdates = true;
    try {
      await expect(releaseTenantDistributions(orgId)).rejects.toThrow();
    } finally {
      failUpdates = false;
    }
    expect(tenants.get(ids[0] as string)?.enabled).toBe(true);
  });
});
