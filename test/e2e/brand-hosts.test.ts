import { describe, expect, it } from 'vitest';
import { newTenant, request, type TestTenant } from '../support/api.ts';
import { giveOrganization, platformHost, uniqueSlug, visit } from '../support/brand.ts';

interface Nda {
  title: string;
  body: string;
  source: string;
}
interface Domain {
  host: string;
  kind: 'default' | 'custom';
  status: 'active' | 'pending';
  verification: { type: 'TXT'; name: string; value: string } | null;
}

/** A tenant on a paid plan with its own published NDA, whose text names it. */
async function trustCenter(name: string, plan = 'business'): Promise<TestTenant & { host: string }> {
  const tenant = newTenant();
  const { host } = await giveOrganization(tenant, { plan, name });
  const published = await tenant.call('POST', '/api/v1/ndas', {
    body: { title: `${name} NDA`, body: `The mutual NDA of ${name}.`, language: 'en' },
  });
  expect(published.status).toBe(201);
  return { ...tenant, host };
}

const publishTxt = (name: string, values: string[]) =>
  request('PUT', '/_local/dns/txt', { body: { name, values } });
const runVerification = () =>
  request<{ checked: number; verified: number }>('POST', '/_local/jobs/domain-verification');

describe('host → tenant', () => {
  it('shows each trust center on its own default host, and only its own content', async () => {
    const [acme, globex] = await Promise.all([trustCenter('Acme'), trustCenter('Globex')]);

    const [onAcme, onGlobex] = await Promise.all([
      visit<Nda>(acme.host, '/api/v1/public/ndas/current'),
      visit<Nda>(globex.host, '/api/v1/public/ndas/current'),
    ]);

    expect(onAcme.status).toBe(200);
    expect(onAcme.body).toMatchObject({ title: 'Acme NDA', source: 'tenant' });
    expect(onGlobex.body).toMatchObject({ title: 'Globex NDA', source: 'tenant' });
    const hosts = await acme.call<{ domains: Domain[] }>('GET', '/api/v1/brand/domains');
    expect(hosts.body.domains).toEqual([
      expect.objectContaining({ host: acme.host, kind: 'default', status: 'active', verification: null }),
    ]);
  });

  it('reaches nothing through a forged host, a forged viewer-host header, or another tenant’s org_id', async () => {
    const [acme, globex] = await Promise.all([trustCenter('Acme'), trustCenter('Globex')]);

    const answers = await Promise.all([
      visit(`${uniqueSlug('nobody')}.${platformHost}`, '/api/v1/public/ndas/current'),
      visit('127.0.0.1', '/api/v1/public/ndas/current', { headers: { 'X-TC-Viewer-Host': acme.host } }),
      visit(acme.host, `/api/v1/public/ndas/current?org_id=${globex.tenantId}`),
      visit(`evil.example.com`, '/api/v1/public/access-requests/challenge'),
      visit(acme.host.replace('.localhost', '.localhost.evil.example'), '/api/v1/public/ndas/current'),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404]);
    for (const answer of answers) expect(answer.bytes.toString()).not.toMatch(/Acme NDA|Globex NDA/);
  });

  it('still takes the deprecated org_id on a host of no trust center, and a matching one on its own host', async () => {
    const acme = await trustCenter('Acme');

    const byOrgId = await request<Nda>('GET', `/api/v1/public/ndas/current?org_id=${acme.tenantId}`);
    const both = await visit<Nda>(acme.host, `/api/v1/public/ndas/current?org_id=${acme.tenantId}`);

    expect(byOrgId.body).toMatchObject({ title: 'Acme NDA' });
    expect(both.body).toMatchObject({ title: 'Acme NDA' });
  });

  it('shows the demo tenant on the bare platform host', async () => {
    const bare = await visit<Nda>(platformHost, '/api/v1/public/ndas/current');

    // Whatever NDA the demo tenant shows (its seeded one, or the default): a trust center answers.
    expect(bare.status).toBe(200);
    expect(bare.body.body.length).toBeGreaterThan(0);
  });
});

describe('custom domains', () => {
  it('activates a custom domain once its TXT record is found through the local DNS server', async () => {
    const acme = await trustCenter('Acme');
    const host = `${uniqueSlug('trust')}.acme-example.com`;

    const added = await acme.call<Domain>('POST', '/api/v1/brand/domains', { body: { host } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ host, kind: 'custom', status: 'pending' });
    const record = added.body.verification;
    expect(record).toEqual({ type: 'TXT', name: `_domain-verification.${host}`, value: expect.any(String) });
    expect((await visit(host, '/api/v1/public/ndas/current')).status).toBe(404);

    // A record with another value proves nothing.
    await publishTxt(record?.name ?? '', ['domain-verification=someone-else']);
    await runVerification();
    expect((await acme.call<Domain[]>('GET', '/api/v1/brand/domains')).text).toContain('"status":"pending"');

    await publishTxt(record?.name ?? '', ['v=spf1 -all', record?.value ?? '']);
    const run = await runVerification();
    expect(run.body.verified).toBeGreaterThanOrEqual(1);

    const listed = await acme.call<{ domains: Domain[] }>('GET', '/api/v1/brand/domains');
    expect(listed.body.domains.map((domain) => [domain.host, domain.status])).toEqual([
      [acme.host, 'active'],
      [host, 'active'],
    ]);
    const onCustom = await visit<Nda>(host, '/api/v1/public/ndas/current');
    expect(onCustom.body).toMatchObject({ title: 'Acme NDA' });

    const removed = await acme.call('DELETE', `/api/v1/brand/domains/${host}`);
    expect(removed.status).toBe(204);
    expect((await visit(host, '/api/v1/public/ndas/current')).status).toBe(404);
  });

  it('gives a domain to one tenant: another claiming it gets 409, through either route', async () => {
    const [acme, globex] = await Promise.all([trustCenter('Acme'), trustCenter('Globex')]);
    const host = `${uniqueSlug('trust')}.shared-example.com`;
    expect((await acme.call('POST', '/api/v1/brand/domains', { body: { host } })).status).toBe(201);

    const viaPost = await globex.call<{ error: { type: string; message: string } }>(
      'POST',
      '/api/v1/brand/domains',
      {
        body: { host },
      },
    );
    const viaPatch = await globex.call('PATCH', '/api/v1/brand', {
      body: { deployment_domains: `other.example.org,${host}` },
    });

    expect(viaPost.status).toBe(409);
    expect(viaPost.body.error.message).toContain(host);
    expect(viaPatch.status).toBe(409);
    // Nothing of the refused change was kept.
    const globexDomains = await globex.call<{ domains: Domain[] }>('GET', '/api/v1/brand/domains');
    expect(globexDomains.body.domains.map((domain) => domain.kind)).toEqual(['default']);
  });

  it('refuses custom domains on the free plan with 403 and says why', async () => {
    const free = await trustCenter('Freebie', 'free');

    const viaPost = await free.call<{ error: { type: string; message: string } }>(
      'POST',
      '/api/v1/brand/domains',
      {
        body: { host: 'trust.freebie-example.com' },
      },
    );
    const viaPatch = await free.call('PATCH', '/api/v1/brand', {
      body: { deployment_domains: 'trust.freebie-example.com' },
    });
    const withoutDomains = await free.call('PATCH', '/api/v1/brand', {
      body: { title: 'Freebie', deployment_domains: '' },
    });

    expect(viaPost.status).toBe(403);
    expect(viaPost.body.error).toMatchObject({ type: 'permission_error' });
    expect(viaPost.body.error.message).toMatch(/free plan/);
    expect(viaPatch.status).toBe(403);
    expect(withoutDomains.status).toBe(200);
  });

  it("holds custom domains to the plan's limit, pending ones counted, on both paths that add them", async () => {
    // cdk.json's business plan allows 3 custom domains.
    const tenant = await trustCenter('Initech');
    const hosts = ['a', 'b', 'c', 'd'].map((label) => `${label}.${uniqueSlug('initech')}-example.com`);
    const three = await tenant.call('PATCH', '/api/v1/brand', {
      body: { deployment_domains: hosts.slice(0, 3).join(',') },
    });
    expect(three.status, three.text).toBe(200);

    const viaPost = await tenant.call<{ error: { type: string; message: string } }>(
      'POST',
      '/api/v1/brand/domains',
      { body: { host: hosts[3] } },
    );
    const viaPatch = await tenant.call<{ error: { type: string; message: string } }>(
      'PATCH',
      '/api/v1/brand',
      { body: { deployment_domains: hosts.join(',') } },
    );
    const swapped = await tenant.call('PATCH', '/api/v1/brand', {
      body: { deployment_domains: [hosts[0], hosts[1], hosts[3]].join(',') },
    });
    const usage = await tenant.call<{ custom_domains: { limit: number; used: number } }>(
      'GET',
      `/api/v1/organizations/${tenant.tenantId}/usage`,
    );
    const listed = await tenant.call<{ domains: Domain[] }>('GET', '/api/v1/brand/domains');

    for (const refused of [viaPost, viaPatch]) {
      expect(refused.status, refused.text).toBe(403);
      expect(refused.body.error.type).toBe('quota_exceeded');
      expect(refused.body.error.message).toMatch(/Business plan allows 3 custom domains/);
    }
    // Giving one up for another stays within the limit.
    expect(swapped.status, swapped.text).toBe(200);
    expect(usage.body.custom_domains).toEqual({ limit: 3, used: 3 });
    expect(
      listed.body.domains
        .filter((domain) => domain.kind === 'custom')
        .map((domain) => [domain.host, domain.status])
        .sort(),
    ).toEqual([hosts[0], hosts[1], hosts[3]].map((host) => [host, 'pending']).sort());
  });

  it("knows one limit on custom domains, the plan's: past it the answer is quota_exceeded, whatever the list's length", async () => {
    // cdk.json's enterprise plan allows 10; no other cap stands beside it (a list of 11 is not a 400).
    const tenant = await trustCenter('Globex', 'enterprise');
    const hosts = Array.from({ length: 11 }, (_, index) => `h${index}.${uniqueSlug('globex')}-example.com`);

    const eleven = await tenant.call<{ error: { type: string; message: string } }>('PATCH', '/api/v1/brand', {
      body: { deployment_domains: hosts.join(',') },
    });
    const ten = await tenant.call('PATCH', '/api/v1/brand', {
      body: { deployment_domains: hosts.slice(0, 10).join(',') },
    });
    const eleventh = await tenant.call<{ error: { type: string; message: string } }>(
      'POST',
      '/api/v1/brand/domains',
      {
        body: { host: hosts[10] },
      },
    );

    for (const refused of [eleven, eleventh]) {
      expect(refused.status, refused.text).toBe(403);
      expect(refused.body.error.type).toBe('quota_exceeded');
      expect(refused.body.error.message).toMatch(/Enterprise plan allows 10 custom domains/);
    }
    expect(ten.status, ten.text).toBe(200);
  });
});
